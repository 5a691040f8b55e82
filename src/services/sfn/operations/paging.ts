// Step Functions' pagination: nextToken is an opaque offset into the listing; a token that is not one of
// ours answers InvalidToken, as the service does. maxResults 0 or absent means the default page of 100
// ("The default is 100 and the maximum allowed page size is 1000", every List* operation).

import { invalidToken } from '../errors.js';

export const DEFAULT_PAGE = 100;

export function page<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
  const size = maxResults && maxResults > 0 ? maxResults : DEFAULT_PAGE;
  const offset = nextToken === undefined ? 0 : decode(nextToken);
  const slice = items.slice(offset, offset + size);
  const more = offset + size < items.length;
  return { items: slice, ...(more ? { nextToken: encode(offset + size) } : {}) };
}

function encode(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decode(token: string): number {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof value.offset === 'number' && Number.isInteger(value.offset) && value.offset >= 0)
      return value.offset;
  } catch {
    // falls through to InvalidToken
  }
  throw invalidToken(token);
}
