// CloudWatch's tables: a metric is one row per (namespace, name, dimension set); its datapoints are rows of
// the aggregate each PutMetricData datum carried (count, sum, min, max) and, for raw values, the values with
// their counts, so percentiles are computed from what was put. Alarms, their history, dashboards and tags
// are rows of their own. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const CLOUDWATCH_MIGRATIONS: readonly string[] = [
  `CREATE TABLE cloudwatch_metrics (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     namespace TEXT NOT NULL,
     name TEXT NOT NULL,
     -- JSON of the dimensions sorted by name: one spelling per dimension set.
     dimensions TEXT NOT NULL,
     last_put INTEGER NOT NULL,
     UNIQUE (account, region, namespace, name, dimensions));
   CREATE TABLE cloudwatch_datapoints (
     metric_id INTEGER NOT NULL REFERENCES cloudwatch_metrics(id) ON DELETE CASCADE,
     ts INTEGER NOT NULL,
     unit TEXT NOT NULL,
     sample_count REAL NOT NULL,
     sum REAL NOT NULL,
     minimum REAL NOT NULL,
     maximum REAL NOT NULL,
     -- JSON [[value, count], ...] of raw values; NULL for a StatisticSet (no percentiles from those).
     vals TEXT);
   CREATE INDEX cloudwatch_datapoints_by_time ON cloudwatch_datapoints (metric_id, ts);
   CREATE TABLE cloudwatch_alarms (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     -- The PutMetricAlarm input as given (JSON), and what the evaluator keeps.
     config TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     state TEXT NOT NULL,
     reason TEXT NOT NULL,
     reason_data TEXT,
     state_updated_at INTEGER NOT NULL,
     actions_enabled INTEGER NOT NULL,
     next_evaluation INTEGER NOT NULL,
     PRIMARY KEY (account, region, name));
   CREATE TABLE cloudwatch_alarm_history (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     alarm TEXT NOT NULL,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     summary TEXT NOT NULL,
     data TEXT NOT NULL);
   CREATE TABLE cloudwatch_dashboards (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     body TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (account, region, name));
   CREATE TABLE cloudwatch_tags (
     arn TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (arn, key));`,
];

export interface MetricRow {
  readonly id: number;
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: string;
  readonly last_put: number;
}

export interface AlarmRow {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly config: string;
  readonly updated_at: number;
  readonly state: string;
  readonly reason: string;
  readonly reason_data: string | null;
  readonly state_updated_at: number;
  readonly actions_enabled: number;
  readonly next_evaluation: number;
}

export interface HistoryRow {
  readonly alarm: string;
  readonly ts: number;
  readonly type: string;
  readonly summary: string;
  readonly data: string;
}

export interface DashboardRow {
  readonly name: string;
  readonly body: string;
  readonly updated_at: number;
}

const SQL = {
  findMetric:
    'SELECT id, namespace, name, dimensions, last_put FROM cloudwatch_metrics WHERE account = ? AND region = ? AND namespace = ? AND name = ? AND dimensions = ?',
  insertMetric:
    'INSERT INTO cloudwatch_metrics (account, region, namespace, name, dimensions, last_put) VALUES (?, ?, ?, ?, ?, ?)',
  touchMetric: 'UPDATE cloudwatch_metrics SET last_put = max(last_put, ?) WHERE id = ?',
  insertDatapoint:
    'INSERT INTO cloudwatch_datapoints (metric_id, ts, unit, sample_count, sum, minimum, maximum, vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  metricsOf:
    'SELECT id, namespace, name, dimensions, last_put FROM cloudwatch_metrics WHERE account = ? AND region = ? ORDER BY namespace, name, dimensions',
  datapoints:
    'SELECT ts, unit, sample_count, sum, minimum, maximum, vals FROM cloudwatch_datapoints WHERE metric_id = ? AND ts >= ? AND ts < ?',
  alarm: 'SELECT * FROM cloudwatch_alarms WHERE account = ? AND region = ? AND name = ?',
  alarmsOf: 'SELECT * FROM cloudwatch_alarms WHERE account = ? AND region = ? ORDER BY name',
  dueAlarms: 'SELECT * FROM cloudwatch_alarms WHERE next_evaluation <= ? ORDER BY next_evaluation',
  nextDue: 'SELECT min(next_evaluation) AS due FROM cloudwatch_alarms',
  upsertAlarm: `INSERT INTO cloudwatch_alarms (account, region, name, config, updated_at, state, reason, reason_data,
     state_updated_at, actions_enabled, next_evaluation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account, region, name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at,
     actions_enabled = excluded.actions_enabled, next_evaluation = excluded.next_evaluation`,
  setState:
    'UPDATE cloudwatch_alarms SET state = ?, reason = ?, reason_data = ?, state_updated_at = ? WHERE account = ? AND region = ? AND name = ?',
  setNextEvaluation:
    'UPDATE cloudwatch_alarms SET next_evaluation = ? WHERE account = ? AND region = ? AND name = ?',
  setActionsEnabled:
    'UPDATE cloudwatch_alarms SET actions_enabled = ? WHERE account = ? AND region = ? AND name = ?',
  deleteAlarm: 'DELETE FROM cloudwatch_alarms WHERE account = ? AND region = ? AND name = ?',
  insertHistory:
    'INSERT INTO cloudwatch_alarm_history (account, region, alarm, ts, type, summary, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  historyOf:
    'SELECT alarm, ts, type, summary, data FROM cloudwatch_alarm_history WHERE account = ? AND region = ? ORDER BY ts DESC, id DESC',
  dashboard:
    'SELECT name, body, updated_at FROM cloudwatch_dashboards WHERE account = ? AND region = ? AND name = ?',
  dashboardsOf:
    'SELECT name, body, updated_at FROM cloudwatch_dashboards WHERE account = ? AND region = ? ORDER BY name',
  putDashboard: `INSERT INTO cloudwatch_dashboards (account, region, name, body, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account, region, name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  deleteDashboard: 'DELETE FROM cloudwatch_dashboards WHERE account = ? AND region = ? AND name = ?',
  tagsOf: 'SELECT key, value FROM cloudwatch_tags WHERE arn = ? ORDER BY key',
  putTag:
    'INSERT INTO cloudwatch_tags (arn, key, value) VALUES (?, ?, ?) ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value',
  deleteTag: 'DELETE FROM cloudwatch_tags WHERE arn = ? AND key = ?',
  deleteTags: 'DELETE FROM cloudwatch_tags WHERE arn = ?',
} as const;

export type CloudWatchStatements = { readonly [K in keyof typeof SQL]: Statement };

export function cloudWatchStatements(store: Store): CloudWatchStatements {
  return prepareAll(store, SQL);
}

/** Every table, for reset. */
export const CLOUDWATCH_TABLES = [
  'cloudwatch_datapoints',
  'cloudwatch_metrics',
  'cloudwatch_alarm_history',
  'cloudwatch_alarms',
  'cloudwatch_dashboards',
  'cloudwatch_tags',
] as const;
