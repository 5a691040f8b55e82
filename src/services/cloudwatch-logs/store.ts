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
  // Subscription filters, and the batches of matching events waiting to reach their destinations (queued in
  // the transaction that stored the events, so a kill cannot lose one).
  `CREATE TABLE logs_subscription_filters (
     group_id INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     filter_pattern TEXT NOT NULL,
     destination_arn TEXT NOT NULL,
     role_arn TEXT,
     distribution TEXT NOT NULL,
     apply_on_transformed INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (group_id, name));
   CREATE TABLE logs_subscription_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     destination_arn TEXT NOT NULL,
     partition_key TEXT NOT NULL,
     payload TEXT NOT NULL,
     queued_at INTEGER NOT NULL,
     due_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX logs_subscription_deliveries_due ON logs_subscription_deliveries (due_at, id);`,
  // Destinations: a name in the receiving account standing for its Kinesis or Firehose stream, with the access
  // policy that says which other accounts may subscribe to it.
  `CREATE TABLE logs_destinations (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     target_arn TEXT NOT NULL,
     role_arn TEXT NOT NULL,
     access_policy TEXT,
     tags TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     PRIMARY KEY (account, region, name));`,
  // Metric filters (metric-filters.ts): the metricTransformations kept as given (JSON).
  `CREATE TABLE logs_metric_filters (
     group_id INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     filter_pattern TEXT NOT NULL,
     transformations TEXT NOT NULL,
     apply_on_transformed INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (group_id, name));`,
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

export interface SubscriptionFilterRow {
  group_id: number;
  name: string;
  filter_pattern: string;
  destination_arn: string;
  role_arn: string | null;
  distribution: string;
  apply_on_transformed: number;
  created_at: number;
}

export interface DestinationRow {
  account: string;
  region: string;
  name: string;
  target_arn: string;
  role_arn: string;
  access_policy: string | null;
  tags: string;
  created_at: number;
}

export interface SubscriptionDeliveryRow {
  id: number;
  account: string;
  region: string;
  destination_arn: string;
  partition_key: string;
  /** The JSON document CloudWatch Logs sends, before it is gzip'd. */
  payload: string;
  queued_at: number;
  due_at: number;
  attempts: number;
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
  putSubscriptionFilter: `INSERT INTO logs_subscription_filters (group_id, name, filter_pattern, destination_arn,
         role_arn, distribution, apply_on_transformed, created_at)
       VALUES (@group_id, @name, @filter_pattern, @destination_arn, @role_arn, @distribution, @apply_on_transformed, @created_at)
       ON CONFLICT (group_id, name) DO UPDATE SET filter_pattern = excluded.filter_pattern,
         destination_arn = excluded.destination_arn, role_arn = excluded.role_arn,
         distribution = excluded.distribution, apply_on_transformed = excluded.apply_on_transformed`,
  subscriptionFilters: 'SELECT * FROM logs_subscription_filters WHERE group_id = ? ORDER BY name',
  deleteSubscriptionFilter: 'DELETE FROM logs_subscription_filters WHERE group_id = ? AND name = ?',
  queueSubscriptionDelivery: `INSERT INTO logs_subscription_deliveries (account, region, destination_arn, partition_key,
         payload, queued_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  dueSubscriptionDeliveries:
    'SELECT * FROM logs_subscription_deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
  nextSubscriptionDeliveryAfter:
    'SELECT MIN(due_at) AS at FROM logs_subscription_deliveries WHERE due_at > ?',
  retrySubscriptionDelivery: 'UPDATE logs_subscription_deliveries SET attempts = ?, due_at = ? WHERE id = ?',
  deleteSubscriptionDelivery: 'DELETE FROM logs_subscription_deliveries WHERE id = ?',
  deleteAllSubscriptionDeliveries: 'DELETE FROM logs_subscription_deliveries',
  putDestination: `INSERT INTO logs_destinations (account, region, name, target_arn, role_arn, tags, created_at)
       VALUES (@account, @region, @name, @target_arn, @role_arn, @tags, @created_at)
       ON CONFLICT (account, region, name) DO UPDATE SET target_arn = excluded.target_arn, role_arn = excluded.role_arn
       RETURNING *`,
  destination: 'SELECT * FROM logs_destinations WHERE account = ? AND region = ? AND name = ?',
  destinations: 'SELECT * FROM logs_destinations WHERE account = ? AND region = ? ORDER BY name',
  setDestinationPolicy:
    'UPDATE logs_destinations SET access_policy = ? WHERE account = ? AND region = ? AND name = ?',
  deleteDestination: 'DELETE FROM logs_destinations WHERE account = ? AND region = ? AND name = ?',
  deleteAllDestinations: 'DELETE FROM logs_destinations',
  deleteExpired: `DELETE FROM logs_events WHERE stream_id IN (SELECT id FROM logs_streams WHERE group_id = ?)
       AND timestamp < ?`,
};

export type LogsStatements = { readonly [K in keyof typeof LOGS_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function logsStatements(store: Store): LogsStatements {
  return prepareAll(store, LOGS_SQL);
}
