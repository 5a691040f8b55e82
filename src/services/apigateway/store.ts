// API Gateway's REST API tables: an API is a row with its account and region; its resources (each with
// its methods, their integrations and responses inside), deployments and their snapshots, stages,
// authorizers, models, request validators and gateway responses are rows under it keyed by kind and id.
// API keys, usage plans and usage plan keys belong to the account and region, not to an API. Each row
// holds the resource as the API describes it (member names as AWS's, timestamps in epoch seconds), so reads
// need no mapping.
// https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const APIGATEWAY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE apigateway_restapis (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     doc TEXT NOT NULL);
   CREATE TABLE apigateway_children (
     api_id TEXT NOT NULL REFERENCES apigateway_restapis(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     -- Creation order, which the Get…s operations list in.
     seq INTEGER NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (api_id, kind, id));
   CREATE TABLE apigateway_account_items (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (account, region, kind, id));`,
];

export interface ApiRow {
  id: string;
  account: string;
  region: string;
  doc: string;
}

export interface DocRow {
  id: string;
  doc: string;
}

const APIGATEWAY_SQL = {
  api: 'SELECT * FROM apigateway_restapis WHERE id = ?',
  apis: 'SELECT * FROM apigateway_restapis WHERE account = ? AND region = ? ORDER BY rowid',
  insertApi: 'INSERT INTO apigateway_restapis (id, account, region, doc) VALUES (?, ?, ?, ?)',
  setApi: 'UPDATE apigateway_restapis SET doc = ? WHERE id = ?',
  deleteApi: 'DELETE FROM apigateway_restapis WHERE id = ?',
  deleteAll: 'DELETE FROM apigateway_restapis',
  child: 'SELECT id, doc FROM apigateway_children WHERE api_id = ? AND kind = ? AND id = ?',
  children: 'SELECT id, doc FROM apigateway_children WHERE api_id = ? AND kind = ? ORDER BY seq',
  insertChild: `INSERT INTO apigateway_children (api_id, kind, id, seq, doc)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM apigateway_children), ?)`,
  setChild: 'UPDATE apigateway_children SET doc = ? WHERE api_id = ? AND kind = ? AND id = ?',
  deleteChild: 'DELETE FROM apigateway_children WHERE api_id = ? AND kind = ? AND id = ?',
  deleteChildren: 'DELETE FROM apigateway_children WHERE api_id = ?',
  item: 'SELECT id, doc FROM apigateway_account_items WHERE account = ? AND region = ? AND kind = ? AND id = ?',
  items:
    'SELECT id, doc FROM apigateway_account_items WHERE account = ? AND region = ? AND kind = ? ORDER BY seq',
  insertItem: `INSERT INTO apigateway_account_items (account, region, kind, id, seq, doc)
       VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM apigateway_account_items), ?)`,
  setItem:
    'UPDATE apigateway_account_items SET doc = ? WHERE account = ? AND region = ? AND kind = ? AND id = ?',
  deleteItem: 'DELETE FROM apigateway_account_items WHERE account = ? AND region = ? AND kind = ? AND id = ?',
  deleteItems: 'DELETE FROM apigateway_account_items',
};

export type ApiGatewayStatements = { readonly [K in keyof typeof APIGATEWAY_SQL]: Statement };

export function apiGatewayStatements(store: Store): ApiGatewayStatements {
  return prepareAll(store, APIGATEWAY_SQL);
}
