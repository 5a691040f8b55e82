// The executions' tables. An execution is one row; its interpreter state is a set of thread rows (one per
// running branch, iteration or the main path) rewritten as each moves, so a Map of 10,000 items costs a
// small write per transition, not a rewrite of all of it; Map items and results are rows of their own; the
// history is append-only. Each transition's events and thread changes commit in one transaction, which is
// what lets a restart carry on from the last recorded event.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html

import { prepareAll, type Statement, type Store } from '../../../core/store.js';

export const EXECUTION_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sfn_executions (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     machine_arn TEXT NOT NULL,
     -- What ran: the resolved state machine (definition, role, version and alias ARNs) as JSON.
     machine TEXT NOT NULL,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     status TEXT NOT NULL,
     input TEXT NOT NULL,
     output TEXT,
     error TEXT,
     cause TEXT,
     started_at INTEGER NOT NULL,
     stopped_at INTEGER,
     event_count INTEGER NOT NULL DEFAULT 0,
     next_thread INTEGER NOT NULL DEFAULT 1,
     -- Set for an execution a Task started with .sync or .sync:2: the parent's task, as JSON
     -- { execution, thread, attempt, pattern }, told the outcome when this one ends.
     parent_task TEXT,
     map_run_arn TEXT,
     redrive_count INTEGER NOT NULL DEFAULT 0,
     redrive_at INTEGER,
     trace_header TEXT,
     mock_case TEXT);
   CREATE INDEX sfn_executions_by_machine ON sfn_executions (machine_arn, started_at);
   CREATE INDEX sfn_executions_running ON sfn_executions (status) WHERE status = 'RUNNING';
   CREATE TABLE sfn_history (
     execution_arn TEXT NOT NULL REFERENCES sfn_executions(arn) ON DELETE CASCADE,
     id INTEGER NOT NULL,
     type TEXT NOT NULL,
     timestamp INTEGER NOT NULL,
     previous_id INTEGER NOT NULL,
     details TEXT,
     PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
   CREATE TABLE sfn_threads (
     execution_arn TEXT NOT NULL REFERENCES sfn_executions(arn) ON DELETE CASCADE,
     id INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
   CREATE TABLE sfn_values (
     execution_arn TEXT NOT NULL REFERENCES sfn_executions(arn) ON DELETE CASCADE,
     thread INTEGER NOT NULL,
     kind TEXT NOT NULL,
     idx INTEGER NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (execution_arn, thread, kind, idx)) WITHOUT ROWID;
   CREATE TABLE sfn_task_tokens (
     token TEXT PRIMARY KEY,
     execution_arn TEXT NOT NULL REFERENCES sfn_executions(arn) ON DELETE CASCADE,
     thread INTEGER NOT NULL,
     -- Set for activity tasks: the activity a worker polls, and the input it is handed.
     activity_arn TEXT,
     input TEXT,
     created_at INTEGER NOT NULL,
     -- When an activity worker took it (GetActivityTask); null while it waits for one.
     taken_at INTEGER);
   CREATE INDEX sfn_task_tokens_by_activity ON sfn_task_tokens (activity_arn, created_at)
     WHERE activity_arn IS NOT NULL AND taken_at IS NULL;`,
  // Distributed Map: a map run per Map state run, and one row per child execution it has decided to start
  // (written in the parent's commit before the child starts, so a restart starts what is missing and
  // reports what ended while the parent was not listening). `recorded`: the parent has taken its outcome.
  `CREATE TABLE sfn_map_runs (
     arn TEXT PRIMARY KEY,
     execution_arn TEXT NOT NULL REFERENCES sfn_executions(arn) ON DELETE CASCADE,
     thread INTEGER NOT NULL,
     -- The children's state machine: <machine>/<label>.
     state_machine_arn TEXT NOT NULL,
     status TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     stopped_at INTEGER,
     max_concurrency INTEGER NOT NULL,
     -- Null when the definition sets no such threshold (DescribeMapRun answers 0).
     tolerated_failure_percentage REAL,
     tolerated_failure_count INTEGER,
     total_items INTEGER NOT NULL DEFAULT 0,
     total_executions INTEGER NOT NULL DEFAULT 0,
     results_written INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     cause TEXT);
   CREATE INDEX sfn_map_runs_by_execution ON sfn_map_runs (execution_arn, started_at);
   CREATE TABLE sfn_map_run_children (
     execution_arn TEXT PRIMARY KEY,
     map_run_arn TEXT NOT NULL REFERENCES sfn_map_runs(arn) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     items INTEGER NOT NULL,
     recorded INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX sfn_map_run_children_by_run ON sfn_map_run_children (map_run_arn, idx);
   CREATE INDEX sfn_executions_by_map_run ON sfn_executions (map_run_arn, started_at)
     WHERE map_run_arn IS NOT NULL;`,
];

export interface ExecutionRow {
  arn: string;
  account: string;
  region: string;
  machine_arn: string;
  machine: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  started_at: number;
  stopped_at: number | null;
  event_count: number;
  next_thread: number;
  parent_task: string | null;
  map_run_arn: string | null;
  redrive_count: number;
  redrive_at: number | null;
  trace_header: string | null;
  mock_case: string | null;
}

export interface MapRunRow {
  arn: string;
  execution_arn: string;
  thread: number;
  state_machine_arn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  started_at: number;
  stopped_at: number | null;
  max_concurrency: number;
  tolerated_failure_percentage: number | null;
  tolerated_failure_count: number | null;
  total_items: number;
  total_executions: number;
  results_written: number;
  error: string | null;
  cause: string | null;
}

export interface MapRunChildRow {
  execution_arn: string;
  idx: number;
  items: number;
  recorded: number;
  status: ExecutionRow['status'] | null;
}

export interface HistoryRow {
  execution_arn: string;
  id: number;
  type: string;
  timestamp: number;
  previous_id: number;
  details: string | null;
}

export interface TokenRow {
  token: string;
  execution_arn: string;
  thread: number;
  activity_arn: string | null;
  input: string | null;
  created_at: number;
  taken_at: number | null;
}

const EXECUTION_SQL = {
  execution: 'SELECT * FROM sfn_executions WHERE arn = ?',
  insertExecution: `INSERT INTO sfn_executions (arn, account, region, machine_arn, machine, name, type, status,
       input, started_at, parent_task, map_run_arn, trace_header, mock_case)
     VALUES (@arn, @account, @region, @machine_arn, @machine, @name, @type, 'RUNNING', @input, @started_at,
       @parent_task, @map_run_arn, @trace_header, @mock_case)`,
  finish: `UPDATE sfn_executions SET status = @status, output = @output, error = @error, cause = @cause,
       stopped_at = @stopped_at WHERE arn = @arn`,
  setCounters: 'UPDATE sfn_executions SET event_count = ?, next_thread = ? WHERE arn = ?',
  running: "SELECT * FROM sfn_executions WHERE status = 'RUNNING'",
  byMachine: `SELECT * FROM sfn_executions WHERE machine_arn = ? AND map_run_arn IS NULL
       ORDER BY started_at DESC, arn DESC`,
  byParentTask: 'SELECT * FROM sfn_executions WHERE parent_task = ?',
  runningCount: "SELECT COUNT(*) AS n FROM sfn_executions WHERE machine_arn = ? AND status = 'RUNNING'",
  deleteAll: 'DELETE FROM sfn_executions',

  insertEvent: `INSERT INTO sfn_history (execution_arn, id, type, timestamp, previous_id, details)
     VALUES (?, ?, ?, ?, ?, ?)`,
  history: 'SELECT * FROM sfn_history WHERE execution_arn = ? ORDER BY id',
  event: 'SELECT * FROM sfn_history WHERE execution_arn = ? AND id = ?',

  threads: 'SELECT id, data FROM sfn_threads WHERE execution_arn = ? ORDER BY id',
  putThread: `INSERT INTO sfn_threads (execution_arn, id, data) VALUES (?, ?, ?)
     ON CONFLICT (execution_arn, id) DO UPDATE SET data = excluded.data`,
  deleteThread: 'DELETE FROM sfn_threads WHERE execution_arn = ? AND id = ?',
  deleteThreads: 'DELETE FROM sfn_threads WHERE execution_arn = ?',
  thread: 'SELECT data FROM sfn_threads WHERE execution_arn = ? AND id = ?',
  redrive: `UPDATE sfn_executions SET status = 'RUNNING', output = NULL, error = NULL, cause = NULL, stopped_at = NULL,
       redrive_count = ?, redrive_at = ? WHERE arn = ?`,

  putValue: `INSERT INTO sfn_values (execution_arn, thread, kind, idx, value) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (execution_arn, thread, kind, idx) DO UPDATE SET value = excluded.value`,
  values:
    'SELECT idx, value FROM sfn_values WHERE execution_arn = ? AND thread = ? AND kind = ? ORDER BY idx',
  value: 'SELECT value FROM sfn_values WHERE execution_arn = ? AND thread = ? AND kind = ? AND idx = ?',
  deleteValues: 'DELETE FROM sfn_values WHERE execution_arn = ? AND thread = ?',

  insertToken: `INSERT INTO sfn_task_tokens (token, execution_arn, thread, activity_arn, input, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  token: 'SELECT * FROM sfn_task_tokens WHERE token = ?',
  deleteToken: 'DELETE FROM sfn_task_tokens WHERE token = ?',
  deleteTokens: 'DELETE FROM sfn_task_tokens WHERE execution_arn = ?',
  nextActivityTask: `SELECT * FROM sfn_task_tokens WHERE activity_arn = ? AND taken_at IS NULL
     ORDER BY created_at LIMIT 1`,
  takeToken: 'UPDATE sfn_task_tokens SET taken_at = ? WHERE token = ?',

  insertMapRun: `INSERT INTO sfn_map_runs (arn, execution_arn, thread, state_machine_arn, status, started_at,
       max_concurrency, tolerated_failure_percentage, tolerated_failure_count)
     VALUES (@arn, @execution_arn, @thread, @state_machine_arn, 'RUNNING', @started_at, @max_concurrency,
       @tolerated_failure_percentage, @tolerated_failure_count)`,
  mapRun: 'SELECT * FROM sfn_map_runs WHERE arn = ?',
  mapRunsOf: 'SELECT * FROM sfn_map_runs WHERE execution_arn = ? ORDER BY started_at, rowid',
  runningMapRunsOf: "SELECT * FROM sfn_map_runs WHERE execution_arn = ? AND status = 'RUNNING'",
  setMapRunTotals: 'UPDATE sfn_map_runs SET total_items = ?, total_executions = ? WHERE arn = ?',
  finishMapRun: `UPDATE sfn_map_runs SET status = @status, stopped_at = @stopped_at, error = @error,
       cause = @cause, results_written = @results_written WHERE arn = @arn AND status = 'RUNNING'`,
  updateMapRun: `UPDATE sfn_map_runs SET max_concurrency = COALESCE(@max_concurrency, max_concurrency),
       tolerated_failure_percentage = COALESCE(@tolerated_failure_percentage, tolerated_failure_percentage),
       tolerated_failure_count = COALESCE(@tolerated_failure_count, tolerated_failure_count) WHERE arn = @arn`,
  insertMapRunChild: `INSERT OR IGNORE INTO sfn_map_run_children (execution_arn, map_run_arn, idx, items)
     VALUES (?, ?, ?, ?)`,
  mapRunChild: 'SELECT * FROM sfn_map_run_children WHERE execution_arn = ?',
  recordMapRunChild: 'UPDATE sfn_map_run_children SET recorded = 1 WHERE execution_arn = ?',
  /** Each child with its execution's status (null: decided but not started yet). */
  mapRunChildren: `SELECT c.execution_arn, c.idx, c.items, c.recorded, e.status FROM sfn_map_run_children c
     LEFT JOIN sfn_executions e ON e.arn = c.execution_arn WHERE c.map_run_arn = ? ORDER BY c.idx`,
  byMapRun: 'SELECT * FROM sfn_executions WHERE map_run_arn = ? ORDER BY started_at DESC, arn DESC',
};

export type ExecutionStatements = { readonly [K in keyof typeof EXECUTION_SQL]: Statement };

export function executionStatements(store: Store): ExecutionStatements {
  return prepareAll(store, EXECUTION_SQL);
}
