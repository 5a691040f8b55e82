// A stream's shards over time. DynamoDB Streams rolls a stream's shard about every four hours: the open
// shard closes (it gets an EndingSequenceNumber) and a child shard, naming it as ParentShardId, takes
// the new records. Nimbus computes the shards from the stream's creation time and the cloud's clock, so
// shard k holds the records written in [created + k·4h, created + (k+1)·4h) and needs no bookkeeping;
// disabling the stream closes the open shard. A shard whose records are all past the 24-hour retention
// is no longer listed. Readers must finish a parent before its child to keep per-item order.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_Shard.html

import { createHash } from 'node:crypto';
import { RETENTION_MS } from '../stream-records.js';

/** How long a shard stays open. AWS does not document the period; four hours is what streams show. */
export const SHARD_ROLL_MS = 4 * 60 * 60 * 1000;

export interface ShardSpan {
  readonly id: string;
  readonly index: number;
  readonly parentId?: string;
  /** Records written at or after `start` and before `end` (clock ms) belong to the shard. */
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
}

export interface StreamTimes {
  readonly arn: string;
  readonly created_at: number;
  readonly disabled_at: number | null;
}

/** The shards a stream has now, oldest first: those still holding retained records. */
export function listShards(stream: StreamTimes, now: number): ShardSpan[] {
  const last = lastIndex(stream, now);
  const first = Math.max(0, Math.floor((now - RETENTION_MS - stream.created_at) / SHARD_ROLL_MS));
  const shards: ShardSpan[] = [];
  for (let k = first; k <= last; k++) shards.push(shardAt(stream, k, now));
  return shards;
}

/** The listed shard with this id, or undefined (unknown, or trimmed away). */
export function findShard(stream: StreamTimes, id: string, now: number): ShardSpan | undefined {
  const match = /^shardId-(\d{20})-[0-9a-f]{8}$/.exec(id);
  if (!match) return undefined;
  const offset = Number(match[1]) - stream.created_at;
  if (offset < 0 || offset % SHARD_ROLL_MS !== 0) return undefined;
  const k = offset / SHARD_ROLL_MS;
  return listShards(stream, now).find((shard) => shard.index === k && shard.id === id);
}

function lastIndex(stream: StreamTimes, now: number): number {
  const until = stream.disabled_at ?? now;
  let last = Math.floor((until - stream.created_at) / SHARD_ROLL_MS);
  // A stream disabled exactly at a roll has no shard starting then.
  if (
    stream.disabled_at !== null &&
    last > 0 &&
    stream.created_at + last * SHARD_ROLL_MS >= stream.disabled_at
  )
    last--;
  return last;
}

function shardAt(stream: StreamTimes, k: number, now: number): ShardSpan {
  const start = stream.created_at + k * SHARD_ROLL_MS;
  const isLast = k === lastIndex(stream, now);
  const end = isLast && stream.disabled_at !== null ? stream.disabled_at : start + SHARD_ROLL_MS;
  return {
    id: shardId(stream, k),
    index: k,
    ...(k > 0 ? { parentId: shardId(stream, k - 1) } : {}),
    start,
    end,
    closed: end <= now,
  };
}

/** `shardId-<20 digits: the shard's opening time>-<8 hex>`, the shape of AWS's shard ids. */
function shardId(stream: StreamTimes, k: number): string {
  const start = stream.created_at + k * SHARD_ROLL_MS;
  // Shard 0 keeps the id streams had when they had one shard, so saved checkpoints still name it.
  const suffix = createHash('sha1')
    .update(k === 0 ? stream.arn : `${stream.arn}#${k}`)
    .digest('hex')
    .slice(0, 8);
  return `shardId-${String(start).padStart(20, '0')}-${suffix}`;
}
