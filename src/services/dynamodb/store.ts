// DynamoDB's tables in the cloud's SQLite database. Items and index entries are keyed by the sortable
// byte encoding of their key values (values.ts), so Query ranges and ordering run in index order.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const DYNAMODB_MIGRATIONS: readonly string[] = [
  `CREATE TABLE ddb_tables (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     spec TEXT NOT NULL,
     UNIQUE (account, region, name));
   CREATE TABLE ddb_items (
     table_id INTEGER NOT NULL,
     pk BLOB NOT NULL,
     sk BLOB NOT NULL,
     item TEXT NOT NULL,
     size INTEGER NOT NULL,
     expires_at INTEGER,
     PRIMARY KEY (table_id, pk, sk)) WITHOUT ROWID;
   CREATE INDEX ddb_items_expiry ON ddb_items (expires_at) WHERE expires_at IS NOT NULL;
   CREATE TABLE ddb_index_items (
     table_id INTEGER NOT NULL,
     index_name TEXT NOT NULL,
     pk BLOB NOT NULL,
     sk BLOB NOT NULL,
     tpk BLOB NOT NULL,
     tsk BLOB NOT NULL,
     item TEXT NOT NULL,
     size INTEGER NOT NULL,
     PRIMARY KEY (table_id, index_name, pk, sk, tpk, tsk)) WITHOUT ROWID;
   CREATE TABLE ddb_streams (
     arn TEXT PRIMARY KEY,
     table_id INTEGER NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     table_name TEXT NOT NULL,
     label TEXT NOT NULL,
     view_type TEXT NOT NULL,
     key_schema TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     disabled_at INTEGER);
   CREATE TABLE ddb_stream_records (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_arn TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     record TEXT NOT NULL);
   CREATE INDEX ddb_stream_records_by_stream ON ddb_stream_records (stream_arn, seq);
   CREATE INDEX ddb_stream_records_by_age ON ddb_stream_records (created_at);
   CREATE TABLE ddb_transaction_tokens (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     token TEXT NOT NULL,
     request_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (account, region, token));`,
  // Shards are time ranges of a stream: their first and last records are found by creation time.
  'CREATE INDEX ddb_stream_records_by_stream_time ON ddb_stream_records (stream_arn, created_at);',
  // On-demand backups: the table's definition and a copy of its items taken in one transaction (backups.ts).
  // The point-in-time history is an undo log: each write to a table with PITR enabled keeps the item as it
  // was before, so the table at a past time is the current one with later changes undone (pitr.ts).
  `CREATE TABLE ddb_backups (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     table_name TEXT NOT NULL,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     spec TEXT NOT NULL,
     item_count INTEGER NOT NULL,
     size_bytes INTEGER NOT NULL);
   CREATE INDEX ddb_backups_by_time ON ddb_backups (account, region, created_at, arn);
   CREATE TABLE ddb_backup_items (
     backup_arn TEXT NOT NULL,
     pk BLOB NOT NULL,
     sk BLOB NOT NULL,
     item TEXT NOT NULL,
     PRIMARY KEY (backup_arn, pk, sk)) WITHOUT ROWID;
   CREATE TABLE ddb_pitr_log (
     table_id INTEGER NOT NULL,
     at INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     pk BLOB NOT NULL,
     sk BLOB NOT NULL,
     key TEXT,
     old TEXT,
     PRIMARY KEY (table_id, at, seq)) WITHOUT ROWID;
   CREATE TABLE ddb_exports (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     table_arn TEXT NOT NULL,
     client_token TEXT,
     started_at INTEGER NOT NULL,
     description TEXT NOT NULL);
   CREATE INDEX ddb_exports_by_time ON ddb_exports (account, region, started_at, arn);`,
  // Imports from S3 (backups/imports.ts): their ImportTableDescription as the API returns it.
  `CREATE TABLE ddb_imports (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     table_arn TEXT NOT NULL,
     client_token TEXT,
     started_at INTEGER NOT NULL,
     description TEXT NOT NULL);
   CREATE INDEX ddb_imports_by_time ON ddb_imports (account, region, started_at, arn);`,
];

