// Reading a table's stream: the streams a table has had, their shards over time (shards.ts), and
// records within the 24-hour retention, by shard (the Streams API) or across the whole stream in
// sequence order (in-process readers; sequence numbers grow with time, so that is lineage order).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.DataRetention

import type { Clock } from '../../../core/clock.js';
import type { Store } from '../../../core/store.js';
import { sequenceNumber } from '../dynamodb.js';
import { DYNAMODB_MIGRATIONS, prepareStatements, type Statements } from '../store.js';
import { RETENTION_MS, type StreamRecord } from '../stream-records.js';
import { findShard, listShards, type ShardSpan } from './shards.js';

export interface StreamRow {
  arn: string;
  table_id: number;
  account: string;
  region: string;
  table_name: string;
  label: string;
  view_type: string;
  key_schema: string;
  created_at: number;
  disabled_at: number | null;
}

export interface ShardRecord {
  seq: number;
  record: StreamRecord;
}

export class StreamReader {
  readonly sql: Statements;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
  ) {
    store.migrate('dynamodb', DYNAMODB_MIGRATIONS);
    this.sql = prepareStatements(store);
  }

  findStream(arn: string): StreamRow | undefined {
    const row = this.sql.findStream.get(arn) as StreamRow | undefined;
    // A disabled stream stays readable for 24 hours.
    if (row?.disabled_at != null && row.disabled_at < this.clock.now() - RETENTION_MS) return undefined;
    return row;
  }

  listStreams(account: string, region: string): StreamRow[] {
    const cutoff = this.clock.now() - RETENTION_MS;
    return (this.sql.listStreams.all(account, region) as StreamRow[]).filter(
      (row) => row.disabled_at == null || row.disabled_at >= cutoff,
    );
  }

  shards(stream: StreamRow): ShardSpan[] {
    return listShards(stream, this.clock.now());
  }

  findShard(stream: StreamRow, shardId: string): ShardSpan | undefined {
    return findShard(stream, shardId, this.clock.now());
  }

  /** Records of the stream with a sequence number above `after` (0 for all retained), oldest first. */
  readRecords(arn: string, after: number, limit: number): ShardRecord[] {
    const cutoff = this.clock.now() - RETENTION_MS;
    const rows = this.sql.recordsAfter.all(arn, after, cutoff, limit) as { seq: number; record: string }[];
    return rows.map((row) => ({ seq: row.seq, record: JSON.parse(row.record) as StreamRecord }));
  }

  /** Retained records of one shard with a sequence number above `after`, oldest first. */
  readShard(arn: string, shard: ShardSpan, after: number, limit: number): ShardRecord[] {
    const from = Math.max(shard.start, this.clock.now() - RETENTION_MS);
    // Start the index walk at the shard's first record rather than at the stream's.
    const first = this.seq(this.sql.shardFirst.get(arn, from, shard.end));
    if (first === undefined) return [];
    const rows = this.sql.shardRecords.all(arn, Math.max(after, first - 1), from, shard.end, limit) as {
      seq: number;
      record: string;
    }[];
    return rows.map((row) => ({ seq: row.seq, record: JSON.parse(row.record) as StreamRecord }));
  }

  /**
   * A shard's SequenceNumberRange: its first record (or, while empty, the next number to be handed out
   * after it opened) and, once closed, its last record.
   */
  shardRange(arn: string, shard: ShardSpan): { starting: string; ending?: string } {
    const first = this.seq(this.sql.shardFirst.get(arn, shard.start, shard.end));
    const starting = first ?? this.seq(this.sql.firstSeqSince.get(shard.start)) ?? this.latestSequence() + 1;
    if (!shard.closed) return { starting: sequenceNumber(starting) };
    const last = this.lastInShard(arn, shard);
    return { starting: sequenceNumber(starting), ending: sequenceNumber(last ?? starting) };
  }

  /** The highest sequence number of the shard's records that are past retention (0 if none are). */
  trimmedUpTo(arn: string, shard: ShardSpan): number {
    const cutoff = this.clock.now() - RETENTION_MS;
    if (shard.start >= cutoff) return 0;
    return this.seq(this.sql.shardLast.get(arn, shard.start, Math.min(cutoff, shard.end))) ?? 0;
  }

  /** The last record the shard holds (retained or not), or undefined while it has none. */
  lastInShard(arn: string, shard: ShardSpan): number | undefined {
    return this.seq(this.sql.shardLast.get(arn, shard.start, shard.end));
  }

  /** The highest sequence number handed out so far (LATEST iterators start after it). */
  latestSequence(): number {
    return (this.sql.lastSeq.get() as { seq: number }).seq;
  }

  private seq(row: unknown): number | undefined {
    return (row as { seq: number } | undefined)?.seq;
  }
}

export { sequenceNumber };
