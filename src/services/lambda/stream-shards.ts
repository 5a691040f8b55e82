// A stream's shards as a mapping sees them (core/ports/stream-source.ts): which shards may be read now, and
// where each starts. A child shard waits until its parents have been read to their end (or have left
// retention and are no longer listed), so the records of one key reach the function in order across a
// shard roll, a split or a merge.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing
// https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html

import type { SourceShard } from '../../core/ports/stream-source.js';

/** The checkpoint of a shard read to its end. */
export const SHARD_END = 'SHARD_END';
/** What a LATEST mapping's open shards were checkpointed as before its start position was recorded as a
 * sequence number; replaced by where the stream is when such a mapping next starts. */
export const LATEST = 'LATEST';

/** Shards not yet taken whose parents are finished or no longer listed, oldest first. */
export function startableShards(
  shards: readonly SourceShard[],
  taken: (shardId: string) => boolean,
  finished: (shardId: string) => boolean,
): string[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  const done = (parent: string | undefined) => !parent || !listed.has(parent) || finished(parent);
  return shards
    .filter((shard) => !taken(shard.shardId))
    .filter((shard) => done(shard.parentShardId) && done(shard.adjacentParentShardId))
    .map((shard) => shard.shardId);
}

interface Checkpoints {
  checkpoint(uuid: string, shardId: string): string | undefined;
  saveCheckpoint(uuid: string, shardId: string, sequenceNumber: string): void;
  hasCheckpoints(uuid: string): boolean;
  highestCheckpoint(uuid: string): bigint | undefined;
  recordLatestStart(uuid: string, streamArn: string): void;
  latestSequenceNumber(streamArn: string): string;
}

/**
 * Where each shard starts, checked when a mapping's poller starts. A LATEST mapping's position is recorded
 * when it is created or enabled (`recordLatestStart`: open shards after the newest record, closed ones
 * finished); one that has none yet (its stream listed no shard then) records it now, and a checkpoint
 * still saying LATEST (kept by an older Nimbus) becomes where the stream is now. Otherwise the checkpoints
 * decide; a shard with none is read from its beginning (or from StartingPositionTimestamp), unless the
 * stream's sequence numbers span its shards (DynamoDB's) and the mapping has already delivered past the
 * shard's start: then it starts after the highest sequence number delivered. Those grow with time, so that
 * changes nothing for a mapping that followed the lineage; it carries over a checkpoint saved when a
 * DynamoDB stream had a single shard.
 */
export function startPositions(
  shards: readonly SourceShard[],
  store: Checkpoints,
  mapping: { UUID: string; EventSourceArn: string; StartingPosition?: string },
  streamWideSequenceNumbers: boolean,
): void {
  const uuid = mapping.UUID;
  if (!store.hasCheckpoints(uuid)) {
    if (mapping.StartingPosition === 'LATEST') store.recordLatestStart(uuid, mapping.EventSourceArn);
    return;
  }
  for (const shard of shards)
    if (store.checkpoint(uuid, shard.shardId) === LATEST)
      store.saveCheckpoint(uuid, shard.shardId, store.latestSequenceNumber(mapping.EventSourceArn));
  if (!streamWideSequenceNumbers) return;
  const reached = store.highestCheckpoint(uuid);
  if (reached === undefined) return;
  for (const shard of shards) {
    if (store.checkpoint(uuid, shard.shardId) !== undefined) continue;
    const { startingSequenceNumber, endingSequenceNumber } = shard;
    if (endingSequenceNumber && BigInt(endingSequenceNumber) <= reached)
      store.saveCheckpoint(uuid, shard.shardId, SHARD_END);
    else if (BigInt(startingSequenceNumber) <= reached)
      store.saveCheckpoint(uuid, shard.shardId, String(reached).padStart(21, '0'));
  }
}
