// Lambda's tables. A function is a row; each of its versions ($LATEST included) is a row holding the
// configuration AWS returns for it plus where its code is; aliases, event-invoke configs and event source
// mappings are rows too. Asynchronous invocations wait in `lambda_async_invocations`, written before the
// 202 is returned, so an accepted event survives a kill.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const LAMBDA_MIGRATIONS: readonly string[] = [
  `CREATE TABLE lambda_functions (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     next_version INTEGER NOT NULL DEFAULT 1,
     tags TEXT NOT NULL DEFAULT '{}',
     policy TEXT,
     reserved_concurrency INTEGER,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (account, region, name));
   CREATE TABLE lambda_versions (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     version TEXT NOT NULL,
     seq INTEGER NOT NULL,
     config TEXT NOT NULL,
     code TEXT NOT NULL,
     PRIMARY KEY (account, region, name, version));
   CREATE TABLE lambda_aliases (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     alias TEXT NOT NULL,
     config TEXT NOT NULL,
     PRIMARY KEY (account, region, name, alias));
   CREATE TABLE lambda_event_invoke_configs (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     qualifier TEXT NOT NULL,
     config TEXT NOT NULL,
     PRIMARY KEY (account, region, name, qualifier));
   CREATE TABLE lambda_async_invocations (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     function_arn TEXT NOT NULL,
     request_id TEXT NOT NULL,
     payload BLOB NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     enqueued_at INTEGER NOT NULL,
     due_at INTEGER NOT NULL);
   CREATE INDEX lambda_async_by_due ON lambda_async_invocations (due_at, id);
   CREATE TABLE lambda_event_source_mappings (
     uuid TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     function_arn TEXT NOT NULL,
     config TEXT NOT NULL,
     created_at INTEGER NOT NULL);`,
  // Where each stream shard's mapping got to (the last sequence number it finished).
  `CREATE TABLE lambda_esm_checkpoints (
     uuid TEXT NOT NULL,
     shard_id TEXT NOT NULL,
     sequence_number TEXT NOT NULL,
     PRIMARY KEY (uuid, shard_id));`,
  // A tumbling window open at the checkpoint (its bounds and state, JSON), so a restart resumes it.
  'ALTER TABLE lambda_esm_checkpoints ADD COLUMN open_window TEXT;',
];

