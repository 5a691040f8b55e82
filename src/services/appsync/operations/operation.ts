// The AppSync operation factory and what several operations share: the members a request gave, and
// paging the List… operations by nextToken.

import { operationFor } from '../../../core/service.js';
import type { AppSync } from '../appsync.js';
import { badRequest } from '../errors.js';

export const operation = operationFor<AppSync>();

export type Engine = AppSync;

/** The members of `values` that were given, for a create or update to spread over a document. */
export function given<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A page of `items` from nextToken (an offset, opaque to clients) for maxResults (AppSync's default 25). */
export function page<T>(
  items: readonly T[],
  input: { maxResults?: number; nextToken?: string },
): { items: T[]; nextToken?: string } {
  const start =
    input.nextToken === undefined ? 0 : Number(Buffer.from(input.nextToken, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid pagination token.');
  const end = start + (input.maxResults || 25);
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}
