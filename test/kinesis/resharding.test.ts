// Resharding: SplitShard, MergeShards and UpdateShardCount with AWS's checks, the stream UPDATING
// meanwhile, and readers that follow ChildShards seeing every record once, in order per partition key,
// while producers write through two splits and two merges.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  type KinesisClient,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordsCommand,
  SplitShardCommand,
  UpdateShardCountCommand,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { createStream, kinesisCloud, readWholeStream, rejectsWith } from './helpers.js';

describe('Kinesis resharding', () => {
  let cloud: Cloud;
  let kinesis: KinesisClient;
  before(async () => {
    ({ cloud, kinesis } = await kinesisCloud());
  });
  after(() => cloud?.stop());

  const settle = () => cloud.clock.advance(1000);

  it('splits a shard into two children and refuses a second reshard while UPDATING', async () => {
    await createStream(kinesis, 'split', 1);
    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'split',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: String(2n ** 127n),
      }),
    );
    await rejectsWith(
      kinesis.send(
        new SplitShardCommand({
          StreamName: 'split',
          ShardToSplit: 'shardId-000000000000',
          NewStartingHashKey: '5',
        }),
      ),
      'ResourceInUseException',
      'Stream split under account 000000000000 not ACTIVE, instead in state UPDATING',
    );
    settle();
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'split' }));
    assert.deepEqual(
      Shards.map((s) => [
        s.ShardId,
        s.ParentShardId,
        s.HashKeyRange?.StartingHashKey,
        Boolean(s.SequenceNumberRange?.EndingSequenceNumber),
      ]),
      [
        ['shardId-000000000000', undefined, '0', true],
        ['shardId-000000000001', 'shardId-000000000000', '0', false],
        ['shardId-000000000002', 'shardId-000000000000', String(2n ** 127n), false],
      ],
    );
    // moto's and kinesalite's wordings of AWS's messages.
    await rejectsWith(
      kinesis.send(
        new SplitShardCommand({
          StreamName: 'split',
          ShardToSplit: 'shardId-000000000000',
          NewStartingHashKey: '5',
        }),
      ),
      'InvalidArgumentException',
      'Shard shardId-000000000000 in stream split under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.',
    );
    await rejectsWith(
      kinesis.send(
        new SplitShardCommand({
          StreamName: 'split',
          ShardToSplit: 'shardId-000000000007',
          NewStartingHashKey: '5',
        }),
      ),
      'ResourceNotFoundException',
      'Could not find shard shardId-000000000007 in stream split under account 000000000000.',
    );
    await rejectsWith(
      kinesis.send(
        new SplitShardCommand({
          StreamName: 'split',
          ShardToSplit: 'shardId-000000000001',
          NewStartingHashKey: '0',
        }),
      ),
      'InvalidArgumentException',
      /^NewStartingHashKey 0 used in SplitShard\(\) on shard shardId-000000000001 in stream split under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0/,
    );
  });

  it('merges two adjacent shards, refusing a pair that is not adjacent', async () => {
    await createStream(kinesis, 'merge', 3);
    await rejectsWith(
      kinesis.send(
        new MergeShardsCommand({
          StreamName: 'merge',
          ShardToMerge: 'shardId-000000000000',
          AdjacentShardToMerge: 'shardId-000000000002',
        }),
      ),
      'InvalidArgumentException',
      'Shards shardId-000000000000 and shardId-000000000002 in stream merge under account 000000000000 are not an adjacent pair of shards eligible for merging',
    );
    await kinesis.send(
      new MergeShardsCommand({
        StreamName: 'merge',
        ShardToMerge: 'shardId-000000000001',
        AdjacentShardToMerge: 'shardId-000000000002',
      }),
    );
    settle();
    const { Shards = [] } = await kinesis.send(
      new ListShardsCommand({ StreamName: 'merge', ShardFilter: { Type: 'AT_LATEST' } }),
    );
    assert.deepEqual(
      Shards.map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId, s.HashKeyRange?.EndingHashKey]),
      [
        ['shardId-000000000000', undefined, undefined, '113427455640312821154458202477256070484'],
        ['shardId-000000000003', 'shardId-000000000001', 'shardId-000000000002', String(2n ** 128n - 1n)],
      ],
    );
  });

  it('scales uniformly with UpdateShardCount within AWS limits (at most double, at least half)', async () => {
    await createStream(kinesis, 'scaled', 3);
    const answer = await kinesis.send(
      new UpdateShardCountCommand({
        StreamName: 'scaled',
        TargetShardCount: 5,
        ScalingType: 'UNIFORM_SCALING',
      }),
    );
    assert.deepEqual([answer.CurrentShardCount, answer.TargetShardCount], [3, 5]);
    settle();
    const open = await kinesis.send(
      new ListShardsCommand({ StreamName: 'scaled', ShardFilter: { Type: 'AT_LATEST' } }),
    );
    const width = 2n ** 128n / 5n;
    assert.deepEqual(
      open.Shards?.map((s) => BigInt(s.HashKeyRange!.StartingHashKey!)).sort((a, b) => (a < b ? -1 : 1)),
      [0n, width, 2n * width, 3n * width, 4n * width],
    );
    await rejectsWith(
      kinesis.send(
        new UpdateShardCountCommand({
          StreamName: 'scaled',
          TargetShardCount: 11,
          ScalingType: 'UNIFORM_SCALING',
        }),
      ),
      'LimitExceededException',
    );
    await rejectsWith(
      kinesis.send(
        new UpdateShardCountCommand({
          StreamName: 'scaled',
          TargetShardCount: 2,
          ScalingType: 'UNIFORM_SCALING',
        }),
      ),
      'LimitExceededException',
    );
    await kinesis.send(new CreateStreamCommand({ StreamName: 'elastic' }));
    // moto's wording of AWS's message.
    await rejectsWith(
      kinesis.send(
        new UpdateShardCountCommand({
          StreamName: 'elastic',
          TargetShardCount: 2,
          ScalingType: 'UNIFORM_SCALING',
        }),
      ),
      'ValidationException',
      'Request is invalid. Stream elastic under account 000000000000 is in On-Demand mode.',
    );
  });

  it('delivers every record exactly once, in order per partition key, while producers write through two splits and two merges', async () => {
    await createStream(kinesis, 'busy', 2);
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    let counter = 0;
    const produce = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        const Records = keys.map((PartitionKey) => ({
          PartitionKey,
          Data: Buffer.from(`${PartitionKey}:${counter++}`),
        }));
        const put = await kinesis.send(new PutRecordsCommand({ StreamName: 'busy', Records }));
        assert.equal(put.FailedRecordCount, 0);
      }
    };
    const reshard = async (step: () => Promise<unknown>) => {
      // Producers keep writing while the stream is UPDATING.
      await Promise.all([step(), produce(3)]);
      settle();
      await produce(2);
    };
    // Open shards in hash key order, so the first two are adjacent.
    const openShards = async () =>
      (
        (
          await kinesis.send(
            new ListShardsCommand({ StreamName: 'busy', ShardFilter: { Type: 'AT_LATEST' } }),
          )
        ).Shards ?? []
      ).sort((a, b) =>
        BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1,
      );
    await produce(4);
    for (let split = 0; split < 2; split++) {
      const [shard] = await openShards();
      const start = BigInt(shard!.HashKeyRange!.StartingHashKey!);
      const end = BigInt(shard!.HashKeyRange!.EndingHashKey!);
      await reshard(() =>
        kinesis.send(
          new SplitShardCommand({
            StreamName: 'busy',
            ShardToSplit: shard!.ShardId,
            NewStartingHashKey: String((start + end) / 2n),
          }),
        ),
      );
    }
    for (let merge = 0; merge < 2; merge++) {
      const [first, second] = await openShards();
      await reshard(() =>
        kinesis.send(
          new MergeShardsCommand({
            StreamName: 'busy',
            ShardToMerge: first!.ShardId,
            AdjacentShardToMerge: second!.ShardId,
          }),
        ),
      );
    }
    const records = await readWholeStream(kinesis, 'busy');
    const seen = records.map((r) => Buffer.from(r.Data!).toString());
    assert.equal(new Set(seen).size, seen.length, 'no record twice');
    assert.equal(seen.length, counter, 'every record');
    for (const key of keys) {
      const order = seen
        .filter((text) => text.startsWith(`${key}:`))
        .map((text) => Number(text.split(':')[1]));
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        `${key} in order`,
      );
    }
  });
});
