// Resharding, as applied when a stream's UPDATING time is over: a split closes a shard and opens two
// children that divide its hash key range at NewStartingHashKey; a merge closes two adjacent shards and
// opens one child of both; UpdateShardCount's UNIFORM_SCALING reaches `target` shards of equal width through
// splits and merges, as AWS does ("this may result in temporary shards"), so every shard keeps at most two
// parents and a reader that finishes parents before children still reads each partition key in order.
// https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-resharding.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html

import { evenRanges } from './hash-keys.js';
import type { Kinesis } from './kinesis.js';
import type { ShardRow, StreamRow } from './store.js';

export type Reshard =
  | { readonly kind: 'split'; readonly shard: number; readonly newStartingHashKey: string }
  | { readonly kind: 'merge'; readonly shard: number; readonly adjacentShard: number }
  | { readonly kind: 'scale'; readonly target: number };

/** Applies `reshard` at time `at`, in the caller's transaction. */
export function applyReshard(kinesis: Kinesis, stream: StreamRow, reshard: Reshard, at: number): void {
  const open = new Map(kinesis.openShards(stream).map((shard) => [shard.idx, shard]));
  switch (reshard.kind) {
    case 'split': {
      const shard = open.get(reshard.shard);
      if (shard) split(kinesis, stream, shard, BigInt(reshard.newStartingHashKey), at);
      return;
    }
    case 'merge': {
      const shard = open.get(reshard.shard);
      const adjacent = open.get(reshard.adjacentShard);
      if (shard && adjacent) merge(kinesis, stream, shard, adjacent, at);
      return;
    }
    case 'scale':
      scale(kinesis, stream, [...open.values()], reshard.target, at);
  }
}

function split(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
  at: bigint,
  time: number,
): [ShardRow, ShardRow] {
  kinesis.closeShard(stream, shard, time);
  const start = BigInt(shard.hash_start);
  const end = BigInt(shard.hash_end);
  return [
    kinesis.openShard(stream, { start, end: at - 1n }, time, shard.idx, undefined),
    kinesis.openShard(stream, { start: at, end }, time, shard.idx, undefined),
  ];
}

/** The child's ParentShardId is the shard asked for, AdjacentParentShardId the other (MergeShards's
 * `ShardToMerge` and `AdjacentShardToMerge`), its range theirs together. */
function merge(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
  adjacent: ShardRow,
  time: number,
): ShardRow {
  kinesis.closeShard(stream, shard, time);
  kinesis.closeShard(stream, adjacent, time);
  const [low, high] =
    BigInt(shard.hash_start) < BigInt(adjacent.hash_start) ? [shard, adjacent] : [adjacent, shard];
  return kinesis.openShard(
    stream,
    { start: BigInt(low.hash_start), end: BigInt(high.hash_end) },
    time,
    shard.idx,
    adjacent.idx,
  );
}

/** Splits every open shard at each target boundary inside it, then merges the pieces of each target range
 * left to right; the intermediate shards are closed at once, empty. */
function scale(kinesis: Kinesis, stream: StreamRow, open: ShardRow[], target: number, time: number): void {
  const targets = evenRanges(target);
  const boundaries = targets.slice(1).map((range) => range.start);
  const pieces: ShardRow[] = [];
  for (const shard of open.sort((a, b) => compare(a.hash_start, b.hash_start))) {
    let current = shard;
    for (const boundary of boundaries) {
      if (BigInt(current.hash_start) < boundary && boundary <= BigInt(current.hash_end)) {
        const [left, right] = split(kinesis, stream, current, boundary, time);
        pieces.push(left);
        current = right;
      }
    }
    pieces.push(current);
  }
  for (const range of targets) {
    const group = pieces.filter(
      (piece) => BigInt(piece.hash_start) >= range.start && BigInt(piece.hash_end) <= range.end,
    );
    let merged = group[0];
    for (const piece of group.slice(1)) merged = merge(kinesis, stream, merged!, piece, time);
  }
}

function compare(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
