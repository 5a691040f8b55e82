// A short fuzz of the protocol decoders: random and mutated JSON and awsQuery bodies must get an AWS
// error (4xx) or a success, never a 5xx, a hang or a crash. Seeded, so a failure is reproducible.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { random, rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

const OPERATIONS = [
  'CreateQueue',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'ListQueues',
  'TagQueue',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
  'AddPermission',
];

describe('decoder fuzz', () => {
  let cloud: Cloud;
  let queueUrl: string;
  before(async () => {
    cloud = await startTestCloud();
    const created = await rawRequest(cloud, {
      headers: {
        'x-amz-target': 'AmazonSQS.CreateQueue',
        'content-type': 'application/x-amz-json-1.0',
        authorization: sigv4Header('sqs'),
      },
      body: JSON.stringify({ QueueName: 'fuzz' }),
    });
    queueUrl = (JSON.parse(created.text) as { QueueUrl: string }).QueueUrl;
  });
  after(() => cloud.stop());

  it('answers 600 random JSON requests without a server error', async () => {
    const next = random(20261122);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const value = (depth: number): unknown => {
      switch (Math.floor(next() * (depth > 2 ? 5 : 8))) {
        case 0:
          return null;
        case 1:
          return Math.floor(next() * 1e6) - 5e5;
        case 2:
          return next() < 0.5;
        case 3:
          return pick(['', 'x', queueUrl, 'All', 'String', '\u0000', '𝄞', 'a'.repeat(300), 'bm9wZQ==']);
        case 4:
          return next() * 1e30;
        case 5:
          return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
        default: {
          const keys = [
            'QueueUrl',
            'QueueName',
            'MessageBody',
            'Entries',
            'Id',
            'ReceiptHandle',
            'Attributes',
            'MessageAttributes',
            'DataType',
            'StringValue',
            'BinaryValue',
            'MaxNumberOfMessages',
            'VisibilityTimeout',
            'AttributeNames',
            'Tags',
            'SourceArn',
            'TaskHandle',
            'Label',
            'DelaySeconds',
            'MessageGroupId',
          ];
          return Object.fromEntries(
            Array.from({ length: Math.floor(next() * 5) }, () => [pick(keys), value(depth + 1)]),
          );
        }
      }
    };
    for (let i = 0; i < 600; i++) {
      const operation = pick(OPERATIONS);
      const input = value(0);
      const body =
        next() < 0.1 ? JSON.stringify(input).slice(0, Math.floor(next() * 20)) : JSON.stringify(input);
      const response = await rawRequest(cloud, {
        headers: {
          'x-amz-target': `AmazonSQS.${operation}`,
          'content-type': 'application/x-amz-json-1.0',
          authorization: sigv4Header('sqs'),
        },
        body,
      });
      assert.ok(response.status < 500, `${operation} ${body} → ${response.status} ${response.text}`);
    }
  });

  it('answers 400 random awsQuery requests without a server error', async () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const keys = [
      'QueueUrl',
      'QueueName',
      'MessageBody',
      'Attribute.1.Name',
      'Attribute.1.Value',
      'Attribute.2.Name',
      'MessageAttribute.1.Name',
      'MessageAttribute.1.Value.DataType',
      'MessageAttribute.1.Value.StringValue',
      'MessageAttribute.1.Value.BinaryValue',
      'SendMessageBatchRequestEntry.1.Id',
      'SendMessageBatchRequestEntry.1.MessageBody',
      'SendMessageBatchRequestEntry.2.Id',
      'AttributeName.1',
      'MaxNumberOfMessages',
      'Tag.1.Key',
      'Tag.1.Value',
      'DeleteMessageBatchRequestEntry.1.Id',
      'ReceiptHandle',
      'VisibilityTimeout',
      'Entries.member.1.Id',
      '.',
      '..1',
      'a.b.c.1',
    ];
    const values = [
      '',
      'x',
      queueUrl,
      'All',
      'String',
      'Number',
      'Binary',
      '12',
      '-1',
      '99999999999999999999',
      '%00',
      '!!',
    ];
    for (let i = 0; i < 400; i++) {
      const params = new URLSearchParams({ Action: pick(OPERATIONS), Version: '2012-11-05' });
      for (let j = Math.floor(next() * 6); j > 0; j--) params.append(pick(keys), pick(values));
      const response = await rawRequest(cloud, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: sigv4Header('sqs') },
        body: params.toString(),
      });
      assert.ok(response.status < 500, `${params} → ${response.status} ${response.text}`);
      assert.match(response.text, /^<\?xml/);
    }
  });
});
