// Helpers for S3 tests: a path-style client for an endpoint, the S3 error a call fails with, and a queue
// that receives a bucket's events.

import assert from 'node:assert/strict';
import {
  PutBucketNotificationConfigurationCommand,
  S3Client,
  type Event as S3Event,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TEST_CREDENTIALS } from '../support/helpers.js';

export function s3Client(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({ endpoint, region, credentials: TEST_CREDENTIALS, forcePathStyle: true });
}

/** The S3ServiceException `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof S3ServiceException, String(error));
    return error;
  }
  assert.fail('expected an error');
}

/** A new queue `queue` that receives the bucket's `events` (the bucket must exist); resolves its URL. */
export async function sendEventsToQueue(
  s3: S3Client,
  sqs: SQSClient,
  bucket: string,
  queue: string,
  events: string[],
): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queue }));
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: [
          { QueueArn: `arn:aws:sqs:us-east-1:000000000000:${queue}`, Events: events as S3Event[] },
        ],
      },
    }),
  );
  return QueueUrl!;
}
