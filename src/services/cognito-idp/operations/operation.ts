// The Cognito user pools operation factory and what several operations share: page tokens, dates as
// awsJson writes them, and the pool a management call names in the caller's account.

import { epochSeconds } from '../../../core/clock.js';
import { operationFor, type RequestContext } from '../../../core/service.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { invalidNextToken } from '../errors.js';
import type { PoolDoc } from '../pools/pool.js';

export const operation = operationFor<CognitoIdp>();

/** Page tokens carry the last key of the page before, so a deletion between pages skips nothing. */
export function pageToken(kind: string, after: string): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

export function afterToken(kind: string, token: string | undefined): string {
  if (token === undefined) return '';
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      a?: unknown;
    };
    if (parsed.k === kind && typeof parsed.a === 'string') return parsed.a;
  } catch {
    // Falls through to the error below.
  }
  throw invalidNextToken();
}

/** A page of `limit` from rows read one beyond it: the rows and the token for the next page. */
export function page<T>(rows: readonly T[], limit: number, kind: string, keyOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  const more = rows.length > limit && items.length > 0;
  return { items, next: more ? pageToken(kind, keyOf(items[items.length - 1]!)) : undefined };
}

/** The pool the caller's account holds, or ResourceNotFoundException. */
export function poolOf(cognito: CognitoIdp, poolId: string, ctx: RequestContext): Pool {
  return cognito.requirePool(poolId, ctx.account);
}

/** UserPoolType as DescribeUserPool answers it. */
export function describePool(cognito: CognitoIdp, pool: Pool): Record<string, unknown> {
  // The factors of SetUserPoolMfaConfig live in the document but are GetUserPoolMfaConfig's to answer.
  const { SoftwareTokenMfaConfiguration, EmailMfaConfiguration, SmsMfaConfiguration, ...doc }: PoolDoc =
    pool.doc;
  const domain = cognito.sql.domainOfPool.get(pool.row.id) as { domain: string } | undefined;
  return {
    ...doc,
    CreationDate: epochSeconds(doc.CreationDate),
    LastModifiedDate: epochSeconds(doc.LastModifiedDate),
    EstimatedNumberOfUsers: cognito.userCount(pool.row.id),
    ...(domain ? { Domain: domain.domain } : {}),
  };
}
