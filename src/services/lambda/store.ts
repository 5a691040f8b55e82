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
  // Layers: a name keeps its next version number after its versions are deleted (numbers are never
  // reused); a deleted version keeps its row (`deleted_at`) so functions using it still find its content.
  `CREATE TABLE lambda_layers (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     next_version INTEGER NOT NULL DEFAULT 1,
     PRIMARY KEY (account, region, name));
   CREATE TABLE lambda_layer_versions (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     version INTEGER NOT NULL,
     config TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     unzipped_size INTEGER NOT NULL,
     policy TEXT,
     deleted_at INTEGER,
     PRIMARY KEY (account, region, name, version));
   CREATE TABLE lambda_function_urls (
     url_id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     qualifier TEXT NOT NULL,
     config TEXT NOT NULL,
     UNIQUE (account, region, name, qualifier));
   CREATE TABLE lambda_provisioned_concurrency (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     qualifier TEXT NOT NULL,
     requested INTEGER NOT NULL,
     last_modified TEXT NOT NULL,
     PRIMARY KEY (account, region, name, qualifier));`,
  // Event source mappings' tags (TagResource on a mapping's ARN), JSON.
  "ALTER TABLE lambda_event_source_mappings ADD COLUMN tags TEXT NOT NULL DEFAULT '{}';",
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
  setMappingTags: 'UPDATE lambda_event_source_mappings SET tags = ? WHERE uuid = ?',
  getLayer: 'SELECT * FROM lambda_layers WHERE account = ? AND region = ? AND name = ?',
  insertLayer:
    'INSERT INTO lambda_layers (account, region, name, next_version) VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING',
  setLayerNextVersion:
    'UPDATE lambda_layers SET next_version = ? WHERE account = ? AND region = ? AND name = ?',
  putLayerVersion:
    'INSERT INTO lambda_layer_versions (account, region, name, version, config, sha256, unzipped_size) VALUES (?, ?, ?, ?, ?, ?, ?)',
  getLayerVersion:
    'SELECT * FROM lambda_layer_versions WHERE account = ? AND region = ? AND name = ? AND version = ?',
  listLayerVersions:
    'SELECT * FROM lambda_layer_versions WHERE account = ? AND region = ? AND name = ? AND deleted_at IS NULL ORDER BY version DESC',
  listLiveLayerVersions:
    'SELECT * FROM lambda_layer_versions WHERE account = ? AND region = ? AND deleted_at IS NULL ORDER BY name, version DESC',
  deleteLayerVersion:
    'UPDATE lambda_layer_versions SET deleted_at = ?, policy = NULL WHERE account = ? AND region = ? AND name = ? AND version = ? AND deleted_at IS NULL',
  setLayerPolicy:
    'UPDATE lambda_layer_versions SET policy = ? WHERE account = ? AND region = ? AND name = ? AND version = ?',
  putFunctionUrl:
    'INSERT INTO lambda_function_urls (url_id, account, region, name, qualifier, config) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url_id) DO UPDATE SET config = excluded.config',
  getFunctionUrl:
    'SELECT * FROM lambda_function_urls WHERE account = ? AND region = ? AND name = ? AND qualifier = ?',
  getFunctionUrlById: 'SELECT * FROM lambda_function_urls WHERE url_id = ?',
  listFunctionUrls:
    'SELECT * FROM lambda_function_urls WHERE account = ? AND region = ? AND name = ? ORDER BY qualifier',
  deleteFunctionUrl: 'DELETE FROM lambda_function_urls WHERE url_id = ?',
  deleteFunctionUrls: 'DELETE FROM lambda_function_urls WHERE account = ? AND region = ? AND name = ?',
  putProvisioned:
    'INSERT INTO lambda_provisioned_concurrency (account, region, name, qualifier, requested, last_modified) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, name, qualifier) DO UPDATE SET requested = excluded.requested, last_modified = excluded.last_modified',
  getProvisioned:
    'SELECT * FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ? AND qualifier = ?',
  listProvisioned:
    'SELECT * FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ? ORDER BY qualifier',
  deleteProvisioned:
    'DELETE FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ? AND qualifier = ?',
  deleteProvisionedAll:
    'DELETE FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ?',
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

export interface LayerVersionRow {
  account: string;
  region: string;
  name: string;
  version: number;
  config: string;
  sha256: string;
  unzipped_size: number;
  policy: string | null;
  deleted_at: number | null;
}

export interface FunctionUrlRow {
  url_id: string;
  account: string;
  region: string;
  name: string;
  qualifier: string;
  config: string;
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
