// Writing and reading records. A put routes each record to the open shard whose hash key range holds its
// hash key, takes the stream's next counters and inserts the records, all in one SQLite transaction, so
// what is acknowledged survives a kill; a read walks one shard from a counter on, skipping what is past the
// stream's retention (computed on read; expired rows are deleted now and then by puts).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html

import { rateExceeded } from './errors.js';
import type { Kinesis } from './kinesis.js';
import { shardIdOf } from './names.js';
import { sequenceNumber } from './sequence-numbers.js';
import type { RecordRow, ShardRow, StreamRow } from './store.js';

export interface RecordToPut {
  readonly data: Buffer;
  readonly partitionKey: string;
  readonly hashKey: bigint;
}

export type PutResult =
  | { readonly shardId: string; readonly sequenceNumber: string }
  | { readonly errorCode: string; readonly errorMessage: string };

/** "GetRecords can return up to 10 MiB of data per call." */
const MAX_READ_BYTES = 10 * 1024 * 1024;
/** Expired records are deleted on every this-many-th put of a stream: reads never see them anyway. */
const PURGE_EVERY = 1000;

let putsSincePurge = 0;

export function putRecords(
  kinesis: Kinesis,
  stream: StreamRow,
  records: readonly RecordToPut[],
): PutResult[] {
  const now = kinesis.now();
  const results = kinesis.store.transaction(() => {
    const shards = kinesis.openShards(stream).map((shard) => ({
      shard,
      start: BigInt(shard.hash_start),
      end: BigInt(shard.hash_end),
    }));
    const routed = records.map((record) => {
      const target = shards.find(({ start, end }) => record.hashKey >= start && record.hashKey <= end)!.shard;
      const admitted = kinesis.throttle.admit(
        stream.id,
        target.idx,
        record.data.length + record.partitionKey.length,
        now,
      );
      return { record, shard: target, admitted };
    });
    const admitted = routed.filter((entry) => entry.admitted).length;
    let counter =
      admitted > 0 ? (kinesis.sql.takeSeq.get(admitted, stream.id, admitted) as { first: number }).first : 0;
    const streamSeconds = Math.floor(stream.created_at / 1000);
    return routed.map(({ record, shard, admitted }): PutResult => {
      const shardId = shardIdOf(shard.idx);
      if (!admitted) {
        const error = rateExceeded(shardId, stream.name, stream.account);
        return { errorCode: error.code, errorMessage: error.message };
      }
      const seq = counter++;
      kinesis.sql.insertRecord.run(stream.id, shard.idx, seq, record.partitionKey, record.data, now);
      return {
        shardId,
        sequenceNumber: sequenceNumber({ streamSeconds, counter: seq, shard: shard.idx, ending: false }),
      };
    });
  });
  if (++putsSincePurge >= PURGE_EVERY) {
    putsSincePurge = 0;
    kinesis.sql.deleteExpired.run(stream.id, retentionCutoff(stream, now));
  }
  kinesis.notify(stream.id);
  return results;
}

export interface ShardPage {
  readonly records: RecordRow[];
  /** The counter to read from next. */
  readonly next: number;
  /** The shard is closed and nothing of it is left to read after this page. */
  readonly ended: boolean;
  readonly millisBehindLatest: number;
}

export function readShard(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
  from: number,
  limit: number,
): ShardPage {
  const now = kinesis.now();
  const records: RecordRow[] = [];
  let bytes = 0;
  let more = false;
  const rows = kinesis.sql.records.iterate(
    stream.id,
    shard.idx,
    from,
    retentionCutoff(stream, now),
  ) as IterableIterator<RecordRow>;
  let behind = 0;
  for (const row of rows) {
    if (records.length >= limit || (records.length > 0 && bytes + row.data.length > MAX_READ_BYTES)) {
      more = true;
      // How far the reader is behind: the age of the oldest record it has not read yet.
      behind = Math.max(0, now - row.arrival_ms);
      break;
    }
    records.push(row);
    bytes += row.data.length;
  }
  // Release the statement's cursor (a broken-off iterate keeps it otherwise).
  rows.return?.();
  const next = records.length > 0 ? records[records.length - 1]!.seq + 1 : from;
  const ended = shard.end_seq !== null && !more;
  return {
    records,
    next: ended ? Math.max(next, shard.end_seq! + 1) : next,
    ended,
    millisBehindLatest: behind,
  };
}

/** The first counter of a shard to hold a record that arrived at or after `timestamp`. */
export function firstAtOrAfter(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
  timestamp: number,
): number {
  const row = kinesis.sql.firstAtOrAfterTime.get(
    stream.id,
    shard.idx,
    Math.max(timestamp, retentionCutoff(stream, kinesis.now())),
  ) as { seq: number } | undefined;
  if (row) return row.seq;
  const next = (kinesis.sql.streamById.get(stream.id) as StreamRow).next_seq;
  return shard.end_seq === null ? next : shard.end_seq + 1;
}

export function retentionCutoff(stream: StreamRow, now: number): number {
  return now - stream.retention_hours * 3_600_000;
}
