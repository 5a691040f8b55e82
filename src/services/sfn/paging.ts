// Step Functions' paging for every List operation and GetExecutionHistory: opaque nextTokens naming the
// operation and the key or offset the next page starts after, and AWS's page sizes ("The default is 100 and the maximum allowed page size is 1000.
// A value of 0 uses the default.", API_ListStateMachines.html).

import { invalidToken } from './errors.js';

export const DEFAULT_PAGE = 100;

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/** One page of rows after the token's key: `fetch(after, limit)` reads `limit` rows past `after` (the
 * `start` key for the first page), `keyOf` names the key a row continues from. */
export function pageAfter<T, K extends string | number = string>(
  kind: string,
  nextToken: string | undefined,
  maxResults: number | undefined,
  fetch: (after: K, limit: number) => T[],
  keyOf: (row: T) => K,
  start: K = '' as K,
): Page<T> {
  const size = maxResults ? maxResults : DEFAULT_PAGE;
  const after = nextToken === undefined ? start : (decode(kind, nextToken) as K);
  const rows = fetch(after, size + 1);
  if (rows.length <= size) return { items: rows };
  const items = rows.slice(0, size);
  return { items, nextToken: encode(kind, keyOf(items[items.length - 1]!)) };
}

/** One page of an in-memory list (aliases, a machine's few): the token holds the offset. */
export function pageOf<T>(
  kind: string,
  all: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): Page<T> {
  const size = maxResults ? maxResults : DEFAULT_PAGE;
  const offset = nextToken === undefined ? 0 : Number(decode(kind, nextToken));
  if (!Number.isInteger(offset) || offset < 0) throw invalidToken();
  const items = all.slice(offset, offset + size);
  return offset + size < all.length ? { items, nextToken: encode(kind, offset + size) } : { items };
}

function encode(kind: string, after: string | number): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

/** InvalidToken "Invalid Token: 'Invalid token'" for a token Nimbus did not make for this operation. */
function decode(kind: string, token: string): string | number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const record = parsed as { k?: unknown; a?: unknown } | null;
  if (!record || record.k !== kind || (typeof record.a !== 'string' && typeof record.a !== 'number')) {
    throw invalidToken();
  }
  return record.a;
}
