// Cognito user pools' tables. A pool, an app client, a group, a domain and a resource server are each one
// row holding the document Describe* answers (they are read whole and changed whole, as Update* replaces
// them); users have columns for what sign-in looks them up by (username key, sub, email, phone, preferred
// username) and keep the SRP verifier of their password, never the password. Codes, captured messages,
// sign-in sessions (the opaque Session of a challenge) and refresh tokens are rows with their expiry on
// the cloud clock, so a restart keeps every one of them.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const COGNITO_IDP_MIGRATIONS: readonly string[] = [
  `CREATE TABLE cognito_pools (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     doc TEXT NOT NULL,
     -- The pool's RS256 signing key (JWK, private and public), made once: tokens verify across a restart.
     private_jwk TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '{}');
   CREATE INDEX cognito_pools_by_account ON cognito_pools (account, region, id);
   CREATE TABLE cognito_clients (
     id TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     doc TEXT NOT NULL);
   CREATE INDEX cognito_clients_by_pool ON cognito_clients (pool_id, id);
   CREATE TABLE cognito_users (
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     -- The username as sign-in compares it: lower-cased in a case-insensitive pool.
     username_key TEXT NOT NULL,
     username TEXT NOT NULL,
     sub TEXT NOT NULL,
     status TEXT NOT NULL,
     enabled INTEGER NOT NULL DEFAULT 1,
     -- JSON [{ Name, Value }] in the order AWS lists them (sub first).
     attributes TEXT NOT NULL,
     email TEXT,
     phone_number TEXT,
     preferred_username TEXT,
     salt TEXT,
     verifier TEXT,
     mfa TEXT NOT NULL DEFAULT '{}',
     failed_attempts INTEGER NOT NULL DEFAULT 0,
     locked_until INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL,
     PRIMARY KEY (pool_id, username_key)) WITHOUT ROWID;
   CREATE UNIQUE INDEX cognito_users_by_sub ON cognito_users (pool_id, sub);
   CREATE INDEX cognito_users_by_email ON cognito_users (pool_id, email);
   CREATE INDEX cognito_users_by_phone ON cognito_users (pool_id, phone_number);
   CREATE INDEX cognito_users_by_preferred ON cognito_users (pool_id, preferred_username);
   CREATE TABLE cognito_groups (
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (pool_id, name)) WITHOUT ROWID;
   CREATE TABLE cognito_memberships (
     pool_id TEXT NOT NULL,
     group_name TEXT NOT NULL,
     username_key TEXT NOT NULL,
     PRIMARY KEY (pool_id, group_name, username_key),
     FOREIGN KEY (pool_id, group_name) REFERENCES cognito_groups(pool_id, name) ON DELETE CASCADE,
     FOREIGN KEY (pool_id, username_key) REFERENCES cognito_users(pool_id, username_key) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE INDEX cognito_memberships_by_user ON cognito_memberships (pool_id, username_key);
   CREATE TABLE cognito_domains (
     domain TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     doc TEXT NOT NULL);
   CREATE TABLE cognito_resource_servers (
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     identifier TEXT NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (pool_id, identifier)) WITHOUT ROWID;
   CREATE TABLE cognito_codes (
     pool_id TEXT NOT NULL,
     username_key TEXT NOT NULL,
     -- 'signup', 'forgot', 'verify:email', 'verify:phone_number', 'mfa'.
     purpose TEXT NOT NULL,
     code TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (pool_id, username_key, purpose),
     FOREIGN KEY (pool_id, username_key) REFERENCES cognito_users(pool_id, username_key) ON DELETE CASCADE
   ) WITHOUT ROWID;
   CREATE TABLE cognito_messages (
     id INTEGER PRIMARY KEY,
     pool_id TEXT NOT NULL,
     username TEXT NOT NULL,
     medium TEXT NOT NULL,
     destination TEXT NOT NULL,
     trigger_source TEXT NOT NULL,
     code TEXT,
     subject TEXT,
     message TEXT NOT NULL,
     sent_at INTEGER NOT NULL);
   CREATE INDEX cognito_messages_by_pool ON cognito_messages (pool_id, username, id);
   CREATE TABLE cognito_sessions (
     id TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL,
     client_id TEXT NOT NULL,
     username_key TEXT NOT NULL,
     state TEXT NOT NULL,
     expires_at INTEGER NOT NULL);
   CREATE TABLE cognito_refresh_tokens (
     -- origin_jti: every token issued from one sign-in carries it; revoking it ends them all.
     origin_jti TEXT PRIMARY KEY,
     token TEXT NOT NULL UNIQUE,
     pool_id TEXT NOT NULL,
     client_id TEXT NOT NULL,
     username_key TEXT NOT NULL,
     auth_time INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX cognito_refresh_by_user ON cognito_refresh_tokens (pool_id, username_key);`,
  // The OAuth 2.0 endpoints of a pool domain (oauth/): authorization codes (single use, five minutes),
  // the scopes a refresh token's sign-in was granted, and the hosted sign-in page's session cookie.
  `CREATE TABLE cognito_oauth_codes (
     code TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     client_id TEXT NOT NULL,
     username_key TEXT NOT NULL,
     -- JSON: redirect_uri, scopes, code_challenge, code_challenge_method, nonce.
     request TEXT NOT NULL,
     auth_time INTEGER NOT NULL,
     expires_at INTEGER NOT NULL);
   CREATE TABLE cognito_oauth_grants (
     origin_jti TEXT PRIMARY KEY REFERENCES cognito_refresh_tokens(origin_jti) ON DELETE CASCADE,
     scopes TEXT NOT NULL);
   CREATE TABLE cognito_oauth_sessions (
     id TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL REFERENCES cognito_pools(id) ON DELETE CASCADE,
     username_key TEXT NOT NULL,
     auth_time INTEGER NOT NULL,
     expires_at INTEGER NOT NULL);`,
  // Remembered devices (amazon-cognito-user-pools-device-tracking.html): a row from the sign-in that handed
  // out the device key; ConfirmDevice gives it the device's SRP verifier (hex), the device's own password
  // never leaves the device.
  `CREATE TABLE cognito_devices (
     device_key TEXT PRIMARY KEY,
     pool_id TEXT NOT NULL,
     username_key TEXT NOT NULL,
     group_key TEXT NOT NULL,
     salt TEXT,
     verifier TEXT,
     name TEXT,
     confirmed INTEGER NOT NULL DEFAULT 0,
     remembered INTEGER NOT NULL DEFAULT 0,
     last_ip TEXT,
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL,
     authenticated_at INTEGER NOT NULL,
     FOREIGN KEY (pool_id, username_key) REFERENCES cognito_users(pool_id, username_key) ON DELETE CASCADE);
   CREATE INDEX cognito_devices_by_user ON cognito_devices (pool_id, username_key, device_key);`,
  // Refresh-token rotation (GetTokensFromRefreshToken with the client's RefreshTokenRotation): a rotated
  // token answers for its sign-in until the grace period ends, then is refused as reused.
  `CREATE TABLE cognito_rotated_refresh_tokens (
     token TEXT PRIMARY KEY,
     origin_jti TEXT NOT NULL REFERENCES cognito_refresh_tokens(origin_jti) ON DELETE CASCADE,
     usable_until INTEGER NOT NULL);`,
];

