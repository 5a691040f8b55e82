// Kinesis's tables. A stream is one row holding its settings, its status with the time the status holds
// until, the reshard it is applying, and two counters (the next shard index and the next record number);
// shards are rows with their lineage and hash key ranges; records are rows keyed by stream and counter, so
// a put of any size is one INSERT per record in one transaction, and a shard is read by an index walk.
// https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const KINESIS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE kinesis_streams (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     -- The status holds while the clock is before this; then the stream is ACTIVE (and 'pending' applied).
     status_until INTEGER NOT NULL,
     -- JSON of the reshard UPDATING is applying: { kind: 'split' | 'merge' | 'scale', ... }.
     pending TEXT,
     mode TEXT NOT NULL,
     retention_hours INTEGER NOT NULL,
     encryption TEXT NOT NULL DEFAULT 'NONE',
     key_id TEXT,
     metrics TEXT NOT NULL DEFAULT '[]',
     tags TEXT NOT NULL DEFAULT '{}',
     max_record_kib INTEGER NOT NULL DEFAULT 1024,
     next_shard INTEGER NOT NULL,
     next_seq INTEGER NOT NULL DEFAULT 1,
     UNIQUE (account, region, name));
   CREATE TABLE kinesis_shards (
     stream_id INTEGER NOT NULL REFERENCES kinesis_streams(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     parent INTEGER,
     adjacent_parent INTEGER,
     -- Decimal text: 128-bit integers do not fit SQLite's.
     hash_start TEXT NOT NULL,
     hash_end TEXT NOT NULL,
     -- The record counter at the shard's opening, and the last one handed out when it closed.
     start_seq INTEGER NOT NULL,
     end_seq INTEGER,
     created_at INTEGER NOT NULL,
     closed_at INTEGER,
     PRIMARY KEY (stream_id, idx)) WITHOUT ROWID;
   CREATE TABLE kinesis_records (
     stream_id INTEGER NOT NULL REFERENCES kinesis_streams(id) ON DELETE CASCADE,
     shard INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     partition_key TEXT NOT NULL,
     data BLOB NOT NULL,
     arrival_ms INTEGER NOT NULL,
     PRIMARY KEY (stream_id, shard, seq)) WITHOUT ROWID;
   CREATE TABLE kinesis_consumers (
     id INTEGER PRIMARY KEY,
     stream_id INTEGER NOT NULL REFERENCES kinesis_streams(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     arn TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     status_until INTEGER NOT NULL,
     tags TEXT NOT NULL DEFAULT '{}',
     UNIQUE (stream_id, name));
   CREATE TABLE kinesis_policies (
     arn TEXT PRIMARY KEY,
     policy TEXT NOT NULL);`,
];

export interface StreamRow {
  id: number;
  account: string;
  region: string;
  name: string;
  created_at: number;
  status: string;
  status_until: number;
  pending: string | null;
  mode: string;
  retention_hours: number;
  encryption: string;
  key_id: string | null;
  metrics: string;
  tags: string;
  max_record_kib: number;
  next_shard: number;
  next_seq: number;
}

export interface ShardRow {
  stream_id: number;
  idx: number;
  parent: number | null;
  adjacent_parent: number | null;
  hash_start: string;
  hash_end: string;
  start_seq: number;
  end_seq: number | null;
  created_at: number;
  closed_at: number | null;
}

export interface RecordRow {
  shard: number;
  seq: number;
  partition_key: string;
  data: Buffer;
  arrival_ms: number;
}

export interface ConsumerRow {
  id: number;
  stream_id: number;
  name: string;
  arn: string;
  created_at: number;
  status: string;
  status_until: number;
  tags: string;
}

const KINESIS_SQL = {
  stream: 'SELECT * FROM kinesis_streams WHERE account = ? AND region = ? AND name = ?',
  streamById: 'SELECT * FROM kinesis_streams WHERE id = ?',
  streamsAfter: `SELECT * FROM kinesis_streams WHERE account = ? AND region = ? AND name > ? ORDER BY name`,
  accountStreams: 'SELECT * FROM kinesis_streams WHERE account = ? AND region = ?',
  insertStream: `INSERT INTO kinesis_streams (account, region, name, created_at, status, status_until, mode,
         retention_hours, tags, max_record_kib, next_shard)
       VALUES (@account, @region, @name, @created_at, @status, @status_until, @mode, @retention_hours, @tags,
         @max_record_kib, @next_shard) RETURNING *`,
  deleteStream: 'DELETE FROM kinesis_streams WHERE id = ?',
  deleteAll: 'DELETE FROM kinesis_streams',
  setStatus: 'UPDATE kinesis_streams SET status = ?, status_until = ?, pending = ? WHERE id = ?',
  setMode: 'UPDATE kinesis_streams SET mode = ? WHERE id = ?',
  setRetention: 'UPDATE kinesis_streams SET retention_hours = ? WHERE id = ?',
  setEncryption: 'UPDATE kinesis_streams SET encryption = ?, key_id = ? WHERE id = ?',
  setMetrics: 'UPDATE kinesis_streams SET metrics = ? WHERE id = ?',
  setTags: 'UPDATE kinesis_streams SET tags = ? WHERE id = ?',
  takeShardIndex:
    'UPDATE kinesis_streams SET next_shard = next_shard + 1 WHERE id = ? RETURNING next_shard - 1 AS idx',
  takeSeq: 'UPDATE kinesis_streams SET next_seq = next_seq + ? WHERE id = ? RETURNING next_seq - ? AS first',

  shards: 'SELECT * FROM kinesis_shards WHERE stream_id = ? ORDER BY idx',
  openShards: 'SELECT * FROM kinesis_shards WHERE stream_id = ? AND closed_at IS NULL ORDER BY idx',
  shard: 'SELECT * FROM kinesis_shards WHERE stream_id = ? AND idx = ?',
  insertShard: `INSERT INTO kinesis_shards (stream_id, idx, parent, adjacent_parent, hash_start, hash_end,
         start_seq, created_at)
       VALUES (@stream_id, @idx, @parent, @adjacent_parent, @hash_start, @hash_end, @start_seq, @created_at)`,
  closeShard: 'UPDATE kinesis_shards SET end_seq = ?, closed_at = ? WHERE stream_id = ? AND idx = ?',
  openShardCount: `SELECT COUNT(*) AS n FROM kinesis_shards s JOIN kinesis_streams t ON t.id = s.stream_id
       WHERE t.account = ? AND t.region = ? AND t.mode = 'PROVISIONED' AND s.closed_at IS NULL`,

  insertRecord: `INSERT INTO kinesis_records (stream_id, shard, seq, partition_key, data, arrival_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
  // A shard from a position on, within retention; iterate() so a page stops reading once full.
  records: `SELECT shard, seq, partition_key, data, arrival_ms FROM kinesis_records
       WHERE stream_id = ? AND shard = ? AND seq >= ? AND arrival_ms >= ? ORDER BY seq`,
  firstAtOrAfterTime: `SELECT seq FROM kinesis_records WHERE stream_id = ? AND shard = ? AND arrival_ms >= ?
       ORDER BY seq LIMIT 1`,
  lastInShard:
    'SELECT seq, arrival_ms FROM kinesis_records WHERE stream_id = ? AND shard = ? ORDER BY seq DESC LIMIT 1',
  deleteExpired: 'DELETE FROM kinesis_records WHERE stream_id = ? AND arrival_ms < ?',

  consumers: 'SELECT * FROM kinesis_consumers WHERE stream_id = ? ORDER BY id',
  consumer: 'SELECT * FROM kinesis_consumers WHERE stream_id = ? AND name = ?',
  consumerByArn: 'SELECT * FROM kinesis_consumers WHERE arn = ?',
  insertConsumer: `INSERT INTO kinesis_consumers (stream_id, name, arn, created_at, status, status_until)
       VALUES (@stream_id, @name, @arn, @created_at, @status, @status_until) RETURNING *`,
  setConsumerStatus: 'UPDATE kinesis_consumers SET status = ?, status_until = ? WHERE id = ?',
  setConsumerTags: 'UPDATE kinesis_consumers SET tags = ? WHERE id = ?',
  deleteConsumer: 'DELETE FROM kinesis_consumers WHERE id = ?',

  policy: 'SELECT policy FROM kinesis_policies WHERE arn = ?',
  putPolicy: `INSERT INTO kinesis_policies (arn, policy) VALUES (?, ?)
       ON CONFLICT (arn) DO UPDATE SET policy = excluded.policy`,
  deletePolicy: 'DELETE FROM kinesis_policies WHERE arn = ?',
  deletePoliciesUnder: "DELETE FROM kinesis_policies WHERE arn = ? OR arn LIKE ? ESCAPE '\\'",
  deleteAllPolicies: 'DELETE FROM kinesis_policies',
};

export type KinesisStatements = { readonly [K in keyof typeof KINESIS_SQL]: Statement };

export function kinesisStatements(store: Store): KinesisStatements {
  return prepareAll(store, KINESIS_SQL);
}
