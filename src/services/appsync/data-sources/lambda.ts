// AWS_LAMBDA data sources: `Invoke` with the request's payload, or, for a direct Lambda resolver with no
// request handler, the whole context AppSync sends; `BatchInvoke` (and a direct resolver with a
// `maxBatchSize`) gathers the calls of one field across a list's items into one invocation whose payload
// is the list of their payloads, up to `maxBatchSize`, and hands each call its element of the answer.
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
  const batched = doc.operation === 'BatchInvoke' || (direct && (request.batching?.maxBatchSize ?? 0) > 0);
  if (batched && request.batching) return joinBatch(call, request, doc.payload ?? null, request.batching);
  const payload = batched ? [doc.payload ?? null] : (doc.payload ?? null);
  const answer = await invoke(call, request, payload, doc.invocationType === 'Event');
  if ('error' in answer) return answer;
  return { result: batched && Array.isArray(answer.result) ? answer.result[0] : answer.result };
}

/** Calls gathered for one invocation; sent once the calls of this turn are in, or when full. */
interface Batch {
  readonly payloads: unknown[];
  readonly settle: ((answer: DataSourceAnswer) => void)[];
}

/** AppSync sends at most this many in one batch when the resolver names no `maxBatchSize`. */
const DEFAULT_BATCH = 100;

function joinBatch(
  call: InProcessCall,
  request: DataSourceCall,
  payload: unknown,
  batching: NonNullable<DataSourceCall['batching']>,
): Promise<DataSourceAnswer> {
  const limit = batching.maxBatchSize > 0 ? batching.maxBatchSize : DEFAULT_BATCH;
  let batch = batching.open.get(batching.key) as Batch | undefined;
  if (!batch) {
    const opened: Batch = { payloads: [], settle: [] };
    batching.open.set(batching.key, opened);
    // Sibling fields of a list resolve in the same turn: the batch goes out once they have all joined.
    setImmediate(() => send(call, request, batching, opened));
    batch = opened;
  }
  const joined = batch;
  const answer = new Promise<DataSourceAnswer>((resolve) => joined.settle.push(resolve));
  joined.payloads.push(payload);
  if (joined.payloads.length >= limit) send(call, request, batching, joined);
  return answer;
}

function send(
  call: InProcessCall,
  request: DataSourceCall,
  batching: NonNullable<DataSourceCall['batching']>,
  batch: Batch,
): void {
  if (batching.open.get(batching.key) !== batch) return;
  batching.open.delete(batching.key);
  invoke(call, request, batch.payloads, false).then(
    (answer) => {
      if ('error' in answer) {
        for (const settle of batch.settle) settle(answer);
        return;
      }
      const results = answer.result;
      if (!Array.isArray(results) || results.length !== batch.payloads.length) {
        const error = {
          message: `The batched Lambda function must answer a list of ${batch.payloads.length} results.`,
          type: 'Lambda:Unhandled',
        };
        for (const settle of batch.settle) settle({ error });
        return;
      }
      batch.settle.forEach((settle, index) => {
        settle({ result: results[index] });
      });
    },
    (error: unknown) => {
      const failure = { message: (error as Error).message, type: 'Lambda:Unhandled' };
      for (const settle of batch.settle) settle({ error: failure });
    },
  );
}

/** One invocation: its parsed answer, or the error AppSync reports for a failed or garbled one. */
async function invoke(
  call: InProcessCall,
  request: DataSourceCall,
  payload: unknown,
  event: boolean,
): Promise<DataSourceAnswer> {
  const output = (await call(
    'lambda',
    'Invoke',
    {
      FunctionName: request.dataSource.lambdaConfig?.lambdaFunctionArn ?? '',
      InvocationType: event ? 'Event' : 'RequestResponse',
      Payload: Buffer.from(JSON.stringify(payload)),
    },
    { account: request.account, region: request.region, caller: 'appsync.amazonaws.com' },
  )) as { FunctionError?: string; Payload?: Uint8Array };
  if (event) return { result: null };
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
  return { result: answer };
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
