// The SQS operation factory and the helpers several operations share.

import { operationFor } from '../../../core/service.js';
import { invalidParameter } from '../errors.js';
import type { Sqs } from '../sqs.js';

export const operation = operationFor<Sqs>();

/** ListQueues-style pagination: MaxResults 1–1000; a NextToken only when MaxResults was given. */
export function paginate(
  items: readonly string[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: string[]; nextToken?: string } {
  if (maxResults !== undefined && (maxResults < 1 || maxResults > 1000)) {
    throw invalidParameter('MaxResults', maxResults, 'MaxResults must be an integer between 1 and 1000.');
  }
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodeToken(nextToken);
    if (after === undefined) throw invalidParameter('NextToken', nextToken, 'Invalid NextToken value.');
    start = items.findIndex((item) => item > after);
    if (start === -1) start = items.length;
  }
  const limit = maxResults ?? 1000;
  const page = items.slice(start, start + limit);
  const more = maxResults !== undefined && start + limit < items.length;
  return more ? { page, nextToken: encodeToken(page[page.length - 1]!) } : { page };
}

function encodeToken(last: string): string {
  return Buffer.from(JSON.stringify({ after: last })).toString('base64');
}

function decodeToken(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}
