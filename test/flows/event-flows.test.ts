// The event flows between services, end to end with real functions: S3 → Lambda, SNS → Lambda,
// EventBridge → Lambda and S3 → EventBridge → Lambda. Each function forwards the event it got to an SQS queue, where the test reads it.
// Event shapes: https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html, .../with-sns.html, and
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { post, presignedForm } from '../s3/post-helpers.js';
import { sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

const RECORDER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUT_URL, MessageBody: JSON.stringify(event) }));
};`;

interface S3Event {
  Records: {
    eventSource: string;
    eventName: string;
    awsRegion: string;
    s3: { bucket: { name: string; arn: string }; object: { key: string; size: number } };
  }[];
}
interface SnsEvent {
  Records: {
    EventSource: string;
    Sns: { Message: string; Subject: string; TopicArn: string; Type: string };
  }[];
}
interface BusEvent {
  source: string;
  'detail-type': string;
  detail: unknown;
  account: string;
}

describe('event flows into Lambda', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  const options = () => ({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  /** A recorder function and its output queue; resolves the function's ARN and a reader of what it saw. */
  const recorder = async (name: string) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-out` }));
    const created = await createFunction(
      lambda,
      name,
      { 'index.js': RECORDER },
      { environment: { OUT_URL: QueueUrl! }, timeout: 10 },
    );
    const next = async (): Promise<Record<string, unknown>> => {
      for (let i = 0; i < 200; i++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
        if (Messages?.[0]) return JSON.parse(Messages[0].Body ?? '{}');
        await new Promise((r) => setTimeout(r, 25));
      }
      return assert.fail(`${name} was never invoked`);
    };
    return { arn: created.FunctionArn!, next };
  };

  it('invokes a function for an S3 upload with the S3 event record', async () => {
    const { arn, next } = await recorder('on-upload');
    const s3 = new S3Client({ ...options(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'uploads',
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              LambdaFunctionArn: arn,
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.json' }] } },
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'skip.txt', Body: 'not this one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'orders/1.json', Body: '{"id":1}' }));
    const event = (await next()) as unknown as S3Event;
    const record = event.Records[0]!;
    assert.equal(record.eventSource, 'aws:s3');
    assert.equal(record.eventName, 'ObjectCreated:Put');
    assert.equal(record.awsRegion, 'us-east-1');
    assert.equal(record.s3.bucket.name, 'uploads');
    assert.equal(record.s3.bucket.arn, 'arn:aws:s3:::uploads');
    assert.equal(record.s3.object.key, 'orders/1.json');
    assert.equal(record.s3.object.size, 8);
  });

  it('invokes a function subscribed to an SNS topic with the Sns record', async () => {
    const { arn, next } = await recorder('on-notice');
    const sns = new SNSClient(options());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'notices' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: arn }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'hello lambda', Subject: 'greeting' }));
    const event = (await next()) as unknown as SnsEvent;
    const record = event.Records[0]!;
    assert.equal(record.EventSource, 'aws:sns');
    assert.equal(record.Sns.Message, 'hello lambda');
    assert.equal(record.Sns.Subject, 'greeting');
    assert.equal(record.Sns.TopicArn, TopicArn);
    assert.equal(record.Sns.Type, 'Notification');
  });

  it('invokes a function that is the target of an EventBridge rule, with the event itself', async () => {
    const { arn, next } = await recorder('on-order');
    const events = new EventBridgeClient(options());
    await events.send(
      new PutRuleCommand({
        Name: 'big-orders',
        EventPattern: JSON.stringify({ source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } }),
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'big-orders', Targets: [{ Id: 'fn', Arn: arn }] }));
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ total: 5 }) },
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ total: 500 }) },
        ],
      }),
    );
    const event = (await next()) as unknown as BusEvent;
    assert.equal(event.source, 'shop');
    assert.equal(event['detail-type'], 'OrderPlaced');
    assert.deepEqual(event.detail, { total: 500 });
    assert.equal(event.account, '000000000000');
  });

  it('sends S3 events to EventBridge, where a rule on aws.s3 routes them to a function', async () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
    const { arn, next } = await recorder('on-s3-bus');
    const events = new EventBridgeClient(options());
    await events.send(
      new PutRuleCommand({
        Name: 's3-created',
        EventPattern: JSON.stringify({
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: ['lake'] }, object: { key: [{ prefix: 'raw/' }] } },
        }),
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: 's3-created', Targets: [{ Id: 'fn', Arn: arn }] }));
    const s3 = new S3Client({ ...options(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'lake' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'lake',
        NotificationConfiguration: { EventBridgeConfiguration: {} },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'lake', Key: 'other/0.csv', Body: 'skipped' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lake', Key: 'raw/1.csv', Body: 'a,b\n1,2\n' }));
    const event = (await next()) as unknown as BusEvent & {
      resources: string[];
      detail: { bucket: { name: string }; object: { key: string; size: number }; reason: string };
    };
    assert.equal(event.source, 'aws.s3');
    assert.equal(event['detail-type'], 'Object Created');
    assert.deepEqual(event.resources, ['arn:aws:s3:::lake']);
    assert.equal(event.detail.bucket.name, 'lake');
    assert.equal(event.detail.object.key, 'raw/1.csv');
    assert.equal(event.detail.object.size, 8);
    assert.equal(event.detail.reason, 'PutObject');
    // A browser-form upload: reason "POST Object" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html).
    const posted = await post(await presignedForm(s3, { Bucket: 'lake', Key: 'raw/2.csv' }));
    assert.equal(posted.status, 204);
    const fromForm = (await next()) as unknown as { detail: { object: { key: string }; reason: string } };
    assert.equal(fromForm.detail.object.key, 'raw/2.csv');
    assert.equal(fromForm.detail.reason, 'POST Object');
  });

  it('still refuses aws.* sources from clients', async () => {
    const events = new EventBridgeClient(options());
    const result = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' }] }),
    );
    assert.equal(result.FailedEntryCount, 1);
    assert.equal(result.Entries?.[0]?.ErrorCode, 'NotAuthorizedForSourceException');
  });
});
