// DynamoDB Streams as an event source: records in order, retries then the OnFailure destination, partial
// batch failures, and LATEST. https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

// Reports each record to the `stream-seen` queue; throws for items with poison=true unless partial
// reporting is on, when it names them in batchItemFailures.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const failures = [];
  for (const r of event.Records) {
    const image = r.dynamodb.NewImage || {};
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ name: r.eventName, pk: r.dynamodb.Keys.pk.S, v: image.v && image.v.N, arn: r.eventSourceARN, seq: r.dynamodb.SequenceNumber }) }));
    if (image.poison && image.poison.BOOL) {
      if (process.env.PARTIAL) failures.push({ itemIdentifier: r.dynamodb.SequenceNumber });
      else throw new Error('poisoned record');
    }
  }
  return { batchItemFailures: failures };
};`;

describe('Lambda event source mapping: DynamoDB Streams', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let dynamodb: DynamoDBClient;
  let seenUrl: string;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    dynamodb = client(cloud, DynamoDBClient);
    seenUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'stream-seen' }))).QueueUrl!;
  });
  after(() => cloud.stop());

  const newTable = async (name: string) => {
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    return TableDescription!.LatestStreamArn!;
  };
  const seen = async (count: number, queueUrl = seenUrl) => {
    const out: { name: string; pk: string; v?: string; arn: string; seq: string }[] = [];
    for (let i = 0; i < 300 && out.length < count; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages ?? []) out.push(JSON.parse(m.Body ?? '{}'));
      if (out.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  };
  const put = (table: string, pk: string, v: number, poison = false) =>
    dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: { pk: { S: pk }, v: { N: String(v) }, poison: { BOOL: poison } },
      }),
    );

  it('delivers INSERT and MODIFY records in order, with the stream ARN', async () => {
    const streamArn = await newTable('orders');
    await createFunction(
      lambda,
      'on-orders',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenUrl }, timeout: 10 },
    );
    await put('orders', 'a', 1);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-orders',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
      }),
    );
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'orders',
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { N: '2' } },
      }),
    );
    await put('orders', 'b', 7);
    const records = await seen(3);
    assert.deepEqual(
      records.map((r) => [r.name, r.pk, r.v]),
      [
        ['INSERT', 'a', '1'],
        ['MODIFY', 'a', '2'],
        ['INSERT', 'b', '7'],
      ],
    );
    assert.equal(records[0]!.arn, streamArn);
    assert.ok(BigInt(records[0]!.seq) < BigInt(records[1]!.seq));
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('retries a failing batch MaximumRetryAttempts times, then sends its description OnFailure and moves on', async () => {
    const streamArn = await newTable('payments');
    const failures = (await sqs.send(new CreateQueueCommand({ QueueName: 'stream-failures' }))).QueueUrl!;
    const seenHere = (await sqs.send(new CreateQueueCommand({ QueueName: 'payments-seen' }))).QueueUrl!;
    await createFunction(
      lambda,
      'on-payments',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenHere }, timeout: 10 },
    );
    await put('payments', 'bad', 1, true);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-payments',
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:stream-failures' },
        },
      }),
    );
    const attempts = await seen(3, seenHere);
    assert.deepEqual(
      attempts.map((r) => r.pk),
      ['bad', 'bad', 'bad'],
      'the first try and two retries',
    );
    const [failure] = await seen(1, failures);
    const record = failure as unknown as Record<string, Record<string, unknown>>;
    assert.equal(record.requestContext!.condition, 'RetryAttemptsExhausted');
    assert.equal(record.requestContext!.approximateInvokeCount, 3);
    assert.equal(record.responseContext!.functionError, 'Unhandled');
    assert.equal(record.DDBStreamBatchInfo!.batchSize, 1);
    assert.equal(record.DDBStreamBatchInfo!.streamArn, streamArn);
    // The shard moved on: a later record is delivered.
    await put('payments', 'good', 2);
    assert.deepEqual(
      (await seen(1, seenHere)).map((r) => r.pk),
      ['good'],
    );
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('retries from the lowest sequence number reported in batchItemFailures', async () => {
    const streamArn = await newTable('partials');
    const seenHere = (await sqs.send(new CreateQueueCommand({ QueueName: 'partials-seen' }))).QueueUrl!;
    await createFunction(
      lambda,
      'on-partials',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenHere, PARTIAL: '1' }, timeout: 10 },
    );
    await put('partials', 'one', 1);
    await put('partials', 'two', 2, true);
    await put('partials', 'three', 3);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-partials',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
    const records = await seen(5, seenHere);
    assert.deepEqual(
      records.map((r) => r.pk),
      ['one', 'two', 'three', 'two', 'three'],
    );
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('starts at the end of the stream with LATEST', async () => {
    const streamArn = await newTable('latest');
    const seenHere = (await sqs.send(new CreateQueueCommand({ QueueName: 'latest-seen' }))).QueueUrl!;
    await createFunction(
      lambda,
      'on-latest',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenHere }, timeout: 10 },
    );
    await put('latest', 'before', 1);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-latest',
        StartingPosition: 'LATEST',
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    await put('latest', 'after', 2);
    const records = await seen(1, seenHere);
    assert.deepEqual(
      records.map((r) => r.pk),
      ['after'],
    );
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('with ParallelizationFactor 5 delivers every change exactly once, in order per key', async () => {
    const streamArn = await newTable('parallel');
    const seenHere = (await sqs.send(new CreateQueueCommand({ QueueName: 'parallel-seen' }))).QueueUrl!;
    await createFunction(
      lambda,
      'on-parallel',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenHere }, timeout: 10 },
    );
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    for (let v = 1; v <= 4; v++) for (const pk of keys) await put('parallel', pk, v);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-parallel',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 6,
        ParallelizationFactor: 5,
      }),
    );
    const records = await seen(keys.length * 4, seenHere);
    assert.equal(records.length, 24);
    for (const pk of keys) {
      const versions = records.filter((r) => r.pk === pk).map((r) => r.v);
      assert.deepEqual(versions, ['1', '2', '3', '4'], `the changes of ${pk}, once each and in order`);
    }
    assert.deepEqual(await seen(1, seenHere), [], 'nothing delivered twice');
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('carries state through a tumbling window and makes a final invocation when it closes', async () => {
    const streamArn = await newTable('windowed');
    const totals = (await sqs.send(new CreateQueueCommand({ QueueName: 'window-totals' }))).QueueUrl!;
    const progress = (await sqs.send(new CreateQueueCommand({ QueueName: 'window-progress' }))).QueueUrl!;
    const aggregate = `
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      exports.handler = async (event) => {
        let count = (event.state && event.state.count) || 0;
        for (const r of event.Records) count += Number(r.dynamodb.NewImage.v.N);
        if (event.isFinalInvokeForWindow) {
          await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.TOTALS, MessageBody: JSON.stringify({ total: count, window: event.window, shardId: event.shardId, records: event.Records.length }) }));
          return {};
        }
        await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.PROGRESS, MessageBody: JSON.stringify({ count }) }));
        return { state: { count } };
      };`;
    await createFunction(
      lambda,
      'on-window',
      { 'index.js': aggregate },
      { environment: { TOTALS: totals, PROGRESS: progress }, timeout: 10 },
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-window',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 1,
        TumblingWindowInSeconds: 60,
      }),
    );
    // Windows are aligned on whole minutes: start one second into a minute, so the three writes share one.
    cloud.clock.advance(61_000 - (cloud.clock.now() % 60_000));
    for (const v of [1, 2, 3]) await put('windowed', `w${v}`, v);
    // Three invocations carry the count along (each reports it); the final one comes once the window's
    // minute is over.
    const counts = (await seen(3, progress)) as unknown as { count: number }[];
    assert.deepEqual(
      counts.map((c) => c.count).sort((a, b) => a - b),
      [1, 3, 6],
    );
    cloud.clock.advance(60_000);
    const [result] = (await seen(1, totals)) as unknown as {
      total: number;
      window: { start: string; end: string };
      records: number;
    }[];
    assert.equal(result?.total, 6);
    assert.equal(result?.records, 0);
    assert.match(result!.window.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    assert.equal(Date.parse(result!.window.end) - Date.parse(result!.window.start), 60_000);
  });

  it('requires a StartingPosition and an existing stream', async () => {
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2020',
          FunctionName: 'on-orders',
        }),
      ),
      (e: Error) => e.name === 'InvalidParameterValueException',
    );
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/none/stream/2020-01-01T00:00:00.000',
          FunctionName: 'on-orders',
          StartingPosition: 'LATEST',
        }),
      ),
      (e: Error) => e.name === 'InvalidParameterValueException' && /Stream not found/.test(e.message),
    );
  });
});

describe('DynamoDB Streams mappings across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-stream-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes polling after a restart, from where the shard got to', async () => {
    const open = () => startCloud({ port: 0, dataDir, log: () => {} });
    let cloud = await open();
    const clients = (c: Cloud) => {
      const options = { endpoint: c.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
      return { lambda: lambdaClient(c), sqs: sqsClient(c), dynamodb: new DynamoDBClient(options) };
    };
    let { lambda, sqs, dynamodb } = clients(cloud);
    await sqs.send(new CreateQueueCommand({ QueueName: 'restart-seen' }));
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: 'restarted',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    // The queue URL names the port, which changes with the restart: the function builds it from its endpoint.
    const handler = HANDLER.replace(
      'process.env.SEEN_URL',
      "process.env.AWS_ENDPOINT_URL + '/000000000000/restart-seen'",
    );
    await createFunction(lambda, 'on-restart', { 'index.js': handler }, { timeout: 10 });
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: TableDescription!.LatestStreamArn!,
        FunctionName: 'on-restart',
        StartingPosition: 'TRIM_HORIZON',
      }),
    );
    const put = (pk: string) =>
      dynamodb.send(new PutItemCommand({ TableName: 'restarted', Item: { pk: { S: pk } } }));
    const seen = async (count: number) => {
      const out: string[] = [];
      const url = `${cloud.endpoint}/000000000000/restart-seen`;
      for (let i = 0; i < 300 && out.length < count; i++) {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
        );
        for (const m of Messages ?? []) out.push(JSON.parse(m.Body ?? '{}').pk);
        if (out.length < count) await new Promise((r) => setTimeout(r, 25));
      }
      return out;
    };
    await put('before');
    assert.deepEqual(await seen(1), ['before']);
    // The batch is checkpointed once the function's answer is back (the mapping then reports OK); stopping
    // before that would rightly deliver it again.
    for (let i = 0; i < 200; i++) {
      const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID }));
      if (mapping.LastProcessingResult === 'OK') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await cloud.stop();

    cloud = await open();
    try {
      ({ lambda, sqs, dynamodb } = clients(cloud));
      await put('after');
      assert.deepEqual(await seen(1), ['after'], 'resumed after the checkpoint: nothing delivered twice');
    } finally {
      await cloud.stop();
    }
  });
});
