// ReportBatchItemFailures on a stream: "Lambda uses the record with the lowest sequence number as the
// checkpoint. Lambda then retries all records starting from that checkpoint." So the records before the
// failure are done for good: after a restart, only the failure and what follows come again.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../../src/index.js';
import { clients } from './dynamodb-stream-helpers.js';
import { createFunction } from './helpers.js';

// Reports each invocation's keys; the record `bad` always fails, alone.
const PARTIAL = `
const { SQSClient, SendMessageCommand, GetQueueUrlCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'invocations' }));
  const ids = event.Records.map((r) => r.dynamodb.Keys.id.S);
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(ids) }));
  const failed = event.Records.filter((r) => r.dynamodb.Keys.id.S === 'bad');
  return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })) };
};`;

describe('DynamoDB stream mappings with ReportBatchItemFailures', () => {
  it('checkpoints the records before the lowest failure, so a restart does not send them again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-partial-'));
    let cloud: Cloud = await startCloud({ port: 0, dataDir, log: () => {} });
    /** The invocations reported so far (each its keys), read and deleted. */
    const invocations = async (c: Cloud, atLeast: number): Promise<string[][]> => {
      const { sqs } = clients(c);
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'invocations' }));
      const seen: string[][] = [];
      for (let polls = 0; polls < 20 && seen.length < atLeast; polls++) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages ?? []) {
          seen.push(JSON.parse(message.Body!));
          await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
        }
      }
      sqs.destroy();
      return seen;
    };
    try {
      const { lambda, dynamodb } = clients(cloud);
      await invocations(cloud, 0);
      const table = await dynamodb.send(
        new CreateTableCommand({
          TableName: 'partial',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      );
      await createFunction(lambda, 'partial', { 'index.js': PARTIAL }, { timeout: 10 });
      for (const id of ['a0', 'a1', 'a2', 'bad', 'a3']) {
        await dynamodb.send(new PutItemCommand({ TableName: 'partial', Item: { id: { S: id } } }));
      }
      await lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: 'partial',
          EventSourceArn: table.TableDescription!.LatestStreamArn!,
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 10,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      );
      const before = await invocations(cloud, 2);
      assert.deepEqual(before.slice(0, 2), [
        ['a0', 'a1', 'a2', 'bad', 'a3'],
        ['bad', 'a3'],
      ]);
      for (const client of [lambda, dynamodb]) client.destroy();
      await cloud.stop();

      cloud = await startCloud({ port: 0, dataDir, log: () => {} });
      const after = await invocations(cloud, 1);
      assert.ok(after.length > 0, 'retried after the restart');
      for (const ids of after) assert.deepEqual(ids, ['bad', 'a3'], 'only from the failure on');
    } finally {
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
