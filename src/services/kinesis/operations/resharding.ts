// SplitShard, MergeShards and UpdateShardCount: AWS's checks at the call, then the stream is UPDATING and
// the reshard is applied when that is over (../resharding.ts).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument, onDemandStream, shardLimitExceeded, shardNotFound } from '../errors.js';
import type { Kinesis } from '../kinesis.js';
import { parseShardId } from '../names.js';
import type { ShardRow, StreamRow } from '../store.js';
import { SHARD_LIMIT } from './describe-limits.js';
import { operation, requireActive } from './operation.js';

/** "You cannot … scale a stream with more than 10000 shards down unless the result is less than 10000
 * shards; scale up to more than 10000 shards in a stream." (UpdateShardCount's limits) */
const MAX_SHARDS_PER_STREAM = 10_000;

export const splitShard = operation({
  input: model.SplitShardInput,
  run: (input, kinesis, ctx) => {
    const stream = provisioned(requireActive(kinesis, input, ctx));
    const shard = openShard(kinesis, stream, input.ShardToSplit);
    const current = kinesis.openShardCount(stream.account, stream.region);
    if (current + 1 > SHARD_LIMIT)
      throw shardLimitExceeded(stream.account, stream.region, current, SHARD_LIMIT, 1);
    const start = BigInt(shard.hash_start);
    const end = BigInt(shard.hash_end);
    const at = BigInt(input.NewStartingHashKey);
    if (at <= start + 1n || at >= end) {
      // moto's and kinesalite's wording of AWS's message.
      throw invalidArgument(
        `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${input.ShardToSplit} in stream ${stream.name} under account ${stream.account} is not both greater than one plus the shard's StartingHashKey ${shard.hash_start} and less than the shard's EndingHashKey ${shard.hash_end}.`,
      );
    }
    kinesis.beginUpdate(stream, { kind: 'split', shard: shard.idx, newStartingHashKey: at.toString() });
    return {};
  },
});

export const mergeShards = operation({
  input: model.MergeShardsInput,
  run: (input, kinesis, ctx) => {
    const stream = provisioned(requireActive(kinesis, input, ctx));
    const shard = openShard(kinesis, stream, input.ShardToMerge);
    const adjacent = openShard(kinesis, stream, input.AdjacentShardToMerge);
    const touching =
      BigInt(shard.hash_end) + 1n === BigInt(adjacent.hash_start) ||
      BigInt(adjacent.hash_end) + 1n === BigInt(shard.hash_start);
    if (!touching) {
      // kinesalite's wording of AWS's message.
      throw invalidArgument(
        `Shards ${input.ShardToMerge} and ${input.AdjacentShardToMerge} in stream ${stream.name} under account ${stream.account} are not an adjacent pair of shards eligible for merging`,
      );
    }
    kinesis.beginUpdate(stream, { kind: 'merge', shard: shard.idx, adjacentShard: adjacent.idx });
    return {};
  },
});

export const updateShardCount = operation({
  input: model.UpdateShardCountInput,
  output: model.UpdateShardCountOutput,
  run: (input, kinesis, ctx) => {
    const stream = provisioned(requireActive(kinesis, input, ctx));
    const current = kinesis.openShards(stream).length;
    const target = input.TargetShardCount;
    // "You cannot … scale up to more than double your current shard count for a stream; scale down below
    // half your current shard count for a stream" (API_UpdateShardCount.html). The wording is Nimbus's.
    if (target > current * 2 || target * 2 < current || target > MAX_SHARDS_PER_STREAM) {
      throw new ServiceError(
        'LimitExceededException',
        `UpdateShardCount to ${target} shards would exceed the limits of stream ${stream.name} under account ${stream.account}: the target shard count must be at least half and at most double the current ${current}, and at most ${MAX_SHARDS_PER_STREAM}.`,
      );
    }
    const accountShards = kinesis.openShardCount(stream.account, stream.region);
    if (accountShards - current + target > SHARD_LIMIT) {
      throw shardLimitExceeded(stream.account, stream.region, accountShards, SHARD_LIMIT, target - current);
    }
    kinesis.beginUpdate(stream, { kind: 'scale', target });
    return {
      StreamName: stream.name,
      CurrentShardCount: current,
      TargetShardCount: target,
      StreamARN: kinesis.arnOf(stream),
    };
  },
});

function provisioned(stream: StreamRow): StreamRow {
  if (stream.mode === 'ON_DEMAND') throw onDemandStream(stream.name, stream.account);
  return stream;
}

/** The open shard a ShardId names: ResourceNotFoundException for none, InvalidArgumentException (moto's
 * wording) for one already split or merged. */
function openShard(kinesis: Kinesis, stream: StreamRow, shardId: string): ShardRow {
  const index = parseShardId(shardId);
  const shard = index === undefined ? undefined : kinesis.shard(stream, index);
  if (!shard) throw shardNotFound(shardId, stream.name, stream.account);
  if (shard.closed_at !== null) {
    throw invalidArgument(
      `Shard ${shardId} in stream ${stream.name} under account ${stream.account} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  }
  return shard;
}