const SQL = {
  insertFunction:
    'INSERT INTO lambda_functions (account, region, name, tags, created_at) VALUES (?, ?, ?, ?, ?)',
  getFunction: 'SELECT * FROM lambda_functions WHERE account = ? AND region = ? AND name = ?',
  listFunctions: 'SELECT * FROM lambda_functions WHERE account = ? AND region = ? ORDER BY name',
  deleteFunction: 'DELETE FROM lambda_functions WHERE account = ? AND region = ? AND name = ?',
  setNextVersion:
    'UPDATE lambda_functions SET next_version = ? WHERE account = ? AND region = ? AND name = ?',
  setTags: 'UPDATE lambda_functions SET tags = ? WHERE account = ? AND region = ? AND name = ?',
  setPolicy: 'UPDATE lambda_functions SET policy = ? WHERE account = ? AND region = ? AND name = ?',
  setConcurrency:
    'UPDATE lambda_functions SET reserved_concurrency = ? WHERE account = ? AND region = ? AND name = ?',
  sumReserved:
    'SELECT COALESCE(SUM(reserved_concurrency), 0) AS total FROM lambda_functions WHERE account = ? AND region = ? AND name != ?',
  putVersion:
    'INSERT INTO lambda_versions (account, region, name, version, seq, config, code) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, name, version) DO UPDATE SET config = excluded.config, code = excluded.code',
  getVersion: 'SELECT * FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?',
  listVersions: 'SELECT * FROM lambda_versions WHERE account = ? AND region = ? AND name = ? ORDER BY seq',
  deleteVersion: 'DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ? AND version = ?',
  deleteVersions: 'DELETE FROM lambda_versions WHERE account = ? AND region = ? AND name = ?',
  codeInUse: 'SELECT COUNT(*) AS n FROM lambda_versions WHERE code = ?',
  putAlias:
    'INSERT INTO lambda_aliases (account, region, name, alias, config) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, region, name, alias) DO UPDATE SET config = excluded.config',
  getAlias: 'SELECT * FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?',
  listAliases: 'SELECT * FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? ORDER BY alias',
  deleteAlias: 'DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?',
  deleteAliases: 'DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ?',
  putInvokeConfig:
    'INSERT INTO lambda_event_invoke_configs (account, region, name, qualifier, config) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, region, name, qualifier) DO UPDATE SET config = excluded.config',
  getInvokeConfig:
    'SELECT * FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? AND qualifier = ?',
  listInvokeConfigs:
    'SELECT * FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? ORDER BY qualifier',
  deleteInvokeConfig:
    'DELETE FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? AND qualifier = ?',
  deleteInvokeConfigs:
    'DELETE FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ?',
  enqueueAsync:
    'INSERT INTO lambda_async_invocations (account, region, function_arn, request_id, payload, enqueued_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  nextAsyncAfter: 'SELECT MIN(due_at) AS at FROM lambda_async_invocations WHERE due_at > ?',
  dueAsync: 'SELECT * FROM lambda_async_invocations WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
  retryAsync: 'UPDATE lambda_async_invocations SET attempts = ?, due_at = ? WHERE id = ?',
  deleteAsync: 'DELETE FROM lambda_async_invocations WHERE id = ?',
  putMapping:
    'INSERT INTO lambda_event_source_mappings (uuid, account, region, function_arn, config, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET config = excluded.config, function_arn = excluded.function_arn',
  getMapping: 'SELECT * FROM lambda_event_source_mappings WHERE uuid = ?',
  listMappings:
    'SELECT * FROM lambda_event_source_mappings WHERE account = ? AND region = ? ORDER BY created_at, uuid',
  allMappings: 'SELECT * FROM lambda_event_source_mappings',
  deleteMapping: 'DELETE FROM lambda_event_source_mappings WHERE uuid = ?',
  getCheckpoint: 'SELECT sequence_number FROM lambda_esm_checkpoints WHERE uuid = ? AND shard_id = ?',
  putCheckpoint:
    'INSERT INTO lambda_esm_checkpoints (uuid, shard_id, sequence_number, open_window) VALUES (?, ?, ?, ?) ON CONFLICT (uuid, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, open_window = excluded.open_window',
  getOpenWindow: 'SELECT open_window FROM lambda_esm_checkpoints WHERE uuid = ? AND shard_id = ?',
  clearOpenWindow: 'UPDATE lambda_esm_checkpoints SET open_window = NULL WHERE uuid = ? AND shard_id = ?',
  deleteCheckpoints: 'DELETE FROM lambda_esm_checkpoints WHERE uuid = ?',
  anyCheckpoint: 'SELECT 1 AS found FROM lambda_esm_checkpoints WHERE uuid = ? LIMIT 1',
  allCheckpoints: 'SELECT sequence_number FROM lambda_esm_checkpoints WHERE uuid = ?',
};

export type LambdaStatements = { readonly [K in keyof typeof SQL]: Statement };

export function lambdaStatements(store: Store): LambdaStatements {
  store.migrate('lambda', LAMBDA_MIGRATIONS);
  return prepareAll(store, SQL);
}

export interface FunctionRow {
  account: string;
  region: string;
  name: string;
  next_version: number;
  tags: string;
  policy: string | null;
  reserved_concurrency: number | null;
  created_at: number;
}

export interface VersionRow {
  account: string;
  region: string;
  name: string;
  version: string;
  seq: number;
  config: string;
  code: string;
}

export interface AsyncRow {
  id: number;
  account: string;
  region: string;
  function_arn: string;
  request_id: string;
  payload: Buffer;
  attempts: number;
  enqueued_at: number;
  due_at: number;
}
