// DynamoDB Streams shards over time: the open shard closes about every four hours (on the cloud's
// clock) and a child shard names it as ParentShardId; closed shards carry an EndingSequenceNumber and
// answer no NextShardIterator once read; shards past the 24-hour retention disappear; iterators into
// trimmed data fail with TrimmedDataAccessException. A reader that follows lineage (the SDK below, and
// boto3 in test/python/dynamodb_shards.py) sees every record once, in order.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetRecords.html

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, client, startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

const HOUR = 60 * 60 * 1000;
const SCRIPT = fileURLToPath(new URL('../../../test/python/dynamodb_shards.py', import.meta.url));
const NO_BOTO3 = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status !== 0;

describe('DynamoDB Streams shards over time', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let arn: string;
  const written: string[] = [];
  const put = async (pk: string, v: number) => {
    await ddb.send(
      new PutItemCommand({ TableName: 'rolling', Item: { pk: { S: pk }, v: { N: String(v) } } }),
    );
    written.push(`${pk}:${v}`);
  };
  const describeAll = async (limit?: number) => {
    const shards: Shard[] = [];
    let start: string | undefined;
    let pages = 0;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, Limit: limit, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
      pages++;
    } while (start);
    return { shards, pages };
  };
  const iterator = async (
    ShardId: string,
    ShardIteratorType: 'TRIM_HORIZON' | 'AT_SEQUENCE_NUMBER' | 'LATEST',
    SequenceNumber?: string,
  ) =>
    (
      await streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId, ShardIteratorType, SequenceNumber }),
      )
    ).ShardIterator!;
  /** Reads shards parent first, each to its end (closed) or until it has nothing more (open). */
  const walk = async () => {
    const { shards } = await describeAll();
    const listed = new Set(shards.map((s) => s.ShardId));
    const done = new Set<string>();
    const seen: string[] = [];
    while (done.size < shards.length) {
      for (const shard of shards) {
        const parent = shard.ParentShardId;
        if (done.has(shard.ShardId!) || (parent && listed.has(parent) && !done.has(parent))) continue;
        let next: string | undefined = await iterator(shard.ShardId!, 'TRIM_HORIZON');
        while (next) {
          const page: GetRecordsCommandOutput = await streams.send(
            new GetRecordsCommand({ ShardIterator: next, Limit: 2 }),
          );
          for (const r of page.Records ?? [])
            seen.push(`${r.dynamodb?.Keys?.pk?.S}:${r.dynamodb?.NewImage?.v?.N}`);
          next = page.NextShardIterator;
          if ((page.Records ?? []).length === 0 && !shard.SequenceNumberRange?.EndingSequenceNumber) break;
        }
        done.add(shard.ShardId!);
      }
    }
    return seen;
  };

  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    streams = client(cloud, DynamoDBStreamsClient);
    const { TableDescription } = await ddb.send(
      new CreateTableCommand({
        TableName: 'rolling',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    arn = TableDescription!.LatestStreamArn!;
  });
  after(async () => {
    ddb.destroy();
    streams.destroy();
    await cloud.stop();
  });

  it('starts with one open shard and no parent', async () => {
    await put('a', 1);
    await put('b', 1);
    const { shards } = await describeAll();
    assert.equal(shards.length, 1);
    assert.equal(shards[0]!.ParentShardId, undefined);
    assert.equal(shards[0]!.SequenceNumberRange?.EndingSequenceNumber, undefined);
    assert.match(shards[0]!.ShardId!, /^shardId-\d{20}-[0-9a-f]{8}$/);
  });

  it('rolls the shard every four hours: the parent closes at its last record, the child names it', async () => {
    cloud.clock.advance(4 * HOUR);
    await put('a', 2);
    cloud.clock.advance(4 * HOUR);
    await put('a', 3);
    await put('b', 3);
    const { shards } = await describeAll();
    assert.equal(shards.length, 3);
    assert.equal(shards[1]!.ParentShardId, shards[0]!.ShardId);
    assert.equal(shards[2]!.ParentShardId, shards[1]!.ShardId);
    assert.ok(shards[0]!.SequenceNumberRange?.EndingSequenceNumber);
    assert.ok(shards[1]!.SequenceNumberRange?.EndingSequenceNumber);
    assert.equal(shards[2]!.SequenceNumberRange?.EndingSequenceNumber, undefined);
    // The parent's range ends at its last record; the child's starts after it.
    const records = await streams.send(
      new GetRecordsCommand({ ShardIterator: await iterator(shards[0]!.ShardId!, 'TRIM_HORIZON') }),
    );
    assert.equal(
      records.Records?.at(-1)?.dynamodb?.SequenceNumber,
      shards[0]!.SequenceNumberRange?.EndingSequenceNumber,
    );
    assert.ok(
      BigInt(shards[1]!.SequenceNumberRange!.StartingSequenceNumber!) >
        BigInt(shards[0]!.SequenceNumberRange!.EndingSequenceNumber!),
    );
  });

  it('answers no NextShardIterator at the end of a closed shard, and one for the open shard', async () => {
    const { shards } = await describeAll();
    const closed = await streams.send(
      new GetRecordsCommand({ ShardIterator: await iterator(shards[0]!.ShardId!, 'TRIM_HORIZON') }),
    );
    assert.deepEqual(
      closed.Records?.map((r) => r.dynamodb?.Keys?.pk?.S),
      ['a', 'b'],
    );
    assert.equal(closed.NextShardIterator, undefined);
    const latest = await streams.send(
      new GetRecordsCommand({ ShardIterator: await iterator(shards[0]!.ShardId!, 'LATEST') }),
    );
    assert.deepEqual(latest.Records, []);
    assert.equal(latest.NextShardIterator, undefined);
    const open = await streams.send(
      new GetRecordsCommand({ ShardIterator: await iterator(shards[2]!.ShardId!, 'LATEST') }),
    );
    assert.ok(open.NextShardIterator);
  });

  it('pages DescribeStream by shard with Limit and ExclusiveStartShardId', async () => {
    const whole = await describeAll();
    const paged = await describeAll(1);
    assert.equal(paged.pages, 3);
    assert.deepEqual(
      paged.shards.map((s) => s.ShardId),
      whole.shards.map((s) => s.ShardId),
    );
  });

  it('lets a reader that follows lineage see every record once, in order', async () => {
    assert.deepEqual(await walk(), written);
  });

  it('lets boto3 walk the shards by lineage and see every record', {
    skip: NO_BOTO3 && 'boto3 is not installed',
  }, async () => {
    const result = await python(['--endpoint', cloud.endpoint, '--stream-arn', arn]);
    assert.equal(result.shards.length, 3);
    assert.deepEqual(
      result.shards.map((s) => s.closed),
      [true, true, false],
    );
    assert.deepEqual(
      result.records.map(([pk, v]) => `${pk}:${v}`),
      written,
    );
  });

  it('answers TrimmedDataAccessException for trimmed data, and drops shards once all their records are past 24 h', async () => {
    const { shards: listed } = await describeAll();
    const [oldest, second] = listed as [Shard, Shard];
    // Just before the oldest shard's records pass 24 h an iterator into them works; once they have
    // passed, using it is reading trimmed data.
    cloud.clock.advance(16 * HOUR - 60_000);
    const stale = await iterator(oldest.ShardId!, 'TRIM_HORIZON');
    cloud.clock.advance(120_000);
    await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: stale })), {
      name: 'TrimmedDataAccessException',
      message: 'The operation attempted to read past the oldest stream record in a shard.',
    });
    // The shard stays listed until the last moment it could have held a record is past 24 h.
    // Shards roll on time alone, written to or not: a day later the stream has seven.
    const day = (await describeAll()).shards;
    assert.equal(day.length, 7);
    assert.equal(day[0]!.ShardId, oldest.ShardId);
    cloud.clock.advance(4 * HOUR);
    const { shards: now } = await describeAll();
    assert.equal(now[0]!.ShardId, second.ShardId);
    assert.ok(!now.some((s) => s.ShardId === oldest.ShardId));
    await assert.rejects(iterator(oldest.ShardId!, 'TRIM_HORIZON'), { name: 'ResourceNotFoundException' });
    // The second shard's record (a:2) is past 24 h too: asking for it by number is reading trimmed data,
    // and its TRIM_HORIZON is past it, at the (closed) shard's end.
    await assert.rejects(
      iterator(second.ShardId!, 'AT_SEQUENCE_NUMBER', second.SequenceNumberRange!.StartingSequenceNumber),
      { name: 'TrimmedDataAccessException' },
    );
    const horizon = await streams.send(
      new GetRecordsCommand({ ShardIterator: await iterator(second.ShardId!, 'TRIM_HORIZON') }),
    );
    assert.deepEqual(horizon.Records, []);
    assert.equal(horizon.NextShardIterator, undefined);
  });
});

function python(args: string[]): Promise<{ shards: { id: string; closed: boolean }[]; records: string[][] }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [SCRIPT, ...args], { env: awsEnvironment({}), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
      } catch {
        reject(new Error(`dynamodb_shards.py exited ${code}: ${stderr || stdout}`));
      }
    });
  });
}
