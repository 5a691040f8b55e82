// Lambda's Marker/MaxItems pagination: the marker is opaque to clients; here it is the last item's key.
// https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html#API_ListFunctions_RequestSyntax

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';

export const pageMembers = {
  Marker: s.optional(s.string(), { querystring: 'Marker' }),
  MaxItems: s.optional(s.integer({ min: 1, max: 10000 }), { querystring: 'MaxItems' }),
};

const DEFAULT_PAGE = 50;

export function page<T>(
  all: readonly T[],
  input: { Marker?: string; MaxItems?: number },
  keyOf: (item: T) => string,
): { items: T[]; next: string | undefined } {
  let start = 0;
  if (input.Marker !== undefined) {
    const after = Buffer.from(input.Marker, 'base64url').toString('utf8');
    const index = all.findIndex((item) => keyOf(item) === after);
    if (index === -1) throw new ServiceError('InvalidParameterValueException', 'Invalid marker value.');
    start = index + 1;
  }
  const size = input.MaxItems ?? DEFAULT_PAGE;
  const items = all.slice(start, start + size);
  const last = items[items.length - 1];
  const next =
    start + size < all.length && last !== undefined
      ? Buffer.from(keyOf(last)).toString('base64url')
      : undefined;
  return { items, next };
}
