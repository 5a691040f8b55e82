// The Firehose operation factory and what several operations share: finding the stream a request names.

import { operationFor, type RequestContext } from '../../../core/service.js';
import { streamNotFound } from '../errors.js';
import type { Firehose } from '../firehose.js';
import type { Stream } from '../streams.js';

export const operation = operationFor<Firehose>();

/** The stream of that name in the caller's account and region, or AWS's ResourceNotFoundException. */
export function requireStream(firehose: Firehose, name: string, ctx: RequestContext): Stream {
  const stream = firehose.find(ctx.account, ctx.region, name);
  if (!stream) throw streamNotFound(name, ctx.account);
  return stream;
}

export function seconds(ms: number): number {
  return ms / 1000;
}
