// Invoke: synchronous (RequestResponse), asynchronous (Event, queued and answered 202) and DryRun; and
// the deprecated InvokeAsync that older tools still call.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import type { Lambda } from '../lambda.js';
import { parseFunctionName } from '../names.js';
import { operation } from './operation.js';

// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (asynchronous: 1 MB since 2026)
const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD = 1024 * 1024;

export const invoke = operation({
  http: model.operations.Invoke.http,
  input: model.InvocationRequest,
  output: s.structure({
    StatusCode: s.optional(s.integer(), { statusCode: true }),
    FunctionError: s.optional(s.string(), { header: 'X-Amz-Function-Error' }),
    LogResult: s.optional(s.string(), { header: 'X-Amz-Log-Result' }),
    ExecutedVersion: s.optional(s.string(), { header: 'X-Amz-Executed-Version' }),
    Payload: s.optional(s.blob(), { payload: true }),
  }),
  run: async (input, lambda, ctx) => {
    const type = input.InvocationType ?? 'RequestResponse';
    const payload = eventPayload(input.Payload, type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD);
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    const resolved = lambda.functions.resolve(ref);
    if (type === 'DryRun') return { StatusCode: 204 };
    if (type === 'Event') {
      lambda.asyncInvocations.enqueue(ctx.account, ctx.region, resolved.invokedArn, ctx.requestId, payload);
      return { StatusCode: 202, Payload: Buffer.alloc(0) };
    }
    const clientContext = input.ClientContext ? decodeClientContext(input.ClientContext) : undefined;
    const result = await lambda.invoke(resolved, {
      account: ctx.account,
      region: ctx.region,
      requestId: ctx.requestId,
      payload,
      logTail: input.LogType === 'Tail',
      clientContext,
    });
    return {
      StatusCode: 200,
      FunctionError: result.functionError,
      LogResult: result.logResult,
      ExecutedVersion: result.executedVersion,
      Payload: result.payload,
    };
  },
});

export const invokeAsync = operation({
  http: model.operations.InvokeAsync.http,
  input: model.InvokeAsyncRequest,
  output: s.structure({ Status: s.optional(s.integer(), { statusCode: true }) }),
  run: (input, lambda, ctx: RequestContext) => {
    const payload = eventPayload(input.InvokeArgs, MAX_ASYNC_PAYLOAD);
    const resolved = resolveForAsync(lambda, input.FunctionName, ctx);
    lambda.asyncInvocations.enqueue(ctx.account, ctx.region, resolved.invokedArn, ctx.requestId, payload);
    return { Status: 202 };
  },
});

function resolveForAsync(lambda: Lambda, name: string, ctx: RequestContext) {
  return lambda.functions.resolve(parseFunctionName(name, ctx));
}

/** The event as the function receives it: JSON, checked here as Lambda does; no payload is `{}`. */
function eventPayload(payload: Buffer | undefined, limit: number): Buffer {
  if (!payload || payload.length === 0) return Buffer.from('{}');
  if (payload.length > limit) {
    throw new ServiceError(
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      { status: 413 },
    );
  }
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw new ServiceError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
  return payload;
}

/** The client context as the runtime receives it, in a header: JSON with every non-ASCII character
 * escaped (`\u20ac`), so any text survives the trip and parses to the same value. */
function decodeClientContext(base64: string): string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    throw new ServiceError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
    );
  }
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
