// The API Gateway v2 operation factory and what several operations share: dropping members a request
// left out, paging the Get…s lists, and the API a request names.

import { operationFor } from '../../../core/service.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import { badRequest } from '../errors.js';

export const operation = operationFor<ApiGatewayV2>();

export type Engine = ApiGatewayV2;

/** The members of `values` that were given, for a create or update to spread over a document. */
export function given<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A page of `items` from NextToken (an offset, opaque to clients) for MaxResults (default all). */
export function page<T>(
  items: readonly T[],
  input: { MaxResults?: string; NextToken?: string },
): { Items: T[]; NextToken?: string } {
  const start =
    input.NextToken === undefined ? 0 : Number(Buffer.from(input.NextToken, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid pagination token');
  // An empty list is a page too: `items.length` alone would refuse it as maxResults 0.
  const max = input.MaxResults === undefined ? Math.max(items.length, 1) : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1) throw badRequest('Invalid maxResults');
  const end = start + max;
  return {
    Items: items.slice(start, end),
    ...(end < items.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}
