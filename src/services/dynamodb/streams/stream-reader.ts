// Reading a table's stream: the streams a table has had, their one shard, and records after a sequence
// number within the 24-hour retention. Shared by the DynamoDB Streams API and (through
// `readStreamRecords`) a future Lambda event-source mapping, which reads records in-process.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.DataRetention

import { createHash } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { Store } from '../../../core/store.js';
import { sequenceNumber } from '../dynamodb.js';
import { DYNAMODB_MIGRATIONS, prepareStatements, type Statements } from '../store.js';
import { RETENTION_MS, type StreamRecord } from '../stream-records.js';

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

  /** Records of the stream with a sequence number above `after` (0 for all retained), oldest first. */
  readRecords(arn: string, after: number, limit: number): { seq: number; record: StreamRecord }[] {
    const cutoff = this.clock.now() - RETENTION_MS;
    const rows = this.sql.recordsAfter.all(arn, after, cutoff, limit) as { seq: number; record: string }[];
    return rows.map((row) => ({ seq: row.seq, record: JSON.parse(row.record) as StreamRecord }));
  }

  bounds(arn: string): { first: number | null; last: number | null } {
    return this.sql.streamBounds.get(arn) as { first: number | null; last: number | null };
  }

  /** The highest sequence number handed out so far (LATEST iterators start after it). */
  latestSequence(): number {
    return (this.sql.lastSeq.get() as { seq: number }).seq;
  }
}

/** The stream's single shard id: stable for the stream's ARN. */
export function shardIdOf(stream: StreamRow): string {
  const suffix = createHash('sha1').update(stream.arn).digest('hex').slice(0, 8);
  return `shardId-${String(stream.created_at).padStart(20, '0')}-${suffix}`;
}

export { sequenceNumber };
