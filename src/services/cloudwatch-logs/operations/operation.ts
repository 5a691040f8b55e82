// The CloudWatch Logs operation factory, the input shapes several operations share, and offset paging.

import { operationFor } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import { invalidParameter } from '../errors.js';
import type { CloudWatchLogs } from '../logs.js';

export const operation = operationFor<CloudWatchLogs>();

export const logGroupName = s.string({ min: 1, max: 512 });
export const logGroupIdentifier = s.string({ min: 1, max: 2048 });
export const logStreamName = s.string({ min: 1, max: 512 });
export const nextToken = s.string({ min: 1 });
export const tagMap = s.map(s.string({ min: 0, max: 256 }));
export const timestamp = s.integer({ min: 0 });

/** A page of `items` from the offset a previous token carried; a token only when more remain. */
export function paginate<T>(
  items: readonly T[],
  limit: number,
  token: string | undefined,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const match = /^o\/(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!match) throw invalidParameter('The specified nextToken is invalid.');
    start = Number(match[1]);
  }
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: Buffer.from(`o/${end}`).toString('base64url') } : { page };
}
