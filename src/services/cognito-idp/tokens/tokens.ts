// The tokens a sign-in ends with: an ID token and an access token (RS256 JWTs signed with the pool's key,
// with the claims AWS issues) and an opaque refresh token kept in the store, all valid for the app
// client's durations on the cloud clock; and the check of an access token that GetUser, ChangePassword and
// the sign-out calls make.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html

import { randomUUID } from 'node:crypto';
import { decodeJwt, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { attributesOf, type ClientDoc, type CognitoIdp, type Pool } from '../cognito.js';
import { notAuthorized, userNotFound } from '../errors.js';
import { opaqueToken } from '../names.js';
import type { UserRow } from '../store.js';

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  IdToken: string;
  RefreshToken?: string;
  /** A pool that remembers devices hands a new device its keys (NewDeviceMetadataType). */
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

/** What PreTokenGeneration may change (V1 claimsOverrideDetails, V2 claimsAndScopeOverrideDetails). */
export interface ClaimsOverride {
  idAdd?: Record<string, unknown>;
  idSuppress?: string[];
  accessAdd?: Record<string, unknown>;
  accessSuppress?: string[];
  scopesAdd?: string[];
  scopesSuppress?: string[];
  groups?: { groupsToOverride?: string[]; iamRolesToOverride?: string[]; preferredRole?: string };
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** Seconds a token of this kind lives for the client (defaults: an hour, and 30 days for refresh). */
export function validitySeconds(client: ClientDoc, kind: 'AccessToken' | 'IdToken' | 'RefreshToken'): number {
  const units = (client.TokenValidityUnits as Record<string, string> | undefined) ?? {};
  const given = client[`${kind}Validity`] as number | undefined;
  const unit = units[kind] ?? (kind === 'RefreshToken' ? 'days' : 'hours');
  if (given === undefined) return kind === 'RefreshToken' ? 30 * 86_400 : 3600;
  return given * (UNIT_SECONDS[unit] ?? 1);
}

/** Signs a new pair (and a refresh token when `refresh` holds no existing one) for a signed-in user. */
export async function issueTokens(
  cognito: CognitoIdp,
  pool: Pool,
  client: ClientDoc,
  user: UserRow,
  options: {
    authTimeMs?: number;
    originJti?: string;
    override?: ClaimsOverride;
    withRefreshToken: boolean;
    /** The access token's scopes before the trigger's changes (the OAuth endpoints grant others). */
    scopes?: readonly string[];
    /** The authorize request's nonce, which the ID token repeats (OpenID Connect). */
    nonce?: string;
  },
): Promise<AuthenticationResult> {
  const now = cognito.clock.now();
  const iat = Math.floor(now / 1000);
  const authTime = Math.floor((options.authTimeMs ?? now) / 1000);
  const originJti = options.originJti ?? randomUUID();
  const override = options.override ?? {};
  const groups = override.groups?.groupsToOverride ?? groupNames(cognito, user);
  const issuer = cognito.issuer(pool.row.id);
  const eventId = randomUUID();
  const key = await signingKey(cognito, pool);
  const kid = (JSON.parse(pool.row.public_jwk) as JWK).kid;
  const accessLife = validitySeconds(client, 'AccessToken');
  const idLife = validitySeconds(client, 'IdToken');
  const scopes = [
    ...[...(options.scopes ?? ['aws.cognito.signin.user.admin']), ...(override.scopesAdd ?? [])].filter(
      (scope) => !override.scopesSuppress?.includes(scope),
    ),
  ];
  const accessClaims: Record<string, unknown> = {
    sub: user.sub,
    ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
    iss: issuer,
    client_id: client.ClientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: authTime,
    exp: iat + accessLife,
    iat,
    jti: randomUUID(),
    username: user.username,
  };
  applyOverride(accessClaims, override.accessAdd, override.accessSuppress);
  const idClaims: Record<string, unknown> = {
    sub: user.sub,
    ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
    ...rolesOf(cognito, user, override),
    ...userClaims(user),
    iss: issuer,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.ClientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: iat + idLife,
    iat,
    jti: randomUUID(),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
  };
  applyOverride(idClaims, override.idAdd, override.idSuppress);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  const result: AuthenticationResult = {
    AccessToken: await sign(accessClaims),
    ExpiresIn: accessLife,
    TokenType: 'Bearer',
    IdToken: await sign(idClaims),
  };
  if (options.withRefreshToken) {
    const token = opaqueToken(96);
    cognito.insertRefreshToken({
      origin_jti: originJti,
      token,
      pool_id: pool.row.id,
      client_id: client.ClientId,
      username_key: user.username_key,
      auth_time: authTime * 1000,
      expires_at: now + validitySeconds(client, 'RefreshToken') * 1000,
    });
    result.RefreshToken = token;
  }
  return result;
}

export interface AccessTokenHolder {
  readonly pool: Pool;
  readonly user: UserRow;
  readonly claims: JWTPayload;
}

/** The pool and user an access token stands for, or NotAuthorizedException in AWS's words. */
export async function requireAccessToken(cognito: CognitoIdp, token: string): Promise<AccessTokenHolder> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw notAuthorized('Invalid Access Token');
  }
  const poolId =
    String(unverified.iss ?? '')
      .split('/')
      .pop() ?? '';
  const pool = cognito.findPool(poolId);
  if (!pool || unverified.token_use !== 'access') throw notAuthorized('Invalid Access Token');
  let claims: JWTPayload;
  try {
    // The pool's key decides; the issuer's host is the cloud's endpoint of the day, so a token issued
    // before a restart on another port still names this pool by its path.
    ({ payload: claims } = await jwtVerify(token, await cognito.importedKey(pool, 'public'), {
      currentDate: new Date(cognito.clock.now()),
    }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED')
      throw notAuthorized('Access Token has expired');
    throw notAuthorized('Invalid Access Token');
  }
  if (!cognito.originStands(String(claims.origin_jti))) throw notAuthorized('Access Token has been revoked');
  const user = cognito.sql.userBySub.get(poolId, claims.sub) as UserRow | undefined;
  if (!user) throw userNotFound();
  if (user.enabled === 0) throw notAuthorized('User is disabled.');
  return { pool, user, claims };
}

/** The user's attributes as ID-token claims: booleans and numbers typed as AWS types them. */
function userClaims(user: UserRow): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const { Name, Value } of attributesOf(user)) {
    if (Name === 'sub' || Name.startsWith('dev:')) continue;
    if (Name === 'email_verified' || Name === 'phone_number_verified') claims[Name] = Value === 'true';
    else if (Name === 'updated_at') claims[Name] = Number(Value);
    else claims[Name] = Value;
  }
  return claims;
}

