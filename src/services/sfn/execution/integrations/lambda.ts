// Lambda tasks: `arn:aws:states:::lambda:invoke` (the optimized integration, answering the Invoke
// response with the payload parsed) and a function ARN as the Resource (answering the payload itself).
// A function error becomes the state's error named by the function's errorType, its cause the payload.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html

import type { Json } from '../../language/index.js';
import type { IntegrationContext } from './index.js';
import { sdkMetadata, serviceFailure, TaskError } from './task-error.js';

interface InvokeOutput {
  StatusCode?: number;
  FunctionError?: string;
  ExecutedVersion?: string;
  Payload?: Buffer;
}

/** The optimized integration: Parameters are Invoke's (FunctionName, Payload, Qualifier, InvocationType,
 * ClientContext); the result is `{ ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata,
 * StatusCode }`. */
export async function invokeOptimized(parameters: Json, ctx: IntegrationContext): Promise<Json> {
  const params = asObject(parameters);
  const payload = params.Payload;
  const input: Record<string, unknown> = {
    FunctionName: params.FunctionName,
    InvocationType: params.InvocationType,
    Qualifier: params.Qualifier,
    ClientContext: params.ClientContext,
    LogType: params.LogType,
    Payload:
      payload === undefined
        ? undefined
        : base64(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  };
  const output = await invoke(input, ctx);
  const text = output.Payload?.toString('utf8') ?? '';
  return {
    ExecutedVersion: output.ExecutedVersion ?? '$LATEST',
    Payload: parsed(text),
    ...(sdkMetadata('application/json') as Record<string, Json>),
    StatusCode: output.StatusCode ?? 200,
  };
}

/** A function ARN as the Resource: the effective input is the event, the result the function's payload. */
export async function invokeFunction(arn: string, parameters: Json, ctx: IntegrationContext): Promise<Json> {
  const output = await invoke({ FunctionName: arn, Payload: base64(JSON.stringify(parameters)) }, ctx);
  return parsed(output.Payload?.toString('utf8') ?? 'null');
}

async function invoke(input: Record<string, unknown>, ctx: IntegrationContext): Promise<InvokeOutput> {
  let output: InvokeOutput;
  try {
    output = (await ctx.call('lambda', 'Invoke', input, ctx.where)) as InvokeOutput;
  } catch (thrown) {
    throw serviceFailure(thrown, 'Lambda', 'AWSLambda');
  }
  if (output.FunctionError) {
    const text = output.Payload?.toString('utf8') ?? '';
    const body = parsed(text);
    const type = body && typeof body === 'object' && !Array.isArray(body) ? body.errorType : undefined;
    // A payload without errorType (a runtime that died) is Lambda.Unknown, as the Lambda error handling
    // page lists it.
    throw new TaskError(typeof type === 'string' ? type : 'Lambda.Unknown', text);
  }
  return output;
}

function parsed(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function asObject(value: Json): Record<string, Json> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  throw new TaskError('States.Runtime', 'The Parameters of a Lambda task must be an object');
}
