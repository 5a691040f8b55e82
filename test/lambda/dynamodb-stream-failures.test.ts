// How a DynamoDB stream mapping treats failures: partial batch responses with BisectBatchOnFunctionError
// (split at the reported record, then only the rest retried; a malformed response is a complete failure
// and is bisected), the OnFailure record (DDBStreamBatchInfo with arrival times in whole seconds, the
// last invocation's request id), and the checks on MaximumRecordAgeInSeconds and DestinationConfig.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-errors.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SourceRecord } from '../../src/core/ports/stream-source.js';
import type { Cloud } from '../../src/index.js';
import { firstFailure } from '../../src/services/lambda/stream-failures.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

// Reports each invocation (its keys and request id) to a FIFO queue, so invocations are read in order.
// Records whose pk is in FAIL are reported in batchItemFailures; with MALFORMED, by an empty identifier;
// with THROW, the invocation fails instead.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event, context) => {
  const keys = event.Records.map((r) => r.dynamodb.Keys.pk.S);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ keys, requestId: context.awsRequestId }), MessageGroupId: 'g', MessageDeduplicationId: context.awsRequestId }));
  const failing = event.Records.filter((r) => process.env.FAIL.split(',').includes(r.dynamodb.Keys.pk.S));
  if (process.env.THROW && failing.length > 0) throw new Error('failing record');
  return { batchItemFailures: failing.map((r) => ({ itemIdentifier: process.env.MALFORMED ? '' : r.dynamodb.SequenceNumber })) };
};`;

interface Invocation {
  keys: string[];
  requestId: string;
}

describe('DynamoDB stream mappings: failures', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let dynamodb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    dynamodb = client(cloud, DynamoDBClient);
  });
  after(() => cloud.stop());

  /** A table with records for `keys`, a function failing `fail`, and queues for invocations and failures. */
  async function setUp(name: string, keys: string[], fail: string[], mode?: 'MALFORMED' | 'THROW') {
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const seen = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: `${name}-seen.fifo`, Attributes: { FifoQueue: 'true' } }),
      )
    ).QueueUrl!;
    const failures = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-failed` }))).QueueUrl!;
    const environment: Record<string, string> = { SEEN_URL: seen, FAIL: fail.join(',') };
    if (mode) environment[mode] = '1';
    await createFunction(lambda, `on-${name}`, { 'index.js': HANDLER }, { environment, timeout: 10 });
    for (const pk of keys)
      await dynamodb.send(new PutItemCommand({ TableName: name, Item: { pk: { S: pk } } }));
    return { streamArn: TableDescription!.LatestStreamArn!, seen, failures };
  }

  async function receive<T>(queueUrl: string, count: number): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < 300 && out.length < count; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      // Deleted once read: a FIFO group hands out nothing more while a message of it is in flight.
      for (const m of Messages ?? []) {
        out.push(JSON.parse(m.Body ?? '{}') as T);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
      if (out.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  }

  it('splits a partial failure at the reported record and retries only the rest, with BisectBatchOnFunctionError', async () => {
    const { streamArn, seen, failures } = await setUp('bisect-partial', ['a', 'b', 'c', 'd'], ['c']);
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-bisect-partial',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 4,
        MaximumRetryAttempts: 1,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:bisect-partial-failed' },
        },
      }),
    );
    const [failure] = await receive<Record<string, Record<string, unknown>>>(failures, 1);
    const invocations = await receive<Invocation>(seen, 2);
    assert.deepEqual(
      invocations.map((i) => i.keys),
      [
        ['a', 'b', 'c', 'd'],
        ['c', 'd'],
      ],
    );
    assert.equal(failure!.DDBStreamBatchInfo!.batchSize, 2);
    assert.equal(failure!.requestContext!.approximateInvokeCount, 2);
    assert.equal(failure!.requestContext!.requestId, invocations[1]!.requestId, "the last invocation's id");
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('bisects a batch whose response is malformed, as a complete failure, and describes what it gives up on', async () => {
    const { streamArn, seen, failures } = await setUp('bisect-malformed', ['w', 'x'], ['x'], 'MALFORMED');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-bisect-malformed',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 2,
        MaximumRetryAttempts: 0,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:bisect-malformed-failed' },
        },
      }),
    );
    const [failure] = await receive<Record<string, Record<string, unknown>>>(failures, 1);
    const invocations = await receive<Invocation>(seen, 3);
    assert.deepEqual(
      invocations.map((i) => i.keys),
      [['w', 'x'], ['w'], ['x']],
    );
    const info = failure!.DDBStreamBatchInfo!;
    assert.equal(info.batchSize, 1);
    assert.equal(info.startSequenceNumber, info.endSequenceNumber);
    assert.equal(info.streamArn, streamArn);
    assert.match(String(info.shardId), /^shardId-\d{20}-[0-9a-f]{8}$/);
    // "approximateArrivalOfFirstRecord": "2025-06-05T18:21:49Z": whole seconds, no milliseconds.
    assert.match(String(info.approximateArrivalOfFirstRecord), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(String(info.approximateArrivalOfLastRecord), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(failure!.requestContext!.condition, 'RetryAttemptsExhausted');
    assert.equal(failure!.requestContext!.requestId, invocations[2]!.requestId);
    assert.equal(failure!.version, '1.0' as unknown);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('retries a failing record until it expires from the stream when retries and age are infinite (-1)', async () => {
    const { streamArn, seen, failures } = await setUp('expiring', ['bad'], ['bad'], 'THROW');
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-expiring',
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:expiring-failed' },
        },
      }),
    );
    const tries = await receive<Invocation>(seen, 2);
    assert.deepEqual(
      tries.map((i) => i.keys),
      [['bad'], ['bad']],
      'retried while the record is retained',
    );
    cloud.clock.advance(24 * 60 * 60 * 1000 + 60_000);
    const [failure] = await receive<Record<string, Record<string, unknown>>>(failures, 1);
    assert.equal(failure?.requestContext?.condition, 'RecordAgeExceeded');
    // The shard has moved on: a later record is delivered.
    await dynamodb.send(new PutItemCommand({ TableName: 'expiring', Item: { pk: { S: 'good' } } }));
    let later: Invocation[] = [];
    for (let i = 0; i < 20 && !later.some((r) => r.keys[0] === 'good'); i++)
      later = [...later, ...(await receive<Invocation>(seen, 1))];
    assert.deepEqual(later.at(-1)?.keys, ['good']);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('refuses a MaximumRecordAgeInSeconds under 60 other than -1, an OnSuccess destination, and a second mapping', async () => {
    const { streamArn } = await setUp('checks', [], []);
    const create = (extra: Record<string, unknown>) =>
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: streamArn,
          FunctionName: 'on-checks',
          StartingPosition: 'LATEST',
          Enabled: false,
          ...extra,
        }),
      );
    const tooYoung = {
      name: 'InvalidParameterValueException',
      message: 'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
    };
    for (const age of [0, 59]) await assert.rejects(create({ MaximumRecordAgeInSeconds: age }), tooYoung);
    const { UUID } = await create({ MaximumRecordAgeInSeconds: -1 });
    await assert.rejects(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID, MaximumRecordAgeInSeconds: 30 })),
      tooYoung,
    );
    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID, MaximumRecordAgeInSeconds: 60 }),
    );
    assert.equal(updated.MaximumRecordAgeInSeconds, 60);
    await assert.rejects(
      create({
        DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:000000000000:checks-failed' } },
      }),
      {
        name: 'InvalidParameterValueException',
        message: 'Unsupported DestinationConfig parameter for given event source mapping type.',
      },
    );
    await assert.rejects(create({}), {
      name: 'ResourceConflictException',
      message: `The event source arn (" ${streamArn} ") and function (" on-checks ") provided mapping already exists. Please update or delete the existing mapping with UUID ${UUID}`,
    });
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: (await create({})).UUID }));
  });
});

