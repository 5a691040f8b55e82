// The API Gateway (REST APIs) operation factory and what several operations share: members a request gave,
// paging the Get…s lists (`position` and `limit`, 25 by default and at most 500), and the patch operations
// of every Update….
// https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html

import { operationFor } from '../../../core/service.js';
import type { ApiGateway } from '../apigateway.js';
import { badRequest } from '../errors.js';

export const operation = operationFor<ApiGateway>();

export type Engine = ApiGateway;

/** The members of `values` that were given, for a create to spread over a document. */
export function given<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A page of `items` from `position` (an offset, opaque to clients) for `limit`. */
export function page<T>(
  items: readonly T[],
  input: { position?: string; limit?: number },
): { items: T[]; position?: string } {
  const start =
    input.position === undefined ? 0 : Number(Buffer.from(input.position, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid position parameter');
  const limit = input.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw badRequest(
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
    );
  }
  const end = start + limit;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { position: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}
