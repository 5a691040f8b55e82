// Cognito identity pools' tables: pools (their configuration and roles as JSON documents, as the API
// reads and writes them whole), identities, the logins linked to each identity (one row per provider and
// subject, unique in the pool, so a login always finds the one identity it belongs to), and each region's
// OpenID signing key, kept so that tokens issued before a restart still verify after it.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/Welcome.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const COGNITO_IDENTITY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE cognito_identity_pools (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     config TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '{}',
     roles TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL);
   CREATE INDEX cognito_identity_pools_by_owner ON cognito_identity_pools (account, region, seq);
   CREATE TABLE cognito_identities (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     pool_id TEXT NOT NULL REFERENCES cognito_identity_pools(id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL);
   CREATE INDEX cognito_identities_by_pool ON cognito_identities (pool_id, seq);
   CREATE TABLE cognito_identity_logins (
     pool_id TEXT NOT NULL,
     provider TEXT NOT NULL,
     subject TEXT NOT NULL,
     identity_id TEXT NOT NULL REFERENCES cognito_identities(id) ON DELETE CASCADE,
     developer INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (pool_id, provider, subject)) WITHOUT ROWID;
   CREATE INDEX cognito_identity_logins_by_identity ON cognito_identity_logins (identity_id);
   CREATE TABLE cognito_identity_keys (
     region TEXT PRIMARY KEY,
     kid TEXT NOT NULL,
     private_jwk TEXT NOT NULL,
     public_jwk TEXT NOT NULL);`,
];

export interface PoolRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  /** JSON: the IdentityPool members other than its id and tags. */
  config: string;
  /** JSON map. */
  tags: string;
  /** JSON `{ Roles, RoleMappings }`. */
  roles: string;
  created_at: number;
}

export interface IdentityRow {
  seq: number;
  id: string;
  pool_id: string;
  created_at: number;
  modified_at: number;
}

export interface LoginRow {
  pool_id: string;
  provider: string;
  subject: string;
  identity_id: string;
  developer: number;
}

export interface KeyRow {
  region: string;
  kid: string;
  private_jwk: string;
  public_jwk: string;
}

const SQL = {
  pool: 'SELECT * FROM cognito_identity_pools WHERE id = ?',
  pools: `SELECT * FROM cognito_identity_pools WHERE account = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?`,
  insertPool: `INSERT INTO cognito_identity_pools (id, account, region, config, tags, roles, created_at)
       VALUES (@id, @account, @region, @config, @tags, '{}', @created_at)`,
  setConfig: 'UPDATE cognito_identity_pools SET config = ? WHERE id = ?',
  setTags: 'UPDATE cognito_identity_pools SET tags = ? WHERE id = ?',
  setRoles: 'UPDATE cognito_identity_pools SET roles = ? WHERE id = ?',
  deletePool: 'DELETE FROM cognito_identity_pools WHERE id = ?',
  deletePoolLogins: 'DELETE FROM cognito_identity_logins WHERE pool_id = ?',
  deleteAllPools: 'DELETE FROM cognito_identity_pools',

  identity: 'SELECT * FROM cognito_identities WHERE id = ?',
  identities: 'SELECT * FROM cognito_identities WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  insertIdentity: `INSERT INTO cognito_identities (id, pool_id, created_at, modified_at)
       VALUES (?, ?, ?, ?)`,
  touchIdentity: 'UPDATE cognito_identities SET modified_at = ? WHERE id = ?',
  deleteIdentity: 'DELETE FROM cognito_identities WHERE id = ?',

  login: 'SELECT * FROM cognito_identity_logins WHERE pool_id = ? AND provider = ? AND subject = ?',
  loginsOf: 'SELECT * FROM cognito_identity_logins WHERE identity_id = ? ORDER BY provider, subject',
  insertLogin: `INSERT INTO cognito_identity_logins (pool_id, provider, subject, identity_id, developer)
       VALUES (?, ?, ?, ?, ?)`,
  moveLogins: 'UPDATE cognito_identity_logins SET identity_id = ? WHERE identity_id = ?',
  deleteLogin: 'DELETE FROM cognito_identity_logins WHERE pool_id = ? AND provider = ? AND subject = ?',
  deleteProviderLogins: 'DELETE FROM cognito_identity_logins WHERE identity_id = ? AND provider = ?',

  key: 'SELECT * FROM cognito_identity_keys WHERE region = ?',
  insertKey: `INSERT INTO cognito_identity_keys (region, kid, private_jwk, public_jwk) VALUES (?, ?, ?, ?)
       ON CONFLICT (region) DO NOTHING`,
};

export type CognitoIdentityStatements = { readonly [K in keyof typeof SQL]: Statement };

export function cognitoIdentityStatements(store: Store): CognitoIdentityStatements {
  return prepareAll(store, SQL);
}
