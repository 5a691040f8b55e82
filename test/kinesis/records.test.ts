// Records: PutRecord and PutRecords routed by the MD5 of the partition key (or ExplicitHashKey) onto the
// shards' hash key ranges, sequence numbers that sort, the five iterator types, GetRecords' paging and
// MillisBehindLatest, iterator expiry and retention on the cloud clock, and AWS's errors.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  type KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { createStream, kinesisCloud, rejectsWith } from './helpers.js';

const MAX = 2n ** 128n;

describe('Kinesis records', () => {
  let cloud: Cloud;
  let kinesis: KinesisClient;
  before(async () => {
    ({ cloud, kinesis } = await kinesisCloud());
    await createStream(kinesis, 'orders', 4);
  });
  after(() => cloud?.stop());

  const iterator = async (ShardId: string, ShardIteratorType: string, extra: Record<string, unknown> = {}) =>
    (
      await kinesis.send(
        new GetShardIteratorCommand({ StreamName: 'orders', ShardId, ShardIteratorType, ...extra } as never),
      )
    ).ShardIterator!;

  it('routes a record to the shard whose hash key range holds the MD5 of its partition key', async () => {
    for (const key of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) {
      const hash = BigInt(`0x${createHash('md5').update(key).digest('hex')}`);
      const expected = Number((hash * 4n) / MAX);
      const put = await kinesis.send(
        new PutRecordCommand({ StreamName: 'orders', PartitionKey: key, Data: Buffer.from(key) }),
      );
      assert.equal(put.ShardId, `shardId-00000000000${expected}`, key);
      assert.match(put.SequenceNumber!, /^49\d{54}$/);
    }
  });

  it('routes by ExplicitHashKey, and refuses one above 2^128 - 1 with AWS message', async () => {
    const put = await kinesis.send(
      new PutRecordCommand({
        StreamName: 'orders',
        PartitionKey: 'x',
        ExplicitHashKey: String(MAX - 1n),
        Data: Buffer.from('last'),
      }),
    );
    assert.equal(put.ShardId, 'shardId-000000000003');
    // kinesalite's wording of AWS's message.
    await rejectsWith(
      kinesis.send(
        new PutRecordCommand({
          StreamName: 'orders',
          PartitionKey: 'x',
          ExplicitHashKey: String(MAX),
          Data: Buffer.from('x'),
        }),
      ),
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${MAX}`,
    );
  });

  it('reads a shard in order from TRIM_HORIZON, AT_ and AFTER_SEQUENCE_NUMBER, LATEST and AT_TIMESTAMP', async () => {
    const ExplicitHashKey = '1';
    const sent = [];
    for (let i = 0; i < 5; i++) {
      sent.push(
        await kinesis.send(
          new PutRecordCommand({
            StreamName: 'orders',
            PartitionKey: `p${i}`,
            ExplicitHashKey,
            Data: Buffer.from(`r${i}`),
          }),
        ),
      );
    }
    const numbers = sent.map((put) => BigInt(put.SequenceNumber!));
    assert.deepEqual(
      [...numbers].sort((a, b) => (a < b ? -1 : 1)),
      numbers,
      'sequence numbers grow',
    );
    const all = await kinesis.send(
      new GetRecordsCommand({ ShardIterator: await iterator('shardId-000000000000', 'TRIM_HORIZON') }),
    );
    const mine = all.Records!.filter((r) => /^p\d$/.test(r.PartitionKey!));
    assert.deepEqual(
      mine.map((r) => Buffer.from(r.Data!).toString()),
      ['r0', 'r1', 'r2', 'r3', 'r4'],
    );
    assert.ok(mine[0]!.ApproximateArrivalTimestamp instanceof Date);
    const at = await kinesis.send(
      new GetRecordsCommand({
        ShardIterator: await iterator('shardId-000000000000', 'AT_SEQUENCE_NUMBER', {
          StartingSequenceNumber: sent[2]!.SequenceNumber,
        }),
      }),
    );
    assert.equal(Buffer.from(at.Records![0]!.Data!).toString(), 'r2');
    const afterIt = await iterator('shardId-000000000000', 'AFTER_SEQUENCE_NUMBER', {
      StartingSequenceNumber: sent[2]!.SequenceNumber,
    });
    const limited = await kinesis.send(new GetRecordsCommand({ ShardIterator: afterIt, Limit: 1 }));
    assert.deepEqual(
      limited.Records!.map((r) => Buffer.from(r.Data!).toString()),
      ['r3'],
    );
    assert.ok(limited.MillisBehindLatest! >= 0);
    const rest = await kinesis.send(new GetRecordsCommand({ ShardIterator: limited.NextShardIterator }));
    assert.deepEqual(
      rest.Records!.map((r) => Buffer.from(r.Data!).toString()),
      ['r4'],
    );
    assert.equal(rest.MillisBehindLatest, 0);
    const latest = await iterator('shardId-000000000000', 'LATEST');
    await kinesis.send(
      new PutRecordCommand({
        StreamName: 'orders',
        PartitionKey: 'late',
        ExplicitHashKey,
        Data: Buffer.from('new'),
      }),
    );
    const fresh = await kinesis.send(new GetRecordsCommand({ ShardIterator: latest }));
    assert.deepEqual(
      fresh.Records!.map((r) => Buffer.from(r.Data!).toString()),
      ['new'],
    );
    const byTime = await kinesis.send(
      new GetRecordsCommand({
        ShardIterator: await iterator('shardId-000000000000', 'AT_TIMESTAMP', {
          Timestamp: mine[0]!.ApproximateArrivalTimestamp,
        }),
      }),
    );
    assert.ok(byTime.Records!.some((r) => r.PartitionKey === 'p0'));
  });

  it('answers AWS errors for a bad starting sequence number, timestamp or shard', async () => {
    const other = await kinesis.send(
      new PutRecordCommand({
        StreamName: 'orders',
        PartitionKey: 'o',
        ExplicitHashKey: String(MAX - 1n),
        Data: Buffer.from('o'),
      }),
    );
    // kinesalite's wordings of AWS's messages.
    await rejectsWith(
      iterator('shardId-000000000000', 'AT_SEQUENCE_NUMBER', {
        StartingSequenceNumber: other.SequenceNumber,
      }),
      'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId-000000000003, while it was used in a call to a shard with shardId-000000000000',
    );
    await rejectsWith(
      iterator('shardId-000000000000', 'AT_SEQUENCE_NUMBER'),
      'InvalidArgumentException',
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.',
    );
    await rejectsWith(
      iterator('shardId-000000000000', 'AT_TIMESTAMP', { Timestamp: new Date(cloud.clock.now() + 60_000) }),
      'InvalidArgumentException',
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\./,
    );
    await rejectsWith(
      iterator('shardId-000000000009', 'TRIM_HORIZON'),
      'ResourceNotFoundException',
      'Shard shardId-000000000009 in stream orders under account 000000000000 does not exist',
    );
    await rejectsWith(
      kinesis.send(new GetRecordsCommand({ ShardIterator: 'bm90IGFuIGl0ZXJhdG9y' })),
      'InvalidArgumentException',
      'Invalid ShardIterator.',
    );
  });

  it('expires a shard iterator five minutes after it was handed out, on the cloud clock', async () => {
    const ShardIterator = await iterator('shardId-000000000001', 'TRIM_HORIZON');
    cloud.clock.advance(5 * 60 * 1000 + 1000);
    // kinesalite's wording of AWS's message (dates as Java prints them).
    await rejectsWith(
      kinesis.send(new GetRecordsCommand({ ShardIterator })),
      'ExpiredIteratorException',
      /^Iterator expired\. The iterator was created at time \w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4} while right now it is .+ which is further in the future than the tolerated delay of 300000 milliseconds\.$/,
    );
  });

  it('puts up to 500 records in one PutRecords, each answered in order, and refuses 501', async () => {
    const Records = Array.from({ length: 500 }, (_, i) => ({
      PartitionKey: `k${i}`,
      Data: Buffer.from(`v${i}`),
    }));
    const put = await kinesis.send(new PutRecordsCommand({ StreamName: 'orders', Records }));
    assert.equal(put.FailedRecordCount, 0);
    assert.equal(put.Records?.length, 500);
    assert.ok(put.Records!.every((r) => r.SequenceNumber && r.ShardId));
    // The model's limit, in AWS's validation wording.
    await rejectsWith(
      kinesis.send(
        new PutRecordsCommand({
          StreamName: 'orders',
          Records: [...Records, { PartitionKey: 'x', Data: Buffer.from('x') }],
        }),
      ),
      'ValidationException',
      /Member must have length less than or equal to 500/,
    );
  });

  it('refuses a record over 1 MiB and a PutRecords over 5 MiB', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1);
    await rejectsWith(
      kinesis.send(new PutRecordCommand({ StreamName: 'orders', PartitionKey: 'big', Data: big })),
      'ValidationException',
      "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    );
    await rejectsWith(
      kinesis.send(
        new PutRecordCommand({ StreamName: 'orders', PartitionKey: 'big', Data: Buffer.alloc(1024 * 1024) }),
      ),
      'InvalidArgumentException',
      /including its partition key/,
    );
    const Records = Array.from({ length: 6 }, (_, i) => ({
      PartitionKey: `b${i}`,
      Data: Buffer.alloc(1024 * 1024 - 10),
    }));
    // moto's wording of AWS's message.
    await rejectsWith(
      kinesis.send(new PutRecordsCommand({ StreamName: 'orders', Records })),
      'InvalidArgumentException',
      'Records size exceeds 5 MB limit',
    );
  });

  it('stops returning records once they are older than the retention period', async () => {
    await createStream(kinesis, 'short');
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'short', PartitionKey: 'k', Data: Buffer.from('old') }),
    );
    await kinesis.send(
      new IncreaseStreamRetentionPeriodCommand({ StreamName: 'short', RetentionPeriodHours: 24 }),
    );
    const ShardIterator = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: 'short',
          ShardId: 'shardId-000000000000',
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    assert.equal((await kinesis.send(new GetRecordsCommand({ ShardIterator }))).Records?.length, 1);
    cloud.clock.advance(24 * 3_600_000 + 1000);
    const later = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: 'short',
          ShardId: 'shardId-000000000000',
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    assert.deepEqual((await kinesis.send(new GetRecordsCommand({ ShardIterator: later }))).Records, []);
  });
});
