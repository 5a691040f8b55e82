// Where a DynamoDB stream mapping's discarded records go: an S3 bucket as OnFailure destination (the
// record plus the whole event as `payload`, under aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/…), the
// destinations Lambda refuses for a stream, and MaximumRecordAgeInSeconds applied before invocation
// (records already too old are never sent to the function; they go to OnFailure as RecordAgeExceeded).
// https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
// Reports the keys of each invocation to SEEN_URL; throws when THROW is set.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const keys = event.Records.map((r) => r.dynamodb.Keys.pk.S);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify(keys) }));
  if (process.env.THROW) throw new Error('boom');
};`;

describe('DynamoDB stream mappings: OnFailure destinations and record age', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let s3: S3Client;
  let dynamodb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    s3 = s3Client(cloud.endpoint);
    dynamodb = client(cloud, DynamoDBClient);
  });
  after(() => cloud.stop());

  /** A table with a stream, a function reporting its invocations to `<name>-seen`, a `<name>-failed` queue. */
  async function setUp(name: string, options: { throws?: boolean } = {}) {
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    const seen = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-seen` }))).QueueUrl!;
    const failed = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-failed` }))).QueueUrl!;
    const environment: Record<string, string> = { SEEN_URL: seen };
    if (options.throws) environment.THROW = '1';
    await createFunction(lambda, `on-${name}`, { 'index.js': HANDLER }, { environment, timeout: 10 });
    const put = (pk: string) =>
      dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: pk } } }));
    return { streamArn: TableDescription!.LatestStreamArn!, seen, failed, put };
  }

  async function receive(queueUrl: string, count: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < 300 && (i === 0 || out.length < count); i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages ?? []) {
        out.push(m.Body ?? '');
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
      if (out.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  }

  async function objectKeys(bucket: string, count: number): Promise<string[]> {
    let keys: string[] = [];
    for (let i = 0; i < 300 && keys.length < count; i++) {
      const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      keys = (Contents ?? []).map((o) => o.Key!);
      if (keys.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return keys;
  }

  it('writes a discarded batch to an S3 bucket: the invocation record plus the whole event as payload', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'stream-failures' }));
    const { streamArn, seen, put } = await setUp('to-s3', { throws: true });
    // A year on, so the key's date can only come from the cloud's clock.
    cloud.clock.advance(400 * DAY);
    await put('a');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-to-s3',
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::stream-failures' } },
      }),
    );
    assert.deepEqual(await receive(seen, 1), ['["a"]']);
    const [key] = await objectKeys('stream-failures', 1);
    const now = new Date(cloud.clock.now()).toISOString();
    const day = now.slice(0, 10);
    // aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>
    const match = new RegExp(
      `^aws/lambda/${UUID}/(shardId-\\d{20}-[0-9a-f]{8})/${day.replaceAll('-', '/')}/${day}T(\\d{2})\\.(\\d{2})\\.(\\d{2})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
    ).exec(key ?? '');
    assert.ok(match, `key ${key}`);
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'stream-failures', Key: key }));
    const record = JSON.parse(await Body!.transformToString()) as Record<string, Record<string, unknown>>;
    assert.equal(record.requestContext!.condition, 'RetryAttemptsExhausted');
    assert.equal(record.requestContext!.approximateInvokeCount, 1);
    assert.equal(
      record.requestContext!.functionArn,
      'arn:aws:lambda:us-east-1:000000000000:function:on-to-s3',
    );
    assert.equal(record.responseContext!.functionError, 'Unhandled');
    assert.equal(record.version, '1.0' as unknown);
    assert.equal(String(record.timestamp).slice(0, 10), day, "the cloud's clock");
    const info = record.DDBStreamBatchInfo!;
    assert.equal(info.shardId, match[1]);
    assert.equal(info.batchSize, 1);
    assert.equal(info.streamArn, streamArn);
    // "the payload field contains the original invocation record as an escaped JSON string"
    assert.equal(typeof record.payload, 'string');
    const event = JSON.parse(record.payload as unknown as string) as {
      Records: { eventSourceARN: string; eventName: string; dynamodb: Record<string, unknown> }[];
    };
    assert.equal(event.Records.length, 1);
    assert.equal(event.Records[0]!.eventSourceARN, streamArn);
    assert.equal(event.Records[0]!.eventName, 'INSERT');
    assert.deepEqual(event.Records[0]!.dynamodb.Keys, { pk: { S: 'a' } });
    assert.equal(event.Records[0]!.dynamodb.SequenceNumber, info.startSequenceNumber);
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID }));
    assert.doesNotMatch(String(mapping.LastProcessingResult), /OnFailure destination/);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('writes records discarded before invocation to an S3 bucket with only those records as payload', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'aged-failures' }));
    const { streamArn, seen, put } = await setUp('aged-s3');
    await put('old');
    cloud.clock.advance(5 * 60 * 1000);
    await put('new');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-aged-s3',
        StartingPosition: 'TRIM_HORIZON',
        MaximumRecordAgeInSeconds: 120,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::aged-failures' } },
      }),
    );
    assert.deepEqual(await receive(seen, 1), ['["new"]']);
    const [key] = await objectKeys('aged-failures', 1);
    assert.ok(key?.startsWith(`aws/lambda/${UUID}/shardId-`), key);
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: 'aged-failures', Key: key }));
    const record = JSON.parse(await Body!.transformToString()) as Record<string, Record<string, unknown>>;
    assert.equal(record.requestContext!.condition, 'RecordAgeExceeded');
    assert.equal(record.requestContext!.approximateInvokeCount, 0);
    const event = JSON.parse(record.payload as unknown as string) as {
      Records: { dynamodb: { Keys: unknown } }[];
    };
    assert.deepEqual(
      event.Records.map((r) => r.dynamodb.Keys),
      [{ pk: { S: 'old' } }],
    );
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('reports a bucket that cannot take the record in LastProcessingResult, and the shard moves on', async () => {
    const { streamArn, seen, put } = await setUp('no-bucket', { throws: true });
    await put('a');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-no-bucket',
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::no-such-bucket' } },
      }),
    );
    assert.deepEqual(await receive(seen, 1), ['["a"]']);
    let result = '';
    for (let i = 0; i < 200 && !result.includes('OnFailure'); i++) {
      result = String((await lambda.send(new GetEventSourceMappingCommand({ UUID }))).LastProcessingResult);
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.match(result, /^PROBLEM: OnFailure destination: .*bucket/i);
    await put('b');
    assert.deepEqual(await receive(seen, 1), ['["b"]']);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('refuses an OnFailure destination Lambda does not send stream records to (a function, an event bus)', async () => {
    const { streamArn } = await setUp('refused');
    const invalid = (destination: string) => ({
      name: 'InvalidParameterValueException',
      message: `The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${destination})) is invalid.`,
    });
    const create = (Destination: string) =>
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: streamArn,
          FunctionName: 'on-refused',
          StartingPosition: 'LATEST',
          Enabled: false,
          DestinationConfig: { OnFailure: { Destination } },
        }),
      );
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:on-refused';
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    await assert.rejects(create(fn), invalid(fn));
    await assert.rejects(create(bus), invalid(bus));
    const { UUID } = await create('arn:aws:s3:::any-bucket');
    await assert.rejects(
      lambda.send(
        new UpdateEventSourceMappingCommand({ UUID, DestinationConfig: { OnFailure: { Destination: fn } } }),
      ),
      invalid(fn),
    );
    for (const Destination of [
      'arn:aws:sns:us-east-1:000000000000:t',
      'arn:aws:sqs:us-east-1:000000000000:q',
    ]) {
      const updated = await lambda.send(
        new UpdateEventSourceMappingCommand({ UUID, DestinationConfig: { OnFailure: { Destination } } }),
      );
      assert.equal(updated.DestinationConfig?.OnFailure?.Destination, Destination);
    }
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('never sends the function records already older than MaximumRecordAgeInSeconds: they go to OnFailure, the rest is invoked', async () => {
    const { streamArn, seen, failed, put } = await setUp('aged');
    await put('old1');
    await put('old2');
    cloud.clock.advance(10 * 60 * 1000);
    await put('new');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-aged',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRecordAgeInSeconds: 60,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:aged-failed' } },
      }),
    );
    const [failure] = await receive(failed, 1);
    assert.deepEqual(await receive(seen, 1), ['["new"]']);
    const record = JSON.parse(failure ?? '{}') as Record<string, Record<string, unknown>>;
    assert.equal(record.requestContext!.condition, 'RecordAgeExceeded');
    assert.equal(record.requestContext!.approximateInvokeCount, 0, 'never invoked');
    const info = record.DDBStreamBatchInfo!;
    assert.equal(info.batchSize, 2, 'one record for the discarded range');
    assert.notEqual(info.startSequenceNumber, info.endSequenceNumber);
    assert.equal(record.payload, undefined, 'only an S3 destination gets the payload');
    // Nothing else was sent or discarded.
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await receive(seen, 0), []);
    assert.deepEqual(await receive(failed, 0), []);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('sends records of any age with MaximumRecordAgeInSeconds -1 (the default)', async () => {
    const { streamArn, seen, failed, put } = await setUp('ageless');
    await put('hours-old');
    cloud.clock.advance(20 * 60 * 60 * 1000);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-ageless',
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:ageless-failed' },
        },
      }),
    );
    assert.deepEqual(await receive(seen, 1), ['["hours-old"]']);
    assert.deepEqual(await receive(failed, 0), []);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });
});
