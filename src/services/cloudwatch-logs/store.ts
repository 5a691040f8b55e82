// CloudWatch Logs' tables: log groups, their streams, and the streams' events. Events are read by stream
// in (timestamp, id) order, which is both GetLogEvents' order and the order its tokens encode, so that
// one index serves reads, paging in both directions, and the lazy deletion of expired events.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const LOGS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE logs_groups (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     retention_days INTEGER,
     log_group_class TEXT NOT NULL,
     kms_key_id TEXT,
     tags TEXT NOT NULL DEFAULT '{}',
     UNIQUE (account, region, name));
   CREATE TABLE logs_streams (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     group_id INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     first_event_at INTEGER,
     last_event_at INTEGER,
     last_ingestion_at INTEGER,
     uploads INTEGER NOT NULL DEFAULT 0,
     UNIQUE (group_id, name));
   CREATE TABLE logs_events (
     id INTEGER PRIMARY KEY,
     stream_id INTEGER NOT NULL REFERENCES logs_streams(id) ON DELETE CASCADE,
     timestamp INTEGER NOT NULL,
     ingested_at INTEGER NOT NULL,
     message TEXT NOT NULL,
     size INTEGER NOT NULL);
   CREATE INDEX logs_events_by_time ON logs_events (stream_id, timestamp, id);`,
];

export interface GroupRow {
  id: number;
  account: string;
  region: string;
  name: string;
  created_at: number;
  retention_days: number | null;
  log_group_class: string;
  kms_key_id: string | null;
  tags: string;
}

export interface StreamRow {
  id: number;
  group_id: number;
  name: string;
  created_at: number;
  first_event_at: number | null;
  last_event_at: number | null;
  last_ingestion_at: number | null;
  uploads: number;
}

export interface EventRow {
  id: number;
  stream_id: number;
  timestamp: number;
  ingested_at: number;
  message: string;
  size: number;
}

const LOGS_SQL = {
  insertGroup: `INSERT INTO logs_groups (account, region, name, created_at, log_group_class, kms_key_id, tags)
       VALUES (@account, @region, @name, @created_at, @log_group_class, @kms_key_id, @tags) RETURNING *`,
  group: 'SELECT * FROM logs_groups WHERE account = ? AND region = ? AND name = ?',
  groups: 'SELECT * FROM logs_groups WHERE account = ? AND region = ? ORDER BY name',
  deleteGroup: 'DELETE FROM logs_groups WHERE id = ?',
  setRetention: 'UPDATE logs_groups SET retention_days = ? WHERE id = ?',
  setTags: 'UPDATE logs_groups SET tags = ? WHERE id = ?',
  storedBytes: `SELECT COALESCE(SUM(e.size), 0) AS bytes FROM logs_streams s JOIN logs_events e ON e.stream_id = s.id
       WHERE s.group_id = ? AND e.timestamp >= ?`,
  deleteAllGroups: 'DELETE FROM logs_groups',

  insertStream: 'INSERT INTO logs_streams (group_id, name, created_at) VALUES (?, ?, ?) RETURNING *',
  stream: 'SELECT * FROM logs_streams WHERE group_id = ? AND name = ?',
  streams: 'SELECT * FROM logs_streams WHERE group_id = ? ORDER BY name',
  deleteStream: 'DELETE FROM logs_streams WHERE id = ?',
  recordUpload: `UPDATE logs_streams SET uploads = uploads + 1, last_ingestion_at = @now,
         first_event_at = CASE WHEN @first IS NULL THEN first_event_at ELSE MIN(COALESCE(first_event_at, @first), @first) END,
         last_event_at = CASE WHEN @last IS NULL THEN last_event_at ELSE MAX(COALESCE(last_event_at, @last), @last) END
       WHERE id = @id RETURNING *`,

  insertEvent: `INSERT INTO logs_events (stream_id, timestamp, ingested_at, message, size)
       VALUES (?, ?, ?, ?, ?)`,
  // Row values keep the (timestamp, id) comparisons on the index.
  eventsAfter: `SELECT * FROM logs_events WHERE stream_id = @stream AND (timestamp, id) > (@t, @id)
         AND timestamp >= @from AND timestamp < @to ORDER BY timestamp, id LIMIT @limit`,
  eventsBefore: `SELECT * FROM logs_events WHERE stream_id = @stream AND (timestamp, id) < (@t, @id)
         AND timestamp >= @from AND timestamp < @to ORDER BY timestamp DESC, id DESC LIMIT @limit`,
  groupEventsAfter: `SELECT e.*, s.name AS stream_name FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE s.group_id = @group AND (e.timestamp, e.id) > (@t, @id) AND e.timestamp >= @from AND e.timestamp <= @to
       ORDER BY e.timestamp, e.id`,
  groupEventsBefore: `SELECT e.*, s.name AS stream_name FROM logs_events e JOIN logs_streams s ON s.id = e.stream_id
       WHERE s.group_id = @group AND (e.timestamp, e.id) < (@t, @id) AND e.timestamp >= @from AND e.timestamp <= @to
       ORDER BY e.timestamp DESC, e.id DESC`,
  deleteExpired: `DELETE FROM logs_events WHERE stream_id IN (SELECT id FROM logs_streams WHERE group_id = ?)
       AND timestamp < ?`,
};

export type LogsStatements = { readonly [K in keyof typeof LOGS_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function logsStatements(store: Store): LogsStatements {
  return prepareAll(store, LOGS_SQL);
}