export interface PoolRow {
  id: string;
  account: string;
  region: string;
  name: string;
  doc: string;
  private_jwk: string;
  public_jwk: string;
  tags: string;
}

export interface UserRow {
  pool_id: string;
  username_key: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  attributes: string;
  email: string | null;
  phone_number: string | null;
  preferred_username: string | null;
  salt: string | null;
  verifier: string | null;
  mfa: string;
  failed_attempts: number;
  locked_until: number;
  created_at: number;
  modified_at: number;
}

export interface SessionRow {
  id: string;
  pool_id: string;
  client_id: string;
  username_key: string;
  state: string;
  expires_at: number;
}

export interface RefreshTokenRow {
  origin_jti: string;
  token: string;
  pool_id: string;
  client_id: string;
  username_key: string;
  auth_time: number;
  expires_at: number;
  revoked: number;
}

export interface DeviceRow {
  device_key: string;
  pool_id: string;
  username_key: string;
  group_key: string;
  salt: string | null;
  verifier: string | null;
  name: string | null;
  confirmed: number;
  remembered: number;
  last_ip: string | null;
  created_at: number;
  modified_at: number;
  authenticated_at: number;
}

export interface MessageRow {
  id: number;
  pool_id: string;
  username: string;
  medium: string;
  destination: string;
  trigger_source: string;
  code: string | null;
  subject: string | null;
  message: string;
  sent_at: number;
}

