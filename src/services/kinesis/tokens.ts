// NextTokens: opaque base64url JSON naming the operation they page, where the next page starts and when
// they were made, so a token cannot be replayed on another operation and ListShards' expire as AWS's do
// ("tokens expire after 300 seconds", API_ListShards.html).

import { ServiceError } from '../../core/errors.js';
import { invalidArgument } from './errors.js';

export const TOKEN_TTL_MS = 300_000;

export function encodeToken(kind: string, payload: Record<string, unknown>, now: number): string {
  return Buffer.from(JSON.stringify({ k: kind, t: now, ...payload })).toString('base64url');
}

/** The token's payload; InvalidArgumentException for one Nimbus did not make for `kind`,
 * ExpiredNextTokenException for one older than `ttlMs`. */
export function decodeToken(
  kind: string,
  token: string,
  now: number,
  ttlMs?: number,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const record = parsed as { k?: unknown; t?: unknown } | undefined;
  if (typeof record !== 'object' || record === null || record.k !== kind || typeof record.t !== 'number') {
    throw invalidArgument(`Invalid NextToken: ${token}`);
  }
  if (ttlMs !== undefined && now - record.t > ttlMs) {
    throw new ServiceError('ExpiredNextTokenException', 'The provided NextToken has expired.');
  }
  return record as Record<string, unknown>;
}
