// Notification configurations checked as S3 checks them when they are saved (each queue, topic and function
// must exist), and the object events beyond creation and removal: s3:ObjectTagging:Put/Delete and
// s3:ObjectAcl:Put. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectTaggingCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { rawRequest, sqsClient, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client, sendEventsToQueue } from './helpers.js';

describe('S3 notification configuration', () => {
  let cloud: Cloud;
  let s3: S3Client;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    sqs = sqsClient(cloud);
    await s3.send(new CreateBucketCommand({ Bucket: 'watched' }));
  });
  after(async () => {
    sqs.destroy();
    await cloud.stop();
  });

  const missingQueue = 'arn:aws:sqs:us-east-1:000000000000:no-such-queue';
  const missingTopic = 'arn:aws:sns:us-east-1:000000000000:no-such-topic';
  const missingFunction = 'arn:aws:lambda:us-east-1:000000000000:function:no-such-function';

  it('refuses destinations that do not exist with InvalidArgument naming each, and saves nothing', async () => {
    const failed = await errorOf(
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'watched',
          NotificationConfiguration: {
            QueueConfigurations: [{ QueueArn: missingQueue, Events: ['s3:ObjectCreated:*'] }],
          },
        }),
      ),
    );
    assert.equal(failed.name, 'InvalidArgument');
    assert.equal(failed.$metadata.httpStatusCode, 400);
    assert.equal(failed.message, 'Unable to validate the following destination configurations');
    const saved = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'watched' }));
    assert.equal(saved.QueueConfigurations, undefined);

    const xml = `<NotificationConfiguration>
      <TopicConfiguration><Topic>${missingTopic}</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>
      <CloudFunctionConfiguration><CloudFunction>${missingFunction}</CloudFunction><Event>s3:ObjectRemoved:*</Event></CloudFunctionConfiguration>
    </NotificationConfiguration>`;
    const raw = await rawRequest(cloud, { method: 'PUT', path: '/watched?notification', body: xml });
    assert.equal(raw.status, 400);
    assert.match(raw.text, /<Code>InvalidArgument<\/Code>/);
    assert.match(raw.text, new RegExp(`<ArgumentName1>${missingTopic}</ArgumentName1>`));
    assert.match(raw.text, /<ArgumentValue1>The destination topic does not exist<\/ArgumentValue1>/);
    assert.match(raw.text, new RegExp(`<ArgumentName2>${missingFunction}</ArgumentName2>`));
    assert.match(raw.text, /<ArgumentValue2>The destination Lambda does not exist<\/ArgumentValue2>/);
  });

  it('saves a configuration with missing destinations when SkipDestinationValidation is set', async () => {
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'watched',
        SkipDestinationValidation: true,
        NotificationConfiguration: {
          QueueConfigurations: [{ QueueArn: missingQueue, Events: ['s3:ObjectCreated:*'] }],
        },
      }),
    );
    const saved = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'watched' }));
    assert.equal(saved.QueueConfigurations?.[0]?.QueueArn, missingQueue);
  });

  it('sends s3:ObjectTagging:Put, s3:ObjectTagging:Delete and s3:ObjectAcl:Put', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'tagged' }));
    const QueueUrl = await sendEventsToQueue(s3, sqs, 'tagged', 'object-changes', [
      's3:ObjectTagging:*',
      's3:ObjectAcl:Put',
    ]);
    await s3.send(new PutObjectCommand({ Bucket: 'tagged', Key: 'doc', Body: 'hello' }));
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: 'tagged',
        Key: 'doc',
        Tagging: { TagSet: [{ Key: 'team', Value: 'a' }] },
      }),
    );
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tagged', Key: 'doc' }));
    await s3.send(new PutObjectAclCommand({ Bucket: 'tagged', Key: 'doc', ACL: 'private' }));
    interface Record {
      eventName: string;
      s3: { object: { key: string; eTag?: string } };
    }
    const records: Record[] = [];
    for (let i = 0; i < 20 && records.length < 3; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) {
        records.push(...((JSON.parse(message.Body!) as { Records?: Record[] }).Records ?? []));
      }
    }
    assert.deepEqual(
      records.map((record) => record.eventName),
      ['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put'],
    );
    assert.equal(records[0]!.s3.object.key, 'doc');
    assert.ok(records[0]!.s3.object.eTag);
  });
});
