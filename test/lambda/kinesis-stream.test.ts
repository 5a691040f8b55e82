// Kinesis streams as an event source: the exact event AWS sends, order per partition key across shards,
// filters on the decoded data, partial batch failures and the OnFailure record, AT_TIMESTAMP, consumers as
// sources, and a record reaching an idle function without waiting for a poll.
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
} from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient, ROLE } from './helpers.js';

// Sends each invocation's event to the queue named by SEEN_URL; a record whose data is {"fail":true}
// is reported failed (PARTIAL) or fails the invocation.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ at: Date.now(), event }) }));
  const failures = [];
  for (const r of event.Records) {
    const data = Buffer.from(r.kinesis.data, 'base64').toString();
    if (data.includes('"fail":true')) {
      if (process.env.PARTIAL) failures.push({ itemIdentifier: r.kinesis.sequenceNumber });
      else throw new Error('failed record');
    }
  }
  return { batchItemFailures: failures };
};`;

interface Seen {
  at: number;
  event: { Records: { kinesis: Record<string, unknown> & { data: string }; [key: string]: unknown }[] };
}

describe('Lambda event source mapping: Kinesis', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let kinesis: KinesisClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    kinesis = client(cloud, KinesisClient);
  });
  after(() => cloud.stop());

  /** A stream, a queue the function reports to, the function and its mapping. */
  async function setUp(
    name: string,
    mapping: Record<string, unknown> = {},
    shards = 1,
    env: Record<string, string> = {},
  ) {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: name }),
    );
    const streamArn = StreamDescriptionSummary!.StreamARN!;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-seen` }));
    await createFunction(
      lambda,
      `on-${name}`,
      { 'index.js': HANDLER },
      { timeout: 10, environment: { SEEN_URL: QueueUrl!, ...env } },
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: `on-${name}`,
        StartingPosition: 'TRIM_HORIZON',
        ...mapping,
      }),
    );
    return { streamArn, queueUrl: QueueUrl! };
  }

  /** Invocations reported until `records` records have been seen (or 20 s have passed). */
  async function seen(queueUrl: string, records: number): Promise<Seen[]> {
    const out: Seen[] = [];
    const deadline = Date.now() + 20_000;
    const count = () => out.reduce((sum, s) => sum + s.event.Records.length, 0);
    while (count() < records && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const m of Messages) {
        out.push(JSON.parse(m.Body!) as Seen);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    return out;
  }

  const decode = (data: string) => Buffer.from(data, 'base64').toString();

  it('invokes the function with the event AWS documents', async () => {
    const { streamArn, queueUrl } = await setUp('shape');
    const put = await kinesis.send(
      new PutRecordCommand({ StreamName: 'shape', PartitionKey: 'user-1', Data: Buffer.from('{"hello":1}') }),
    );
    const [invocation] = await seen(queueUrl, 1);
    const record = invocation!.event.Records[0]!;
    // The sample event of with-kinesis.html, key for key.
    assert.deepEqual(Object.keys(record), [
      'kinesis',
      'eventSource',
      'eventVersion',
      'eventID',
      'eventName',
      'invokeIdentityArn',
      'awsRegion',
      'eventSourceARN',
    ]);
    assert.deepEqual(
      { ...record, kinesis: { ...record.kinesis, approximateArrivalTimestamp: 0 } },
      {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'user-1',
          sequenceNumber: put.SequenceNumber,
          data: Buffer.from('{"hello":1}').toString('base64'),
          approximateArrivalTimestamp: 0,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${put.ShardId}:${put.SequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: ROLE,
        awsRegion: 'us-east-1',
        eventSourceARN: streamArn,
      },
    );
    // Epoch seconds with a fraction, on the cloud's clock.
    const arrival = record.kinesis.approximateArrivalTimestamp as number;
    assert.ok(Math.abs(arrival * 1000 - cloud.clock.now()) < 60_000, `arrival ${arrival}`);
  });

  it('delivers every record once, in order per partition key, across shards', async () => {
    const { queueUrl } = await setUp('ordered', { BatchSize: 25 }, 4);
    const users = ['ann', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal'];
    for (let batch = 0; batch < 4; batch++)
      await kinesis.send(
        new PutRecordsCommand({
          StreamName: 'ordered',
          Records: Array.from({ length: 50 }, (_, i) => {
            const n = batch * 50 + i;
            return {
              PartitionKey: users[n % users.length]!,
              Data: Buffer.from(`${users[n % users.length]}:${n}`),
            };
          }),
        }),
      );
    const invocations = await seen(queueUrl, 200);
    const byUser = new Map<string, number[]>();
    for (const invocation of invocations)
      for (const record of invocation.event.Records) {
        const [user, n] = decode(record.kinesis.data).split(':');
        byUser.set(user!, [...(byUser.get(user!) ?? []), Number(n)]);
      }
    assert.equal([...byUser.values()].flat().length, 200);
    for (const [user, numbers] of byUser)
      assert.deepEqual(
        numbers,
        [...numbers].sort((a, b) => a - b),
        `${user} in order`,
      );
    assert.ok(invocations.every((i) => i.event.Records.length <= 25));
  });

  it('delivers every record once, in order per key, while the stream splits and merges under the mapping', async () => {
    const { queueUrl } = await setUp('resharded', { BatchSize: 50 });
    const users = ['ann', 'bob', 'cyd', 'dee', 'eve', 'fay'];
    let n = 0;
    const write = async (count: number) => {
      for (let batch = 0; batch < count / 25; batch++)
        await kinesis.send(
          new PutRecordsCommand({
            StreamName: 'resharded',
            Records: Array.from({ length: 25 }, () => {
              const user = users[n % users.length]!;
              return { PartitionKey: user, Data: Buffer.from(`${user}:${n++}`) };
            }),
          }),
        );
    };
    // The UPDATING state lasts on the cloud clock: advancing it lets the reshard take effect.
    const settle = () => cloud.clock.advance(1000);
    await write(100);
    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'resharded',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: String(2n ** 127n),
      }),
    );
    await write(100);
    settle();
    await write(100);
    await kinesis.send(
      new MergeShardsCommand({
        StreamName: 'resharded',
        ShardToMerge: 'shardId-000000000001',
        AdjacentShardToMerge: 'shardId-000000000002',
      }),
    );
    await write(100);
    settle();
    await write(100);
    const invocations = await seen(queueUrl, 500);
    const byUser = new Map<string, number[]>();
    for (const record of invocations.flatMap((i) => i.event.Records)) {
      const [user, number] = decode(record.kinesis.data).split(':');
      byUser.set(user!, [...(byUser.get(user!) ?? []), Number(number)]);
    }
    const all = [...byUser.values()].flat();
    assert.equal(all.length, 500, 'every record once');
    assert.equal(new Set(all).size, 500);
    for (const [user, numbers] of byUser)
      assert.deepEqual(
        numbers,
        [...numbers].sort((a, b) => a - b),
        `${user} in order`,
      );
  });

  it('keeps only the records whose decoded data matches the filter', async () => {
    // "Lambda ... filters on the data ... if the data is valid JSON" (invocation-eventfiltering.html#filtering-kinesis).
    const { queueUrl } = await setUp('filtered', {
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { type: ['joined'] } }) }] },
    });
    for (const type of ['posted', 'joined', 'followed', 'joined'])
      await kinesis.send(
        new PutRecordCommand({
          StreamName: 'filtered',
          PartitionKey: 'k',
          Data: Buffer.from(JSON.stringify({ type })),
        }),
      );
    const invocations = await seen(queueUrl, 2);
    const types = invocations.flatMap((i) =>
      i.event.Records.map((r) => JSON.parse(decode(r.kinesis.data)).type),
    );
    assert.deepEqual(types, ['joined', 'joined']);
  });

  it('retries from the first reported failure, then sends a KinesisBatchInfo record to the destination', async () => {
    const { QueueUrl: dlq } = await sqs.send(new CreateQueueCommand({ QueueName: 'kinesis-failures' }));
    const { streamArn, queueUrl } = await setUp(
      'partial',
      {
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 1,
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 1,
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:kinesis-failures' },
        },
      },
      1,
      { PARTIAL: '1' },
    );
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'partial',
        Records: [{ ok: 1 }, { fail: true }, { ok: 2 }].map((data) => ({
          PartitionKey: 'k',
          Data: Buffer.from(JSON.stringify(data)),
        })),
      }),
    );
    // The first attempt has all three; the retry starts at the failed record; then it is given up on.
    const invocations = await seen(queueUrl, 5);
    assert.deepEqual(
      invocations.map((i) => i.event.Records.length),
      [3, 2],
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq!, WaitTimeSeconds: 5 }),
    );
    const failure = JSON.parse(Messages[0]!.Body!);
    // kinesis-on-failure-destination.html: the invocation record names the batch it gave up on.
    assert.equal(failure.requestContext.condition, 'RetryAttemptsExhausted');
    assert.deepEqual(Object.keys(failure.KinesisBatchInfo), [
      'shardId',
      'startSequenceNumber',
      'endSequenceNumber',
      'approximateArrivalOfFirstRecord',
      'approximateArrivalOfLastRecord',
      'batchSize',
      'streamArn',
    ]);
    assert.equal(failure.KinesisBatchInfo.batchSize, 2);
    assert.equal(failure.KinesisBatchInfo.streamArn, streamArn);
    assert.match(
      failure.KinesisBatchInfo.approximateArrivalOfFirstRecord,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
  });

  it('starts AT_TIMESTAMP at the first record that arrived at or after the time', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'timed', ShardCount: 1 }));
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'timed', PartitionKey: 'k', Data: Buffer.from('before') }),
    );
    cloud.clock.advance(10_000);
    const from = cloud.clock.now();
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'timed', PartitionKey: 'k', Data: Buffer.from('after') }),
    );
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'timed' }),
    );
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'timed-seen' }));
    await createFunction(
      lambda,
      'on-timed',
      { 'index.js': HANDLER },
      { timeout: 10, environment: { SEEN_URL: QueueUrl! } },
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: StreamDescriptionSummary!.StreamARN!,
        FunctionName: 'on-timed',
        StartingPosition: 'AT_TIMESTAMP',
        StartingPositionTimestamp: new Date(from),
      }),
    );
    const invocations = await seen(QueueUrl!, 1);
    assert.deepEqual(
      invocations.flatMap((i) => i.event.Records.map((r) => decode(r.kinesis.data))),
      ['after'],
    );
  });

  it("reads a stream through an enhanced fan-out consumer's ARN", async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'fanout', ShardCount: 1 }));
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'fanout' }),
    );
    const { Consumer } = await kinesis.send(
      new RegisterStreamConsumerCommand({
        StreamARN: StreamDescriptionSummary!.StreamARN!,
        ConsumerName: 'timeline',
      }),
    );
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'fanout-seen' }));
    await createFunction(
      lambda,
      'on-fanout',
      { 'index.js': HANDLER },
      { timeout: 10, environment: { SEEN_URL: QueueUrl! } },
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: Consumer!.ConsumerARN!,
        FunctionName: 'on-fanout',
        StartingPosition: 'TRIM_HORIZON',
      }),
    );
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'fanout', PartitionKey: 'k', Data: Buffer.from('via consumer') }),
    );
    const invocations = await seen(QueueUrl!, 1);
    const record = invocations[0]!.event.Records[0]!;
    assert.equal(decode(record.kinesis.data), 'via consumer');
  });

  it('reaches an idle function without waiting for the next poll', async () => {
    const { queueUrl } = await setUp('fast');
    // A warm function (its first invocation starts its process), and a poller gone idle.
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'fast', PartitionKey: 'k', Data: Buffer.from('warm') }),
    );
    await seen(queueUrl, 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const started = Date.now();
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'fast', PartitionKey: 'k', Data: Buffer.from('now') }),
    );
    const [invocation] = await seen(queueUrl, 1);
    const latency = invocation!.at - started;
    // A warm function answers in milliseconds; the bound leaves room for a loaded machine (AWS polls each
    // shard once a second).
    assert.ok(latency < 1000, `put-to-handler ${latency} ms`);
  });

  it('refuses a stream that does not exist', async () => {
    await createFunction(lambda, 'on-nothing', { 'index.js': HANDLER });
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/nothing',
          FunctionName: 'on-nothing',
          StartingPosition: 'LATEST',
        }),
      ),
      (error: Error) => {
        assert.equal(error.name, 'InvalidParameterValueException');
        assert.equal(
          error.message,
          'Stream not found: arn:aws:kinesis:us-east-1:000000000000:stream/nothing',
        );
        return true;
      },
    );
  });
});
