// The operation builder bound to the S3 engine, and what every write tells notifications about its caller.

import { operationFor, type RequestContext } from '../../../core/service.js';
import type { ObjectEvent } from '../notifications.js';
import type { S3 } from '../s3.js';

export const operation = operationFor<S3>();

export function eventFor(ctx: RequestContext, name: string): ObjectEvent {
  return { name, requestId: ctx.requestId, principal: ctx.accessKeyId };
}
