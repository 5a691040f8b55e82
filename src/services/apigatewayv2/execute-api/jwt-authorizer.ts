// JWT authorizers of HTTP APIs: the token from the identity source (alone or after `Bearer `), its RSA
// signature checked against the issuer's JWKS (cached two hours on the cloud clock, refetched once for an
// unknown `kid`), then iss, aud (or client_id when there is no aud), exp, nbf and iat, and the route's
// AuthorizationScopes against `scope`/`scp`. Refusals are 401 `{"message":"Unauthorized"}` with the
// `www-authenticate` challenge AWS sends, or 403 `{"message":"Forbidden"}` for missing scopes.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html

import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import type { MountResponse } from '../../../core/service.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import type { AuthorizerDoc } from '../documents.js';
import { type AuthorizerOutput, gatewayResponse, type Invocation } from './invocation.js';
import { lookup } from './mapping.js';

/** "API Gateway can cache the public key for two hours" (the page above). */
const JWKS_TTL_MS = 2 * 60 * 60 * 1000;
/** "Currently, only RSA-based algorithms are supported." */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

export async function jwtAuthorize(
  engine: ApiGatewayV2,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
): Promise<AuthorizerOutput | MountResponse> {
  const source = authorizer.IdentitySource[0] ?? '$request.header.Authorization';
  const raw = lookup(source.replace(/^\$/, ''), invocation)?.trim();
  if (!raw) return unauthorized();
  const token = raw.replace(/^Bearer\s+/i, '');
  const issuer = authorizer.JwtConfiguration?.Issuer ?? '';
  let claims: JWTPayload;
  try {
    claims = await verify(engine, token, issuer, invocation.now);
  } catch (error) {
    return unauthorized(describe(error));
  }
  const audiences = authorizer.JwtConfiguration?.Audience ?? [];
  // "API Gateway validates client_id only if aud is not present." (troubleshooting page)
  const aud = claims.aud === undefined ? [claims.client_id] : [claims.aud].flat();
  if (!aud.some((value) => typeof value === 'string' && audiences.includes(value))) {
    return unauthorized('the token does not have a valid audience');
  }
  if (typeof claims.iat === 'number' && claims.iat * 1000 > invocation.now) {
    return unauthorized('the token was issued in the future');
  }
  const required = invocation.route.AuthorizationScopes ?? [];
  const granted = tokenScopes(claims);
  if (required.length > 0 && !required.some((scope) => granted.includes(scope))) {
    return gatewayResponse(403, 'Forbidden', {
      'www-authenticate': `Bearer scope="${required.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${required.join(' ')}]"`,
    });
  }
  const stringClaims = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, claimText(value)]),
  );
  // Scopes are handed on only for a route that asks for some; otherwise `null`, as AWS sends it.
  const scopes = required.length > 0 ? granted : null;
  return {
    v2: { jwt: { claims: stringClaims, scopes } },
    v1: { claims: stringClaims, scopes },
    values: { claims: stringClaims, scopes },
  };
}

async function verify(engine: ApiGatewayV2, token: string, issuer: string, now: number): Promise<JWTPayload> {
  const options = { issuer, algorithms: ALGORITHMS, currentDate: new Date(now) };
  const keys = await issuerKeys(engine, issuer, now, false);
  try {
    return (await jwtVerify(token, createLocalJWKSet(keys), options)).payload;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
    // A key the cache does not know yet: the issuer may have rotated keys since it was fetched.
    const fresh = await issuerKeys(engine, issuer, now, true);
    return (await jwtVerify(token, createLocalJWKSet(fresh), options)).payload;
  }
}

/** The issuer's key set: its discovery document's `jwks_uri`, else `<issuer>/.well-known/jwks.json`
 * (where Cognito and most issuers serve it). */
async function issuerKeys(
  engine: ApiGatewayV2,
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
function tokenScopes(claims: JWTPayload): string[] {
  const value = claims.scope ?? claims.scp;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** Claims reach the function as strings (`"exp": "1787996002"`); lists as `[a b]`, as AWS writes them. */
function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** AWS's wording where documented or observed ("the token does not have a valid audience", "the token
 * has expired"); the others are modelled on them. */
function describe(error: unknown): string {
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

/** 401 with the challenge: `Bearer` alone when no token came (RFC 6750 §3.1), else the reason. */
function unauthorized(reason?: string): MountResponse {
  const challenge =
    reason === undefined ? 'Bearer' : `Bearer scope="" error="invalid_token" error_description="${reason}"`;
  return gatewayResponse(401, 'Unauthorized', { 'www-authenticate': challenge });
}
