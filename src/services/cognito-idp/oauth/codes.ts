// The state the OAuth endpoints keep in SQLite, on the cloud clock: authorization codes (single use, five
// minutes, bound to the client, redirect URI, scopes and PKCE challenge of their authorize request), the
// scopes a refresh token's sign-in was granted (a refresh keeps them), and the hosted sign-in page's
// session (the `cognito` cookie that lets a second authorize request skip the form, for an hour).
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html

import type { ClientDoc, CognitoIdp, Pool } from '../cognito.js';
import { opaqueToken } from '../names.js';
import type { UserRow } from '../store.js';

/** "The authorization code is valid for five minutes." */
const CODE_LIFE_MS = 5 * 60_000;
/** The managed login session cookie lasts an hour. */
const SESSION_LIFE_MS = 60 * 60_000;

/** What an authorization code remembers of the authorize request that made it. */
export interface CodeRequest {
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  readonly nonce?: string;
}

export interface CodeGrant extends CodeRequest {
  readonly poolId: string;
  readonly clientId: string;
  readonly usernameKey: string;
  readonly authTimeMs: number;
}

interface CodeRow {
  code: string;
  pool_id: string;
  client_id: string;
  username_key: string;
  request: string;
  auth_time: number;
  expires_at: number;
}

export function issueCode(
  cognito: CognitoIdp,
  client: ClientDoc,
  user: UserRow,
  authTimeMs: number,
  request: CodeRequest,
): string {
  const now = cognito.clock.now();
  cognito.sql.pruneOAuthCodes.run(now);
  const code = opaqueToken(24);
  cognito.sql.putOAuthCode.run({
    code,
    pool_id: user.pool_id,
    client_id: client.ClientId,
    username_key: user.username_key,
    request: JSON.stringify(request),
    auth_time: authTimeMs,
    expires_at: now + CODE_LIFE_MS,
  });
  return code;
}

/** The code's grant, used up whatever follows: a code is redeemed once (RFC 6749 §4.1.2). */
export function takeCode(cognito: CognitoIdp, code: string): CodeGrant | undefined {
  const row = cognito.sql.oauthCode.get(code) as CodeRow | undefined;
  if (!row) return undefined;
  cognito.sql.deleteOAuthCode.run(code);
  if (row.expires_at < cognito.clock.now()) return undefined;
  return {
    ...(JSON.parse(row.request) as CodeRequest),
    poolId: row.pool_id,
    clientId: row.client_id,
    usernameKey: row.username_key,
    authTimeMs: row.auth_time,
  };
}

export function rememberScopes(cognito: CognitoIdp, originJti: string, scopes: readonly string[]): void {
  cognito.sql.putOAuthGrant.run(originJti, JSON.stringify(scopes));
}

/** The scopes the sign-in behind a refresh token was granted; undefined for one from InitiateAuth. */
export function rememberedScopes(cognito: CognitoIdp, originJti: string): string[] | undefined {
  const row = cognito.sql.oauthGrant.get(originJti) as { scopes: string } | undefined;
  return row && (JSON.parse(row.scopes) as string[]);
}

export function newHostedSession(cognito: CognitoIdp, user: UserRow, authTimeMs: number): string {
  const now = cognito.clock.now();
  cognito.sql.pruneOAuthSessions.run(now);
  const id = opaqueToken(32);
  cognito.sql.putOAuthSession.run({
    id,
    pool_id: user.pool_id,
    username_key: user.username_key,
    auth_time: authTimeMs,
    expires_at: now + SESSION_LIFE_MS,
  });
  return id;
}

/** The signed-in user of a live session of this pool (enabled and confirmed), if any. */
export function hostedSession(
  cognito: CognitoIdp,
  pool: Pool,
  id: string | undefined,
): { user: UserRow; authTimeMs: number } | undefined {
  if (!id) return undefined;
  const row = cognito.sql.oauthSession.get(id) as
    | { pool_id: string; username_key: string; auth_time: number; expires_at: number }
    | undefined;
  if (!row || row.pool_id !== pool.row.id || row.expires_at < cognito.clock.now()) return undefined;
  const user = cognito.sql.user.get(pool.row.id, row.username_key) as UserRow | undefined;
  if (!user || user.enabled === 0 || user.status !== 'CONFIRMED') return undefined;
  return { user, authTimeMs: row.auth_time };
}

export function endHostedSession(cognito: CognitoIdp, id: string | undefined): void {
  if (id) cognito.sql.deleteOAuthSession.run(id);
}

export function sessionCookie(name: string, value: string, path: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=${path || '/'}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}

export const SESSION_COOKIE = 'cognito';
export const SESSION_MAX_AGE_SECONDS = SESSION_LIFE_MS / 1000;
