// The CloudWatch operation factory and what several operations share: where a request is, NextTokens (opaque
// base64url JSON of the operation and the offset), the period rule and the timestamp wire form.

import { operationFor, type RequestContext } from '../../../core/service.js';
import type { CloudWatch } from '../cloudwatch.js';
import { invalidNextToken } from '../errors.js';
import type { Where } from '../metrics/metrics.js';

export const operation = operationFor<CloudWatch>();

export function whereOf(ctx: RequestContext): Where {
  return { account: ctx.account, region: ctx.region };
}

export function encodeToken(kind: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: kind, o: offset })).toString('base64url');
}

/** The offset a NextToken of `kind` holds; InvalidNextToken for any other text. */
export function decodeToken(kind: string, token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      o?: unknown;
    };
    if (parsed.k === kind && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // falls through to the error
  }
  throw invalidNextToken();
}

/** A page of `items` from the token's offset, with the token of the next one. */
export function page<T>(kind: string, items: readonly T[], token: string | undefined, size: number) {
  const offset = decodeToken(kind, token);
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(kind, offset + size) : undefined;
  return { slice, next };
}

/** Where a request's periods begin: the start time rounded down as CloudWatch rounds it ("Start time less
 * than 15 days ago - Round down to the nearest whole minute", or the second for periods under a minute;
 * 15–63 days: 5 minutes; older: the hour). https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html */
export function alignStart(startMs: number, periodSeconds: number, now: number): number {
  const age = now - startMs;
  const unit =
    age > 63 * DAY_MS ? 3_600_000 : age > 15 * DAY_MS ? 300_000 : periodSeconds < 60 ? 1000 : 60_000;
  return Math.floor(startMs / unit) * unit;
}

const DAY_MS = 86_400_000;

/** awsJson and rpcv2Cbor write timestamps from epoch seconds. */
export function seconds(ms: number): number {
  return ms / 1000;
}
