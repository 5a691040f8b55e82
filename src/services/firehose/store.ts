// Firehose's tables. A stream is one row holding its configuration as JSON (what DescribeDeliveryStream
// gives back). Every record a PutRecord acknowledged is a row until its object is in S3 (or its endpoint
// answered), so a buffer survives `kill -9`; a buffer row per (stream, stage, partition) keeps the running
// size, oldest arrival and due time that the buffering hints decide on, written in the same transaction.
// https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const FIREHOSE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE firehose_streams (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     arn TEXT NOT NULL,
     type TEXT NOT NULL,
     version INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     active_at INTEGER NOT NULL,
     source TEXT,
     destination TEXT NOT NULL,
     encryption TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '[]',
     UNIQUE (account, region, name));
   -- stage 0: waiting for the processors (Lambda, metadata extraction); stage 1: waiting for delivery.
   -- partition: '' (one buffer), the JSON of a record's partition keys, or 'error:<type>' / 'backup:'
   -- for records bound for the S3 error output or backup.
   CREATE TABLE firehose_records (
     id INTEGER PRIMARY KEY,
     stream_id INTEGER NOT NULL REFERENCES firehose_streams(id) ON DELETE CASCADE,
     stage INTEGER NOT NULL,
     partition TEXT NOT NULL,
     arrival_ms INTEGER NOT NULL,
     data BLOB NOT NULL,
     meta TEXT);
   CREATE INDEX firehose_records_by_buffer ON firehose_records (stream_id, stage, partition, id);
   CREATE TABLE firehose_buffers (
     id INTEGER PRIMARY KEY,
     stream_id INTEGER NOT NULL REFERENCES firehose_streams(id) ON DELETE CASCADE,
     stage INTEGER NOT NULL,
     partition TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     count INTEGER NOT NULL,
     due_at INTEGER NOT NULL,
     -- Set while deliveries of this buffer fail: when the first failed, and how many tries were made.
     failing_since INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     UNIQUE (stream_id, stage, partition));
   CREATE INDEX firehose_buffers_due ON firehose_buffers (due_at);
   -- A Kinesis-sourced stream's place in each shard of its source stream.
   CREATE TABLE firehose_checkpoints (
     stream_id INTEGER NOT NULL REFERENCES firehose_streams(id) ON DELETE CASCADE,
     shard_id TEXT NOT NULL,
     sequence_number TEXT NOT NULL,
     PRIMARY KEY (stream_id, shard_id)) WITHOUT ROWID;`,
];

export interface StreamRow {
  id: number;
  account: string;
  region: string;
  name: string;
  arn: string;
  type: string;
  version: number;
  created_at: number;
  updated_at: number;
  active_at: number;
  /** JSON KinesisStreamSourceConfiguration (with DeliveryStartTimestamp), or null for DirectPut. */
  source: string | null;
  /** JSON `Destination` (destinations.ts). */
  destination: string;
  /** JSON DeliveryStreamEncryptionConfiguration. */
  encryption: string;
  /** JSON `[{ Key, Value }]`, in the order they were added. */
  tags: string;
}

export interface RecordRow {
  id: number;
  stream_id: number;
  stage: number;
  partition: string;
  arrival_ms: number;
  data: Buffer;
  meta: string | null;
}

export interface BufferRow {
  id: number;
  stream_id: number;
  stage: number;
  partition: string;
  bytes: number;
  count: number;
  due_at: number;
  failing_since: number | null;
  attempts: number;
}

const FIREHOSE_SQL = {
  stream: 'SELECT * FROM firehose_streams WHERE account = ? AND region = ? AND name = ?',
  streamById: 'SELECT * FROM firehose_streams WHERE id = ?',
  insertStream: `INSERT INTO firehose_streams (account, region, name, arn, type, version, created_at,
       updated_at, active_at, source, destination, encryption, tags)
       VALUES (@account, @region, @name, @arn, @type, 1, @now, @now, @active_at, @source, @destination,
       @encryption, @tags) RETURNING *`,
  countStreams: 'SELECT COUNT(*) AS n FROM firehose_streams WHERE account = ? AND region = ?',
  listStreams: `SELECT name, type FROM firehose_streams WHERE account = ? AND region = ? AND name > ?
       ORDER BY name`,
  kinesisSourced: "SELECT * FROM firehose_streams WHERE type = 'KinesisStreamAsSource'",
  setDestination:
    'UPDATE firehose_streams SET destination = ?, version = version + 1, updated_at = ? WHERE id = ?',
  setEncryption: 'UPDATE firehose_streams SET encryption = ?, updated_at = ? WHERE id = ?',
  setTags: 'UPDATE firehose_streams SET tags = ? WHERE id = ?',
  deleteStream: 'DELETE FROM firehose_streams WHERE id = ?',
  deleteAll: 'DELETE FROM firehose_streams',

  insertRecord: `INSERT INTO firehose_records (stream_id, stage, partition, arrival_ms, data, meta)
       VALUES (?, ?, ?, ?, ?, ?)`,
  bufferRecords: `SELECT * FROM firehose_records WHERE stream_id = ? AND stage = ? AND partition = ?
       ORDER BY id`,
  deleteRecordsUpTo:
    'DELETE FROM firehose_records WHERE stream_id = ? AND stage = ? AND partition = ? AND id <= ?',
  remaining: `SELECT COUNT(*) AS count, COALESCE(SUM(length(data)), 0) AS bytes, MIN(arrival_ms) AS oldest
       FROM firehose_records WHERE stream_id = ? AND stage = ? AND partition = ?`,

  buffer: 'SELECT * FROM firehose_buffers WHERE stream_id = ? AND stage = ? AND partition = ?',
  insertBuffer: `INSERT INTO firehose_buffers (stream_id, stage, partition, bytes, count, due_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
  growBuffer:
    'UPDATE firehose_buffers SET bytes = bytes + ?, count = count + ?, due_at = MIN(due_at, ?) WHERE id = ?',
  setBuffer:
    'UPDATE firehose_buffers SET bytes = ?, count = ?, due_at = ?, failing_since = NULL, attempts = 0 WHERE id = ?',
  retryBuffer: 'UPDATE firehose_buffers SET due_at = ?, failing_since = ?, attempts = ? WHERE id = ?',
  deleteBuffer: 'DELETE FROM firehose_buffers WHERE id = ?',
  bufferById: 'SELECT * FROM firehose_buffers WHERE id = ?',
  dueBuffers: 'SELECT * FROM firehose_buffers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
  nextDue: 'SELECT MIN(due_at) AS at FROM firehose_buffers WHERE due_at > ?',
  streamBuffers: 'SELECT * FROM firehose_buffers WHERE stream_id = ?',

  checkpoints: 'SELECT shard_id, sequence_number FROM firehose_checkpoints WHERE stream_id = ?',
  putCheckpoint: `INSERT INTO firehose_checkpoints (stream_id, shard_id, sequence_number) VALUES (?, ?, ?)
       ON CONFLICT (stream_id, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number`,
};

export type FirehoseStatements = { readonly [K in keyof typeof FIREHOSE_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function firehoseStatements(store: Store): FirehoseStatements {
  return prepareAll(store, FIREHOSE_SQL);
}
