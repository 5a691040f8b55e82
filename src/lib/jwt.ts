// Verifying a JWT as API Gateway's JWT and Cognito authorizers do: its RSA signature against the issuer's
// JWKS (found through the discovery document's `jwks_uri`, else `<issuer>/.well-known/jwks.json`; cached
// two hours on the cloud clock, fetched again once for an unknown `kid`), issuer, exp and nbf on the cloud
// clock; the scopes a token grants and its claims as API Gateway hands them on. HTTP APIs' JWT authorizers
// and REST APIs' COGNITO_USER_POOLS authorizers share it.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html

import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

/** Whatever keeps the key sets: issuer JWKS documents by issuer, with the cloud time they were fetched. */
export interface JwksHolder {
  readonly jwks: Map<string, { fetchedAt: number; keys: JSONWebKeySet }>;
}

/** "API Gateway can cache the public key for two hours" (the page above). */
const JWKS_TTL_MS = 2 * 60 * 60 * 1000;
/** "Currently, only RSA-based algorithms are supported." */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

export async function verifyJwt(
  engine: JwksHolder,
  token: string,
  issuer: string,
  now: number,
  /** Where the issuer publishes its keys when that is not `issuer` itself (a Cognito user pool's token
   * naming AWS's `https://cognito-idp…` issuer, verified against Nimbus's pool: cognito-identity). */
  keysFrom = issuer,
): Promise<JWTPayload> {
  const options = { issuer, algorithms: ALGORITHMS, currentDate: new Date(now) };
  const keys = await issuerKeys(engine, keysFrom, now, false);
  try {
    return (await jwtVerify(token, createLocalJWKSet(keys), options)).payload;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
    // A key the cache does not know yet: the issuer may have rotated keys since it was fetched.
    const fresh = await issuerKeys(engine, keysFrom, now, true);
    return (await jwtVerify(token, createLocalJWKSet(fresh), options)).payload;
  }
}

/** The issuer's key set: its discovery document's `jwks_uri`, else `<issuer>/.well-known/jwks.json`
 * (where Cognito and most issuers serve it). */
async function issuerKeys(
  engine: JwksHolder,
  issuer: string,
  now: number,
  refresh: boolean,
): Promise<JSONWebKeySet> {
  const cached = engine.jwks.get(issuer);
  if (cached && !refresh && now - cached.fetchedAt < JWKS_TTL_MS) return cached.keys;
  const base = issuer.replace(/\/+$/, '');
  let uri = `${base}/.well-known/jwks.json`;
  const discovery = await fetchJson(`${base}/.well-known/openid-configuration`).catch(() => undefined);
  const discovered = (discovery as { jwks_uri?: unknown } | undefined)?.jwks_uri;
  if (typeof discovered === 'string') uri = discovered;
  const keys = (await fetchJson(uri)) as JSONWebKeySet;
  if (!Array.isArray(keys?.keys)) throw new Error(`no JWKS at ${uri}`);
  engine.jwks.set(issuer, { fetchedAt: now, keys });
  return keys;
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** `scope` (space-separated, OAuth 2.0) or `scp` (a list, or space-separated). */
export function tokenScopes(claims: JWTPayload): string[] {
  const value = claims.scope ?? claims.scp;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** Claims reach the function as strings (`"exp": "1787996002"`); lists as `[a b]`, as AWS writes them. */
export function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** AWS's wording where documented or observed ("the token does not have a valid audience", "the token
 * has expired"); the others are modelled on them. */
export function describeJwtError(error: unknown): string {
  const { code, claim } = error as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss')
    return 'the token does not have a valid issuer';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf') return 'the token is not valid yet';
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return 'signing method is invalid';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'the token signature is invalid';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'the token was signed by an unknown key';
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return 'the token is malformed';
  return 'unable to verify the token';
}
