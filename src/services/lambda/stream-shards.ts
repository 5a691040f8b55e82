// A DynamoDB stream's shards as a mapping sees them: every shard through DescribeStream's pages, and
// which shards may be read now. A child shard waits until its parent has been read to its end (or has
// left retention and is no longer listed), so the records of one item reach the function in order across
// a shard roll. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing

export interface ShardDescription {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

/** The checkpoint of a shard read to its end. */
export const SHARD_END = 'SHARD_END';
/** What a LATEST mapping's open shards were checkpointed as before its start position was recorded as a
 * sequence number; replaced by where the stream is when such a mapping next starts. */
export const LATEST = 'LATEST';

/** Every shard of the stream, oldest first, and whether the stream is disabled. */
export async function describeShards(
  describe: (input: Record<string, unknown>) => Promise<unknown>,
  streamArn: string,
): Promise<{ shards: ShardDescription[]; disabled: boolean }> {
  const shards: ShardDescription[] = [];
  let start: string | undefined;
  let disabled = false;
  do {
    const { StreamDescription } = (await describe({
      StreamArn: streamArn,
      ...(start ? { ExclusiveStartShardId: start } : {}),
    })) as {
      StreamDescription: { Shards: ShardDescription[]; StreamStatus: string; LastEvaluatedShardId?: string };
    };
    shards.push(...StreamDescription.Shards);
    disabled = StreamDescription.StreamStatus === 'DISABLED';
    start = StreamDescription.LastEvaluatedShardId;
  } while (start);
  return { shards, disabled };
}

/** Shards not yet taken whose parent is finished or no longer listed, oldest first. */
export function startableShards(
  shards: readonly ShardDescription[],
  taken: (shardId: string) => boolean,
  finished: (shardId: string) => boolean,
): string[] {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  return shards
    .filter((shard) => !taken(shard.ShardId))
    .filter((shard) => {
      const parent = shard.ParentShardId;
      return !parent || !listed.has(parent) || finished(parent);
    })
    .map((shard) => shard.ShardId);
}

interface Checkpoints {
  checkpoint(uuid: string, shardId: string): string | undefined;
  saveCheckpoint(uuid: string, shardId: string, sequenceNumber: string): void;
  hasCheckpoints(uuid: string): boolean;
  highestCheckpoint(uuid: string): bigint | undefined;
  recordLatestStart(uuid: string, streamArn: string): void;
  latestSequenceNumber(): string;
}

/**
 * Where each shard starts, checked when a mapping's poller starts. A LATEST mapping's position is recorded
 * when it is created or enabled (`recordLatestStart`: open shards after the newest record, closed ones
 * finished); one that has none yet (its stream listed no shard then) records it now, and a checkpoint
 * still saying LATEST (kept by an older Nimbus) becomes where the stream is now. Otherwise the checkpoints
 * decide; a shard with none is read from its beginning, unless the mapping has already delivered past its
 * start: then it starts after the highest sequence number delivered. Sequence numbers grow with time, so
 * that changes nothing for a mapping that followed the lineage; it carries over a checkpoint saved when a
 * stream had a single shard.
 */
export function startPositions(
  shards: readonly ShardDescription[],
  store: Checkpoints,
  mapping: { UUID: string; EventSourceArn: string; StartingPosition?: string },
): void {
  const uuid = mapping.UUID;
  if (!store.hasCheckpoints(uuid)) {
    if (mapping.StartingPosition === 'LATEST') store.recordLatestStart(uuid, mapping.EventSourceArn);
    return;
  }
  for (const shard of shards)
    if (store.checkpoint(uuid, shard.ShardId) === LATEST)
      store.saveCheckpoint(uuid, shard.ShardId, store.latestSequenceNumber());
  const reached = store.highestCheckpoint(uuid);
  if (reached === undefined) return;
  for (const shard of shards) {
    if (store.checkpoint(uuid, shard.ShardId) !== undefined) continue;
    const { StartingSequenceNumber, EndingSequenceNumber } = shard.SequenceNumberRange;
    if (EndingSequenceNumber && BigInt(EndingSequenceNumber) <= reached)
      store.saveCheckpoint(uuid, shard.ShardId, SHARD_END);
    else if (BigInt(StartingSequenceNumber) <= reached)
      store.saveCheckpoint(uuid, shard.ShardId, String(reached).padStart(21, '0'));
  }
}
