// The Kinesis operation factory and what several operations share: finding the stream a request names,
// the ACTIVE check before a change, and the wire forms of shards and timestamps.

import { operationFor, type RequestContext } from '../../../core/service.js';
import { streamNotActive } from '../errors.js';
import { hashKeyOf } from '../hash-keys.js';
import type { Kinesis } from '../kinesis.js';
import { shardIdOf, streamReference } from '../names.js';
import type { ShardRow, StreamRow } from '../store.js';

export const operation = operationFor<Kinesis>();

/** The stream a request names (StreamName, StreamARN or both), or ResourceNotFoundException. */
export function requireStream(
  kinesis: Kinesis,
  input: { StreamName?: string; StreamARN?: string },
  ctx: RequestContext,
): StreamRow {
  return kinesis.require(streamReference(input, ctx));
}

/** The stream, which must be ACTIVE for a reshard or settings change (ResourceInUseException otherwise). */
export function requireActive(
  kinesis: Kinesis,
  input: { StreamName?: string; StreamARN?: string },
  ctx: RequestContext,
): StreamRow {
  const stream = requireStream(kinesis, input, ctx);
  const status = kinesis.status(stream);
  if (status !== 'ACTIVE') throw streamNotActive(stream.name, stream.account, status);
  return stream;
}

/** A shard as DescribeStream and ListShards list it. */
export function shardDescription(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
): Record<string, unknown> {
  return {
    ShardId: shardIdOf(shard.idx),
    ...(shard.parent !== null ? { ParentShardId: shardIdOf(shard.parent) } : {}),
    ...(shard.adjacent_parent !== null ? { AdjacentParentShardId: shardIdOf(shard.adjacent_parent) } : {}),
    HashKeyRange: { StartingHashKey: shard.hash_start, EndingHashKey: shard.hash_end },
    SequenceNumberRange: kinesis.sequenceRange(stream, shard),
  };
}

/** The shards opened from a closed shard, as GetRecords and SubscribeToShard's ChildShards give them. */
export function childShards(kinesis: Kinesis, stream: StreamRow, shard: ShardRow): Record<string, unknown>[] {
  return kinesis
    .shards(stream)
    .filter((child) => child.parent === shard.idx || child.adjacent_parent === shard.idx)
    .map((child) => ({
      ShardId: shardIdOf(child.idx),
      ParentShards: [child.parent, child.adjacent_parent].filter((p) => p !== null).map((p) => shardIdOf(p!)),
      HashKeyRange: { StartingHashKey: child.hash_start, EndingHashKey: child.hash_end },
    }));
}

/** The enhanced-monitoring list AWS describes: one entry with the enabled metrics (empty when none). */
export function enhancedMonitoring(stream: StreamRow): { ShardLevelMetrics: string[] }[] {
  return [{ ShardLevelMetrics: JSON.parse(stream.metrics) as string[] }];
}

export { epochSeconds } from '../../../core/clock.js';

export function streamModeDetails(stream: StreamRow): { StreamMode: string } {
  return { StreamMode: stream.mode };
}

/** The 128-bit hash key a record routes by: ExplicitHashKey when given, the MD5 of its partition key else. */
export function recordHashKey(partitionKey: string, explicit: string | undefined): bigint {
  return explicit === undefined ? hashKeyOf(partitionKey) : BigInt(explicit);
}
