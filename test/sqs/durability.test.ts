// Durability: what SQS acknowledged survives `kill -9`, and in-flight messages come back after their
// visibility timeout when Nimbus restarts on the same data dir.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { kill9, startNimbusProcess as startNimbus, TEST_CREDENTIALS } from '../support/helpers.js';

describe('SQS durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged message across SIGKILL, and in-flight ones reappear after their timeout', async () => {
    const first = await startNimbus(dataDir);
    const client = (endpoint: string) =>
      new SQSClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    let sqs = client(first.endpoint);
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '2' } }),
    );
    const total = 200;
    for (let i = 0; i < total; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, j) => ({
            Id: `m${i + j}`,
            MessageBody: `message ${i + j}`,
          })),
        }),
      );
    }
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'the last one' }));
    const inFlight = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.equal(inFlight.Messages?.length, 10);
    await kill9(first.child);

    const second = await startNimbus(dataDir);
    try {
      sqs = client(second.endpoint);
      // The queue URL names the old port; SQS resolves queues by account and name.
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
      );
      assert.equal(
        Number(Attributes?.ApproximateNumberOfMessages) +
          Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
        total + 1,
      );
      assert.equal(Attributes?.VisibilityTimeout, '2');
      // Drain everything; the in-flight ten come back once their 2-second timeout passes.
      const bodies = new Set<string>();
      const deadline = Date.now() + 15_000;
      while (bodies.size < total + 1 && Date.now() < deadline) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            VisibilityTimeout: 60,
          }),
        );
        for (const message of Messages ?? []) bodies.add(message.Body!);
      }
      assert.equal(bodies.size, total + 1);
      for (const message of inFlight.Messages ?? []) assert.ok(bodies.has(message.Body!));
    } finally {
      await kill9(second.child);
    }
  });
});

describe('the data dir', () => {
  it('belongs to one Nimbus at a time: a second one on the same dir exits with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-lock-'));
    const first = await startNimbus(dataDir);
    try {
      await assert.rejects(
        startNimbus(dataDir),
        /exited \(1\) before it was ready: [\s\S]*is in use by another Nimbus/,
      );
    } finally {
      await kill9(first.child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
