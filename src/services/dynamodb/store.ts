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