describe('firstFailure (what a batchItemFailures response asks for)', () => {
  const records = ['1', '2', '3'].map(
    (seq) =>
      ({
        sequenceNumber: seq,
        arrivalMs: 0,
        laneKey: '{}',
        eventRecord: {},
        filterSubject: {},
      }) satisfies SourceRecord,
  );
  const cases: [string, unknown, number | 'all' | undefined][] = [
    ['no response', null, undefined],
    ['an empty object', {}, undefined],
    ['an empty list', { batchItemFailures: [] }, undefined],
    ['a null list', { batchItemFailures: null }, undefined],
    ['one record', { batchItemFailures: [{ itemIdentifier: '2' }] }, 1],
    ['the lowest of several', { batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }, 1],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, 'all'],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }, 'all'],
    ['a bad key name', { batchItemFailures: [{ itemId: '2' }] }, 'all'],
    ['a record not in the batch', { batchItemFailures: [{ itemIdentifier: '9' }] }, 'all'],
  ];
  for (const [name, response, expected] of cases)
    it(`answers ${String(expected)} for ${name}`, () => {
      assert.equal(firstFailure(Buffer.from(JSON.stringify(response)), records), expected);
    });
  it('answers undefined for a response that is not JSON', () => {
    assert.equal(firstFailure(Buffer.from('not json'), records), undefined);
  });
});