const SQL = {
  pool: 'SELECT * FROM cognito_pools WHERE id = ?',
  poolsAfter: 'SELECT * FROM cognito_pools WHERE account = ? AND region = ? AND id > ? ORDER BY id LIMIT ?',
  insertPool: `INSERT INTO cognito_pools (id, account, region, name, doc, private_jwk, public_jwk, tags)
     VALUES (@id, @account, @region, @name, @doc, @private_jwk, @public_jwk, @tags)`,
  setPoolDoc: 'UPDATE cognito_pools SET doc = ?, name = ? WHERE id = ?',
  setPoolTags: 'UPDATE cognito_pools SET tags = ? WHERE id = ?',
  deletePool: 'DELETE FROM cognito_pools WHERE id = ?',
  client: 'SELECT * FROM cognito_clients WHERE id = ?',
  clientsAfter: 'SELECT * FROM cognito_clients WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?',
  putClient: `INSERT INTO cognito_clients (id, pool_id, doc) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
  deleteClient: 'DELETE FROM cognito_clients WHERE id = ?',
  user: 'SELECT * FROM cognito_users WHERE pool_id = ? AND username_key = ?',
  userBySub: 'SELECT * FROM cognito_users WHERE pool_id = ? AND sub = ?',
  usersByEmail: 'SELECT * FROM cognito_users WHERE pool_id = ? AND email = ?',
  usersByPhone: 'SELECT * FROM cognito_users WHERE pool_id = ? AND phone_number = ?',
  usersByPreferred: 'SELECT * FROM cognito_users WHERE pool_id = ? AND preferred_username = ?',
  usersAfter: 'SELECT * FROM cognito_users WHERE pool_id = ? AND username_key > ? ORDER BY username_key',
  countUsers: 'SELECT count(*) AS n FROM cognito_users WHERE pool_id = ?',
  insertUser: `INSERT INTO cognito_users (pool_id, username_key, username, sub, status, enabled, attributes,
       email, phone_number, preferred_username, salt, verifier, mfa, failed_attempts, locked_until,
       created_at, modified_at)
     VALUES (@pool_id, @username_key, @username, @sub, @status, @enabled, @attributes, @email, @phone_number,
       @preferred_username, @salt, @verifier, @mfa, @failed_attempts, @locked_until, @created_at, @modified_at)`,
  updateUser: `UPDATE cognito_users SET status = @status, enabled = @enabled, attributes = @attributes,
       email = @email, phone_number = @phone_number, preferred_username = @preferred_username, salt = @salt,
       verifier = @verifier, mfa = @mfa, failed_attempts = @failed_attempts, locked_until = @locked_until,
       modified_at = @modified_at
     WHERE pool_id = @pool_id AND username_key = @username_key`,
  deleteUser: 'DELETE FROM cognito_users WHERE pool_id = ? AND username_key = ?',
  group: 'SELECT * FROM cognito_groups WHERE pool_id = ? AND name = ?',
  groupsAfter: 'SELECT * FROM cognito_groups WHERE pool_id = ? AND name > ? ORDER BY name LIMIT ?',
  putGroup: `INSERT INTO cognito_groups (pool_id, name, doc) VALUES (?, ?, ?)
     ON CONFLICT(pool_id, name) DO UPDATE SET doc = excluded.doc`,
  deleteGroup: 'DELETE FROM cognito_groups WHERE pool_id = ? AND name = ?',
  addMember: 'INSERT OR IGNORE INTO cognito_memberships (pool_id, group_name, username_key) VALUES (?, ?, ?)',
  removeMember: 'DELETE FROM cognito_memberships WHERE pool_id = ? AND group_name = ? AND username_key = ?',
  groupsOfUser: `SELECT g.* FROM cognito_memberships m JOIN cognito_groups g
       ON g.pool_id = m.pool_id AND g.name = m.group_name
     WHERE m.pool_id = ? AND m.username_key = ? ORDER BY g.name`,
  membersAfter: `SELECT u.* FROM cognito_memberships m JOIN cognito_users u
       ON u.pool_id = m.pool_id AND u.username_key = m.username_key
     WHERE m.pool_id = ? AND m.group_name = ? AND m.username_key > ? ORDER BY m.username_key LIMIT ?`,
  domain: 'SELECT * FROM cognito_domains WHERE domain = ?',
  domainOfPool: 'SELECT * FROM cognito_domains WHERE pool_id = ?',
  putDomain: `INSERT INTO cognito_domains (domain, pool_id, doc) VALUES (?, ?, ?)
     ON CONFLICT(domain) DO UPDATE SET doc = excluded.doc`,
  deleteDomain: 'DELETE FROM cognito_domains WHERE domain = ?',
  resourceServer: 'SELECT * FROM cognito_resource_servers WHERE pool_id = ? AND identifier = ?',
  resourceServersAfter: `SELECT * FROM cognito_resource_servers WHERE pool_id = ? AND identifier > ?
     ORDER BY identifier LIMIT ?`,
  putResourceServer: `INSERT INTO cognito_resource_servers (pool_id, identifier, doc) VALUES (?, ?, ?)
     ON CONFLICT(pool_id, identifier) DO UPDATE SET doc = excluded.doc`,
  deleteResourceServer: 'DELETE FROM cognito_resource_servers WHERE pool_id = ? AND identifier = ?',
  code: 'SELECT * FROM cognito_codes WHERE pool_id = ? AND username_key = ? AND purpose = ?',
  putCode: `INSERT INTO cognito_codes (pool_id, username_key, purpose, code, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(pool_id, username_key, purpose) DO UPDATE SET code = excluded.code,
       expires_at = excluded.expires_at`,
  deleteCode: 'DELETE FROM cognito_codes WHERE pool_id = ? AND username_key = ? AND purpose = ?',
  insertMessage: `INSERT INTO cognito_messages (pool_id, username, medium, destination, trigger_source, code,
       subject, message, sent_at)
     VALUES (@pool_id, @username, @medium, @destination, @trigger_source, @code, @subject, @message, @sent_at)`,
  messages: 'SELECT * FROM cognito_messages WHERE pool_id = ? ORDER BY id',
  messagesOfUser: 'SELECT * FROM cognito_messages WHERE pool_id = ? AND username = ? ORDER BY id',
  session: 'SELECT * FROM cognito_sessions WHERE id = ?',
  putSession: `INSERT INTO cognito_sessions (id, pool_id, client_id, username_key, state, expires_at)
     VALUES (@id, @pool_id, @client_id, @username_key, @state, @expires_at)`,
  deleteSession: 'DELETE FROM cognito_sessions WHERE id = ?',
  pruneSessions: 'DELETE FROM cognito_sessions WHERE expires_at < ?',
  refreshToken: 'SELECT * FROM cognito_refresh_tokens WHERE token = ?',
  refreshByOrigin: 'SELECT * FROM cognito_refresh_tokens WHERE origin_jti = ?',
  insertRefresh: `INSERT INTO cognito_refresh_tokens (origin_jti, token, pool_id, client_id, username_key,
       auth_time, expires_at)
     VALUES (@origin_jti, @token, @pool_id, @client_id, @username_key, @auth_time, @expires_at)`,
  revokeRefresh: 'UPDATE cognito_refresh_tokens SET revoked = 1 WHERE origin_jti = ?',
  revokeUser: 'UPDATE cognito_refresh_tokens SET revoked = 1 WHERE pool_id = ? AND username_key = ?',
  oauthCode: 'SELECT * FROM cognito_oauth_codes WHERE code = ?',
  putOAuthCode: `INSERT INTO cognito_oauth_codes (code, pool_id, client_id, username_key, request, auth_time,
       expires_at)
     VALUES (@code, @pool_id, @client_id, @username_key, @request, @auth_time, @expires_at)`,
  deleteOAuthCode: 'DELETE FROM cognito_oauth_codes WHERE code = ?',
  pruneOAuthCodes: 'DELETE FROM cognito_oauth_codes WHERE expires_at < ?',
  oauthGrant: 'SELECT scopes FROM cognito_oauth_grants WHERE origin_jti = ?',
  putOAuthGrant: 'INSERT OR REPLACE INTO cognito_oauth_grants (origin_jti, scopes) VALUES (?, ?)',
  oauthSession: 'SELECT * FROM cognito_oauth_sessions WHERE id = ?',
  putOAuthSession: `INSERT INTO cognito_oauth_sessions (id, pool_id, username_key, auth_time, expires_at)
     VALUES (@id, @pool_id, @username_key, @auth_time, @expires_at)`,
  deleteOAuthSession: 'DELETE FROM cognito_oauth_sessions WHERE id = ?',
  pruneOAuthSessions: 'DELETE FROM cognito_oauth_sessions WHERE expires_at < ?',
  device: 'SELECT * FROM cognito_devices WHERE device_key = ?',
  devicesAfter: `SELECT * FROM cognito_devices WHERE pool_id = ? AND username_key = ? AND confirmed = 1
       AND device_key > ? ORDER BY device_key LIMIT ?`,
  insertDevice: `INSERT INTO cognito_devices (device_key, pool_id, username_key, group_key, created_at,
       modified_at, authenticated_at)
     VALUES (@device_key, @pool_id, @username_key, @group_key, @created_at, @modified_at, @authenticated_at)`,
  updateDevice: `UPDATE cognito_devices SET salt = @salt, verifier = @verifier, name = @name,
       confirmed = @confirmed, remembered = @remembered, last_ip = @last_ip, modified_at = @modified_at,
       authenticated_at = @authenticated_at
     WHERE device_key = @device_key`,
  deleteDevice: 'DELETE FROM cognito_devices WHERE device_key = ?',
  rotatedRefresh: 'SELECT * FROM cognito_rotated_refresh_tokens WHERE token = ?',
  insertRotated:
    'INSERT OR REPLACE INTO cognito_rotated_refresh_tokens (token, origin_jti, usable_until) VALUES (?, ?, ?)',
  rotateRefresh: 'UPDATE cognito_refresh_tokens SET token = ?, expires_at = ? WHERE origin_jti = ?',
  deleteAll: `DELETE FROM cognito_devices; DELETE FROM cognito_rotated_refresh_tokens; DELETE FROM cognito_sessions; DELETE FROM cognito_refresh_tokens; DELETE FROM cognito_messages;
     DELETE FROM cognito_pools;`,
};

export type CognitoStatements = { readonly [K in Exclude<keyof typeof SQL, 'deleteAll'>]: Statement } & {
  /** Several statements, run with exec(). */
  readonly deleteAll: string;
};

export function cognitoStatements(store: Store): CognitoStatements {
  const { deleteAll, ...prepared } = SQL;
  return { ...prepareAll(store, prepared), deleteAll };
}
