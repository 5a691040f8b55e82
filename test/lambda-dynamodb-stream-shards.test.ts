// DynamoDB Streams into Lambda across shard rolls: the mapping reads a parent shard to its end before its
// child, so records written across a roll reach the function exactly once and in order per item (with
// ParallelizationFactor too), and a restart mid-roll resumes in the parent and then starts the child.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../src/index.js';
import { sqsClient, startTestCloud, TEST_CREDENTIALS } from './helpers.js';
import { createFunction, lambdaClient } from './lambda-helpers.js';

const HOUR = 60 * 60 * 1000;
// Reports each record as "pk:v" to the `rolled` queue of this cloud (the port can change on a restart).
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  for (const r of event.Records)
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AWS_ENDPOINT_URL + '/000000000000/rolled', MessageBody: r.dynamodb.Keys.pk.S + ':' + r.dynamodb.NewImage.v.N }));
};`;

function clients(cloud: Cloud) {
  const options = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
  return { lambda: lambdaClient(cloud), sqs: sqsClient(cloud), dynamodb: new DynamoDBClient(options) };
}

async function setUp(cloud: Cloud, mapping: Record<string, unknown>, beforeMapping?: () => Promise<void>) {
  const { lambda, sqs, dynamodb } = clients(cloud);
  await sqs.send(new CreateQueueCommand({ QueueName: 'rolled' }));
  const { TableDescription } = await dynamodb.send(
    new CreateTableCommand({
      TableName: 'rolled',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await createFunction(lambda, 'on-rolled', { 'index.js': HANDLER }, { timeout: 10 });
  await beforeMapping?.();
  const { UUID } = await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: TableDescription!.LatestStreamArn!,
      FunctionName: 'on-rolled',
      StartingPosition: 'TRIM_HORIZON',
      ...mapping,
    }),
  );
  return UUID!;
}

const put = (dynamodb: DynamoDBClient, pk: string, v: number) =>
  dynamodb.send(new PutItemCommand({ TableName: 'rolled', Item: { pk: { S: pk }, v: { N: String(v) } } }));

/**
 * Every message until `count` have arrived (or 20 s have passed), then a short wait for strays. Messages
 * are deleted once read: moving the clock would otherwise make them visible again.
 */
async function seen(cloud: Cloud, sqs: SQSClient, count: number): Promise<string[]> {
  const out: string[] = [];
  const url = `${cloud.endpoint}/000000000000/rolled`;
  const receive = async () => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );
    for (const m of Messages) {
      out.push(m.Body ?? '');
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  };
  for (let i = 0; i < 800 && out.length < count; i++) {
    await receive();
    if (out.length < count) await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 300));
  await receive();
  return out;
}

/** The deliveries of each key, in arrival order. */
function byKey(deliveries: string[]): Record<string, number[]> {
  const keys: Record<string, number[]> = {};
  for (const d of deliveries) {
    const [pk, v] = d.split(':') as [string, string];
    keys[pk] = [...(keys[pk] ?? []), Number(v)];
  }
  return keys;
}

async function waitForOk(lambda: LambdaClient, UUID: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID }));
    if (mapping.LastProcessingResult === 'OK') return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('DynamoDB Streams into Lambda across shard rolls', () => {
  it('delivers records written across two rolls exactly once, in order per key, with ParallelizationFactor 5', async () => {
    const cloud = await startTestCloud();
    try {
      const { sqs, dynamodb } = clients(cloud);
      await setUp(cloud, { BatchSize: 4, ParallelizationFactor: 5 });
      const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
      let v = 0;
      for (const round of [0, 1, 2]) {
        for (let i = 0; i < 3; i++) {
          v++;
          for (const k of keys) await put(dynamodb, k, v);
        }
        if (round < 2) cloud.clock.advance(4 * HOUR + 1000);
      }
      const deliveries = await seen(cloud, sqs, keys.length * v);
      assert.equal(deliveries.length, keys.length * v, 'every record exactly once');
      const expected = Array.from({ length: v }, (_, i) => i + 1);
      for (const [key, values] of Object.entries(byKey(deliveries))) assert.deepEqual(values, expected, key);
    } finally {
      await cloud.stop();
    }
  });

  it('starts a LATEST mapping in the open shard, skipping the closed ones before it', async () => {
    const cloud = await startTestCloud();
    try {
      const { sqs, dynamodb } = clients(cloud);
      await setUp(cloud, { StartingPosition: 'LATEST' }, async () => {
        await put(dynamodb, 'old', 1);
        cloud.clock.advance(4 * HOUR + 1000);
        await put(dynamodb, 'old', 2);
      });
      // Let the mapping take its LATEST position before writing (its first poll, as on AWS).
      await new Promise((r) => setTimeout(r, 1500));
      await put(dynamodb, 'new', 1);
      // Delivered before the clock jumps: a LATEST position that has delivered nothing yet does not
      // survive its iterator expiring (see the README).
      assert.deepEqual(await seen(cloud, sqs, 1), ['new:1']);
      cloud.clock.advance(4 * HOUR + 1000);
      await put(dynamodb, 'new', 2);
      assert.deepEqual(await seen(cloud, sqs, 1), ['new:2']);
    } finally {
      await cloud.stop();
    }
  });

  describe('across a restart in the middle of a roll', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-stream-roll-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('finishes the parent from its checkpoint, then reads the child, with nothing twice', async () => {
      const open = () => startCloud({ port: 0, dataDir, log: () => {} });
      let cloud = await open();
      let { lambda, sqs, dynamodb } = clients(cloud);
      const UUID = await setUp(cloud, { BatchSize: 1 });
      await put(dynamodb, 'a', 1);
      assert.deepEqual(await seen(cloud, sqs, 1), ['a:1']);
      await waitForOk(lambda, UUID);
      // Paused, the parent gets one more record, the shard rolls, and the child gets two.
      await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
      await put(dynamodb, 'a', 2);
      cloud.clock.advance(4 * HOUR + 1000);
      await put(dynamodb, 'a', 3);
      await put(dynamodb, 'b', 1);
      await cloud.stop();

      cloud = await open();
      try {
        ({ lambda, sqs, dynamodb } = clients(cloud));
        await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
        const resumed = await seen(cloud, sqs, 3);
        assert.deepEqual(byKey(resumed), { a: [2, 3], b: [1] });
        assert.equal(resumed.length, 3);
        await waitForOk(lambda, UUID);
      } finally {
        await cloud.stop();
      }

      cloud = await open();
      try {
        ({ lambda, sqs, dynamodb } = clients(cloud));
        await put(dynamodb, 'a', 4);
        assert.deepEqual(
          await seen(cloud, sqs, 1),
          ['a:4'],
          'the finished parent and the child resume at their checkpoints',
        );
      } finally {
        await cloud.stop();
      }
    });
  });
});
