// Concurrency: competing consumers never receive the same message within its visibility timeout.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('SQS under concurrency', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  it('gives each message to exactly one of 8 concurrent receivers', async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'contended', Attributes: { VisibilityTimeout: '300' } }),
    );
    const total = 500;
    for (let i = 0; i < total; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: String(i + j) })),
        }),
      );
    }
    const seen = new Map<string, number>();
    const receiver = async (id: number) => {
      const client = sqsClient(cloud);
      for (;;) {
        const { Messages } = await client.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
        );
        if (!Messages) return;
        for (const message of Messages) {
          assert.equal(seen.has(message.MessageId!), false, `message ${message.Body} received twice`);
          seen.set(message.MessageId!, id);
        }
        // Delete half the batches, leave the rest in flight: neither may be received again.
        if (id % 2 === 0) {
          await client.send(
            new DeleteMessageBatchCommand({
              QueueUrl,
              Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, id) => receiver(id)));
    assert.equal(seen.size, total);
    assert.ok(new Set(seen.values()).size > 1, 'the work was shared between receivers');
  });

  it('wakes each of several long pollers with different messages', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'pollers' }));
    const polls = Array.from({ length: 4 }, () =>
      sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 1 })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: Array.from({ length: 4 }, (_, i) => ({ Id: `p${i}`, MessageBody: `poll ${i}` })),
      }),
    );
    const results = await Promise.all(polls);
    const bodies = results.map((r) => r.Messages?.[0]?.Body).sort();
    assert.deepEqual(bodies, ['poll 0', 'poll 1', 'poll 2', 'poll 3']);
  });
});