function groupNames(cognito: CognitoIdp, user: UserRow): string[] {
  return groupsOf(cognito, user).map((group) => group.GroupName as string);
}

/** The user's groups by precedence (lowest first), as cognito:preferred_role picks them. */
export function groupsOf(cognito: CognitoIdp, user: UserRow): Record<string, unknown>[] {
  const rows = cognito.sql.groupsOfUser.all(user.pool_id, user.username_key) as { doc: string }[];
  return rows.map((row) => JSON.parse(row.doc) as Record<string, unknown>);
}

function rolesOf(cognito: CognitoIdp, user: UserRow, override: ClaimsOverride): Record<string, unknown> {
  const groups = groupsOf(cognito, user);
  const roles =
    override.groups?.iamRolesToOverride ?? groups.flatMap((group) => (group.RoleArn ? [group.RoleArn] : []));
  if (roles.length === 0) return {};
  const preferred =
    override.groups?.preferredRole ??
    [...groups]
      .filter((group) => group.RoleArn)
      .sort((a, b) => Number(a.Precedence ?? Infinity) - Number(b.Precedence ?? Infinity))[0]?.RoleArn;
  return { 'cognito:roles': roles, ...(preferred ? { 'cognito:preferred_role': preferred } : {}) };
}

/** Claims AWS never lets a trigger change (PreTokenGeneration's documented exclusions). */
const PROTECTED = new Set([
  'acr',
  'amr',
  'aud',
  'auth_time',
  'azp',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
  'at_hash',
  'event_id',
  'client_id',
  'cognito:username',
  'username',
  'scope',
]);

function applyOverride(claims: Record<string, unknown>, add?: Record<string, unknown>, suppress?: string[]) {
  for (const [name, value] of Object.entries(add ?? {})) if (!PROTECTED.has(name)) claims[name] = value;
  for (const name of suppress ?? []) if (!PROTECTED.has(name)) delete claims[name];
}

/** The pool's private key, imported once per engine (CognitoIdp.importedKey). */
export function signingKey(cognito: CognitoIdp, pool: Pool) {
  return cognito.importedKey(pool, 'private');
}
