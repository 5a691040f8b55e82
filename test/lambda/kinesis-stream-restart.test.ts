// A Kinesis mapping across `kill -9`: after a restart on the same data dir it resumes from its checkpoint,
// so records its function already processed are not sent again and records written after are.
// AWS's own promise for stream mappings is at-least-once; a batch in flight at the kill may run twice,
// so the kill here comes once the mapping is idle and every batch it ran has been checkpointed.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateStreamCommand, KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';
import { createFunction } from './helpers.js';

// Sends each record's data to the queue at OUT_PATH on whatever port this Nimbus listens on.
const HANDLER = `
const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const entries = event.Records.map((r, i) => ({ Id: String(i), MessageBody: Buffer.from(r.kinesis.data, 'base64').toString() }));
  for (let i = 0; i < entries.length; i += 10)
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.AWS_ENDPOINT_URL + process.env.OUT_PATH, Entries: entries.slice(i, i + 10) }));
};`;

describe('Lambda Kinesis mapping across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-kinesis-mapping-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes from its checkpoint after SIGKILL: nothing processed is sent again, nothing new is missed', async () => {
    const first = await startNimbusProcess(dataDir);
    let kinesis = client(first.endpoint, KinesisClient);
    let sqs = client(first.endpoint, SQSClient);
    const lambda = client(first.endpoint, LambdaClient);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 2 }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'seen' }));
    const outPath = new URL(QueueUrl!).pathname;
    const fn = await createFunction(
      lambda,
      'consumer',
      { 'index.js': HANDLER },
      {
        environment: { OUT_PATH: outPath },
        timeout: 10,
      },
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: fn.FunctionArn,
        EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/orders',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 25,
      }),
    );
    await put(kinesis, 'before', 60);
    const beforeKill = await drain(sqs, first.endpoint + outPath, 60);
    assert.equal(beforeKill.length, 60);
    // The checkpoint is written when the invocation returns: give the last one time to commit.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      kinesis = client(second.endpoint, KinesisClient);
      sqs = client(second.endpoint, SQSClient);
      await put(kinesis, 'after', 40);
      const afterRestart = await drain(sqs, second.endpoint + outPath, 40);
      assert.deepEqual(
        afterRestart.sort(),
        Array.from({ length: 40 }, (_, i) => `after-${i}`).sort(),
        'only the records written after the restart are delivered',
      );
      // Nothing further arrives (a replay from TRIM_HORIZON would bring the first 60 again).
      assert.deepEqual(await drain(sqs, second.endpoint + outPath, 0, 3), []);
    } finally {
      await kill9(second.child);
    }
  });
});

async function put(kinesis: KinesisClient, prefix: string, count: number): Promise<void> {
  const Records = Array.from({ length: count }, (_, i) => ({
    PartitionKey: `key-${i % 7}`,
    Data: Buffer.from(`${prefix}-${i}`),
  }));
  await kinesis.send(new PutRecordsCommand({ StreamName: 'orders', Records }));
}

/** Receives and deletes messages until `count` arrived (or, with `count` 0, for `quietSeconds`). */
async function drain(sqs: SQSClient, queueUrl: string, count: number, quietSeconds = 60): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + (count === 0 ? quietSeconds : 60) * 1000;
  while ((count === 0 || bodies.length < count) && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) continue;
    bodies.push(...Messages.map((m) => m.Body!));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
  return bodies;
}
