// AWS_LAMBDA data sources: `Invoke` (and `BatchInvoke`, sent as a batch of one) with the request's
// payload, or, for a direct Lambda resolver with no request handler, the whole context AppSync sends.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-lambda.html
// https://docs.aws.amazon.com/appsync/latest/devguide/direct-lambda-reference.html

import type { InProcessCall } from '../../../core/service.js';
import { badRequestMapping, type DataSourceAnswer, type DataSourceCall, isRecord } from './data-source.js';

export async function callLambda(call: InProcessCall, request: DataSourceCall): Promise<DataSourceAnswer> {
  const direct = request.request === undefined;
  const doc = direct ? { operation: 'Invoke', payload: directPayload(request) } : request.request;
  if (!isRecord(doc)) return badRequestMapping('Unable to convert the request mapping to a Lambda request.');
  if (doc.operation !== 'Invoke' && doc.operation !== 'BatchInvoke') {
    return badRequestMapping(`Unsupported operation '${String(doc.operation)}'.`);
  }
  const batched = doc.operation === 'BatchInvoke';
  const payload = batched ? [doc.payload ?? null] : (doc.payload ?? null);
  const output = (await call(
    'lambda',
    'Invoke',
    {
      FunctionName: request.dataSource.lambdaConfig?.lambdaFunctionArn ?? '',
      InvocationType: doc.invocationType === 'Event' ? 'Event' : 'RequestResponse',
      Payload: Buffer.from(JSON.stringify(payload)),
    },
    { account: request.account, region: request.region, caller: 'appsync.amazonaws.com' },
  )) as { FunctionError?: string; Payload?: Uint8Array };
  if (doc.invocationType === 'Event') return { result: null };
  const text = output.Payload ? Buffer.from(output.Payload).toString('utf8') : 'null';
  let answer: unknown;
  try {
    answer = JSON.parse(text || 'null');
  } catch {
    return { error: { message: 'Lambda response is not valid JSON.', type: 'Lambda:Unhandled' } };
  }
  if (output.FunctionError) {
    const failure = isRecord(answer) ? answer : {};
    return {
      error: {
        message: String(failure.errorMessage ?? 'Error occurred while executing Lambda function'),
        type: 'Lambda:Unhandled',
      },
    };
  }
  return { result: batched && Array.isArray(answer) ? answer[0] : answer };
}

/** The event of a direct Lambda resolver: the resolver's context, as AppSync documents it. */
function directPayload(request: DataSourceCall): Record<string, unknown> {
  const { context } = request;
  return {
    arguments: context.arguments,
    identity: context.identity,
    source: context.source ?? null,
    request: context.request,
    prev: context.prev ?? null,
    info: context.info,
    stash: context.stash,
  };
}