const SQL = {
  insertTable: 'INSERT INTO ddb_tables (account, region, name, spec) VALUES (?, ?, ?, ?)',
  findTable: 'SELECT id, spec FROM ddb_tables WHERE account = ? AND region = ? AND name = ?',
  tableById: 'SELECT account, region, name FROM ddb_tables WHERE id = ?',
  listTables: 'SELECT name FROM ddb_tables WHERE account = ? AND region = ? ORDER BY name',
  updateSpec: 'UPDATE ddb_tables SET spec = ? WHERE id = ?',
  deleteTable: 'DELETE FROM ddb_tables WHERE id = ?',
  deleteTableItems: 'DELETE FROM ddb_items WHERE table_id = ?',
  deleteTableIndexItems: 'DELETE FROM ddb_index_items WHERE table_id = ?',
  deleteIndexItems: 'DELETE FROM ddb_index_items WHERE table_id = ? AND index_name = ?',
  tableStats: 'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM ddb_items WHERE table_id = ?',
  indexStats:
    'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM ddb_index_items WHERE table_id = ? AND index_name = ?',
  getItem: 'SELECT item FROM ddb_items WHERE table_id = ? AND pk = ? AND sk = ?',
  putItem:
    'INSERT INTO ddb_items (table_id, pk, sk, item, size, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (table_id, pk, sk) DO UPDATE SET item = excluded.item, size = excluded.size, expires_at = excluded.expires_at',
  deleteItem: 'DELETE FROM ddb_items WHERE table_id = ? AND pk = ? AND sk = ?',
  allItems: 'SELECT item FROM ddb_items WHERE table_id = ?',
  allRows: 'SELECT pk, sk, item FROM ddb_items WHERE table_id = ?',
  setExpiry: 'UPDATE ddb_items SET expires_at = ? WHERE table_id = ? AND pk = ? AND sk = ?',
  clearExpiry: 'UPDATE ddb_items SET expires_at = NULL WHERE table_id = ?',
  putIndexItem:
    'INSERT OR REPLACE INTO ddb_index_items (table_id, index_name, pk, sk, tpk, tsk, item, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  deleteIndexItem:
    'DELETE FROM ddb_index_items WHERE table_id = ? AND index_name = ? AND pk = ? AND sk = ? AND tpk = ? AND tsk = ?',
  expired:
    'SELECT table_id, item FROM ddb_items WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT 1000',
  nextExpiry: 'SELECT MIN(expires_at) AS at FROM ddb_items WHERE expires_at IS NOT NULL',
  insertStream:
    'INSERT INTO ddb_streams (arn, table_id, account, region, table_name, label, view_type, key_schema, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  disableStream: 'UPDATE ddb_streams SET disabled_at = ? WHERE arn = ? AND disabled_at IS NULL',
  findStream: 'SELECT * FROM ddb_streams WHERE arn = ?',
  listStreams: 'SELECT * FROM ddb_streams WHERE account = ? AND region = ? ORDER BY created_at, arn',
  insertRecord: 'INSERT INTO ddb_stream_records (seq, stream_arn, created_at, record) VALUES (?, ?, ?, ?)',
  recordsAfter:
    'SELECT seq, record FROM ddb_stream_records WHERE stream_arn = ? AND seq > ? AND created_at >= ? ORDER BY seq LIMIT ?',
  shardRecords:
    'SELECT seq, record FROM ddb_stream_records WHERE stream_arn = ? AND seq > ? AND created_at >= ? AND created_at < ? ORDER BY seq LIMIT ?',
  // Sequence numbers grow with creation time, so the first and last records of a time range are found in
  // the (stream_arn, created_at) index without reading the range.
  shardFirst:
    'SELECT seq FROM ddb_stream_records WHERE stream_arn = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, seq LIMIT 1',
  shardLast:
    'SELECT seq FROM ddb_stream_records WHERE stream_arn = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC, seq DESC LIMIT 1',
  firstSeqSince: 'SELECT seq FROM ddb_stream_records WHERE created_at >= ? ORDER BY created_at, seq LIMIT 1',
  lastSeq:
    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'ddb_stream_records'), 0), COALESCE((SELECT MAX(seq) FROM ddb_stream_records), 0)) AS seq",
  // Called with 24 h + one shard period: a record past retention is hidden on read at once, and deleted
  // once its whole shard has gone, so an iterator into a shard's trimmed part can still be recognised.
  trimRecords: 'DELETE FROM ddb_stream_records WHERE created_at < ?',
  dropOldStreams: 'DELETE FROM ddb_streams WHERE disabled_at IS NOT NULL AND disabled_at < ?',
  findToken:
    'SELECT request_hash, created_at FROM ddb_transaction_tokens WHERE account = ? AND region = ? AND token = ?',
  putToken:
    'INSERT OR REPLACE INTO ddb_transaction_tokens (account, region, token, request_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  trimTokens: 'DELETE FROM ddb_transaction_tokens WHERE created_at < ?',
  insertBackup:
    'INSERT INTO ddb_backups (arn, account, region, table_name, name, type, created_at, expires_at, spec, item_count, size_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  copyToBackup:
    'INSERT INTO ddb_backup_items (backup_arn, pk, sk, item) SELECT ?, pk, sk, item FROM ddb_items WHERE table_id = ?',
  findBackup: 'SELECT * FROM ddb_backups WHERE arn = ?',
  listBackups: 'SELECT * FROM ddb_backups WHERE account = ? AND region = ? ORDER BY created_at, arn',
  backupItems: 'SELECT item FROM ddb_backup_items WHERE backup_arn = ?',
  deleteBackup: 'DELETE FROM ddb_backups WHERE arn = ?',
  deleteBackupItems: 'DELETE FROM ddb_backup_items WHERE backup_arn = ?',
  expiredBackups: 'SELECT arn FROM ddb_backups WHERE expires_at IS NOT NULL AND expires_at <= ?',
  // One B-tree, in time order per table: a change is one row, and a restore or an export reads a time range.
  logChange: 'INSERT INTO ddb_pitr_log (table_id, at, seq, pk, sk, key, old) VALUES (?, ?, ?, ?, ?, ?, ?)',
  changesAfter:
    'SELECT pk, sk, key, old, at FROM ddb_pitr_log WHERE table_id = ? AND at > ? ORDER BY at, seq',
  lastLogSeq: 'SELECT COALESCE(MAX(seq), 0) AS seq FROM ddb_pitr_log',
  pruneLog: 'DELETE FROM ddb_pitr_log WHERE table_id = ? AND at < ?',
  dropLog: 'DELETE FROM ddb_pitr_log WHERE table_id = ?',
  insertExport:
    'INSERT INTO ddb_exports (arn, account, region, table_arn, client_token, started_at, description) VALUES (?, ?, ?, ?, ?, ?, ?)',
  updateExport: 'UPDATE ddb_exports SET description = ? WHERE arn = ?',
  findExport: 'SELECT description FROM ddb_exports WHERE arn = ?',
  exportByToken:
    'SELECT description FROM ddb_exports WHERE account = ? AND region = ? AND client_token = ? AND started_at >= ?',
  listExports:
    'SELECT description FROM ddb_exports WHERE account = ? AND region = ? ORDER BY started_at, arn',
  allExports: 'SELECT arn, description FROM ddb_exports',
  insertImport:
    'INSERT INTO ddb_imports (arn, account, region, table_arn, client_token, started_at, description) VALUES (?, ?, ?, ?, ?, ?, ?)',
  updateImport: 'UPDATE ddb_imports SET description = ? WHERE arn = ?',
  findImport: 'SELECT description FROM ddb_imports WHERE arn = ?',
  importByToken:
    'SELECT description FROM ddb_imports WHERE account = ? AND region = ? AND client_token = ? AND started_at >= ?',
  listImports:
    'SELECT description FROM ddb_imports WHERE account = ? AND region = ? ORDER BY started_at, arn',
  allImports: 'SELECT arn, description FROM ddb_imports',
  resetImports: 'DELETE FROM ddb_imports',
  resetBackups: 'DELETE FROM ddb_backups',
  resetBackupItems: 'DELETE FROM ddb_backup_items',
  resetLog: 'DELETE FROM ddb_pitr_log',
  resetExports: 'DELETE FROM ddb_exports',
  resetTables: 'DELETE FROM ddb_tables',
  resetItems: 'DELETE FROM ddb_items',
  resetIndexItems: 'DELETE FROM ddb_index_items',
  resetStreams: 'DELETE FROM ddb_streams',
  resetRecords: 'DELETE FROM ddb_stream_records',
  resetTokens: 'DELETE FROM ddb_transaction_tokens',
};

export type Statements = { readonly [K in keyof typeof SQL]: Statement };

export function prepareStatements(store: Store): Statements {
  return prepareAll(store, SQL);
}
