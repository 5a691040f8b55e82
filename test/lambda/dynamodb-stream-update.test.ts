// UpdateEventSourceMapping while a stream batch is in flight: the new settings take over once the batch in
// flight has ended, so a shard is never read by two pollers at once and no record is invoked twice.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { receiveMessages, startTestCloud } from '../support/helpers.js';
import { clients } from './dynamodb-stream-helpers.js';
import { createFunction } from './helpers.js';

// Reports when each invocation started and ended, and its records; "started" is sent before the wait.
const SLOW = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const start = Date.now();
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.STARTED, MessageBody: 'started' }));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const ids = event.Records.map((r) => r.dynamodb.Keys.id.S);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.DONE, MessageBody: JSON.stringify({ start, end: Date.now(), ids }) }));
};`;

describe('DynamoDB stream mappings updated mid-batch', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let ddb: DynamoDBClient;

  before(async () => {
    cloud = await startTestCloud();
    ({ lambda, sqs, dynamodb: ddb } = clients(cloud));
  });
  after(async () => {
    for (const client of [lambda, sqs, ddb]) client.destroy();
    await cloud.stop();
  });

  it('lets the batch in flight end before the updated mapping reads on', async () => {
    const started = (await sqs.send(new CreateQueueCommand({ QueueName: 'started' }))).QueueUrl!;
    const done = (await sqs.send(new CreateQueueCommand({ QueueName: 'done' }))).QueueUrl!;
    const table = await ddb.send(
      new CreateTableCommand({
        TableName: 'updated',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    await createFunction(
      lambda,
      'slow',
      { 'index.js': SLOW },
      { environment: { STARTED: started, DONE: done }, timeout: 10 },
    );
    for (let i = 0; i < 4; i++) {
      await ddb.send(new PutItemCommand({ TableName: 'updated', Item: { id: { S: `u${i}` } } }));
    }
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'slow',
        EventSourceArn: table.TableDescription!.LatestStreamArn!,
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
      }),
    );
    assert.equal((await receiveMessages(sqs, started, 1, 10)).length, 1, 'the first batch in flight');
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 20 }));
    await ddb.send(new PutItemCommand({ TableName: 'updated', Item: { id: { S: 'u4' } } }));
    const invocations: { start: number; end: number; ids: string[] }[] = [];
    for (let polls = 0; polls < 15 && invocations.flatMap((i) => i.ids).length < 5; polls++) {
      invocations.push(...(await receiveMessages(sqs, done, 1, 1)).map((m) => JSON.parse(m.Body!)));
    }
    const ids = invocations.flatMap((invocation) => invocation.ids).sort();
    assert.deepEqual(ids, ['u0', 'u1', 'u2', 'u3', 'u4'], 'every record once');
    invocations.sort((a, b) => a.start - b.start);
    for (let i = 1; i < invocations.length; i++) {
      assert.ok(invocations[i]!.start >= invocations[i - 1]!.end, 'invocations of one shard never overlap');
    }
  });
});
