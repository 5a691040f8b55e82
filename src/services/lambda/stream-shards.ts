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
/** The checkpoint of a shard a LATEST mapping starts in, until its first batch. */
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
}

/**
 * Where each shard starts, decided when a mapping starts. On its first start, LATEST means the open shards
 * from their newest record (checkpointed as LATEST until a batch moves them on, so a restart before that
 * starts there again); the closed shards before them are history and are marked finished. Later starts go
 * by the checkpoints; a shard with none is read from its beginning, unless the mapping has already
 * delivered past its start: then it starts after the highest sequence number delivered. Sequence numbers
 * grow with time, so that changes nothing for a mapping that followed the lineage; it carries over a
 * checkpoint saved when a stream had a single shard.
 */
export function startPositions(
  shards: readonly ShardDescription[],
  store: Checkpoints,
  mapping: { UUID: string; StartingPosition?: string },
): void {
  const uuid = mapping.UUID;
  if (!store.hasCheckpoints(uuid)) {
    if (mapping.StartingPosition !== 'LATEST') return;
    for (const shard of shards)
      store.saveCheckpoint(
        uuid,
        shard.ShardId,
        shard.SequenceNumberRange.EndingSequenceNumber ? SHARD_END : LATEST,
      );
    return;
  }
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
