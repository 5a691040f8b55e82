// The Cognito identity operation factory and what several operations share: finding the pool or
// identity a request names, a pool as the API shows it, and page tokens.

import { operationFor, type RequestContext } from '../../../core/service.js';
import type { CognitoIdentity, Pool } from '../cognito-identity.js';
import { identityNotFound, invalidNextToken, poolNotFound } from '../errors.js';
import type { IdentityRow, LoginRow } from '../store.js';

export const operation = operationFor<CognitoIdentity>();

/** A pool of the caller's account and region (the administrative operations are signed). */
export function requirePool(engine: CognitoIdentity, id: string, ctx: RequestContext): Pool {
  const pool = engine.findPool(id);
  if (!pool || pool.account !== ctx.account || pool.region !== ctx.region) throw poolNotFound(id);
  return pool;
}

/** A pool named by an unsigned call (GetId and the calls after it): its id alone finds it. */
export function requirePublicPool(engine: CognitoIdentity, id: string): Pool {
  const pool = engine.findPool(id);
  if (!pool) throw poolNotFound(id);
  return pool;
}

export function requireIdentity(engine: CognitoIdentity, id: string): { identity: IdentityRow; pool: Pool } {
  const identity = engine.findIdentity(id);
  const pool = identity && engine.findPool(identity.pool_id);
  if (!identity || !pool) throw identityNotFound(id);
  return { identity, pool };
}

/** An IdentityPool as Create, Describe and Update answer it. */
export function poolOutput(pool: Pool) {
  return { IdentityPoolId: pool.id, ...pool.config, IdentityPoolTags: pool.tags };
}

/** An IdentityDescription: the provider names of its logins (the developer provider's included). */
export function identityOutput(identity: IdentityRow, logins: readonly LoginRow[]) {
  return {
    IdentityId: identity.id,
    Logins: [...new Set(logins.map((login) => login.provider))],
    CreationDate: identity.created_at / 1000,
    LastModifiedDate: identity.modified_at / 1000,
  };
}

/** Tokens carry the sequence number of the last entry of the page before, so that a deletion between
 * pages never skips or repeats one; the kind is in it so one list's token is refused by another. */
export function encodeToken(kind: string, after: number): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

export function decodeToken(kind: string, token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      a?: unknown;
    };
    if (parsed.k === kind && typeof parsed.a === 'number') return parsed.a;
  } catch {
    // Falls through to the error below.
  }
  throw invalidNextToken();
}
