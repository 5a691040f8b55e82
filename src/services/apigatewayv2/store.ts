// API Gateway v2's tables: an API is a row with its account and region; its routes, integrations, stages,
// deployments and authorizers are rows under it keyed by kind and id. Each row holds the resource as the
// API describes it (member names as AWS's, timestamps in epoch ms), so reads need no mapping and a new
// member AWS adds is one more key, not a migration.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/resources.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const APIGATEWAYV2_MIGRATIONS: readonly string[] = [
  `CREATE TABLE apigatewayv2_apis (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     doc TEXT NOT NULL);
   CREATE TABLE apigatewayv2_children (
     api_id TEXT NOT NULL REFERENCES apigatewayv2_apis(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     -- Creation order, which the Get…s operations list in.
     seq INTEGER NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (api_id, kind, id));`,
];

export interface ApiRow {
  id: string;
  account: string;
  region: string;
  doc: string;
}

export interface ChildRow {
  api_id: string;
  kind: string;
  id: string;
  seq: number;
  doc: string;
}

const APIGATEWAYV2_SQL = {
  api: 'SELECT * FROM apigatewayv2_apis WHERE id = ?',
  apis: 'SELECT * FROM apigatewayv2_apis WHERE account = ? AND region = ? ORDER BY rowid',
  insertApi: 'INSERT INTO apigatewayv2_apis (id, account, region, doc) VALUES (?, ?, ?, ?)',
  setApi: 'UPDATE apigatewayv2_apis SET doc = ? WHERE id = ?',
  deleteApi: 'DELETE FROM apigatewayv2_apis WHERE id = ?',
  deleteAll: 'DELETE FROM apigatewayv2_apis',
  child: 'SELECT * FROM apigatewayv2_children WHERE api_id = ? AND kind = ? AND id = ?',
  children: 'SELECT * FROM apigatewayv2_children WHERE api_id = ? AND kind = ? ORDER BY seq',
  insertChild: `INSERT INTO apigatewayv2_children (api_id, kind, id, seq, doc)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM apigatewayv2_children), ?)`,
  setChild: 'UPDATE apigatewayv2_children SET doc = ? WHERE api_id = ? AND kind = ? AND id = ?',
  deleteChild: 'DELETE FROM apigatewayv2_children WHERE api_id = ? AND kind = ? AND id = ?',
  deleteChildren: 'DELETE FROM apigatewayv2_children WHERE api_id = ?',
};

export type ApiGatewayV2Statements = { readonly [K in keyof typeof APIGATEWAYV2_SQL]: Statement };

export function apiGatewayV2Statements(store: Store): ApiGatewayV2Statements {
  return prepareAll(store, APIGATEWAYV2_SQL);
}
