// The processing stage: a buffer of received records through the Lambda processor (AWS's event and
// response contract) and the MetadataExtraction query (jq), into the delivery buffers — one per partition
// when dynamic partitioning is on — and the failed records into the `processing-failed` error output.
// https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
// https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-status-model.html
// https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html

import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import { dynamicPartitioning } from '../destinations.js';
import { type LambdaProcessor, processingOf } from '../processors.js';
import type { Stream } from '../streams.js';
import { type BufferedRecord, type DeliveryContext, type Emitted, errorRecord } from './types.js';

interface Processed {
  readonly record: BufferedRecord;
  readonly data: Buffer;
  readonly lambdaKeys?: Record<string, string>;
}

export async function processBuffer(
  ctx: DeliveryContext,
  stream: Stream,
  records: readonly BufferedRecord[],
): Promise<Emitted[]> {
  const processing = processingOf(stream.destination);
  const emitted: Emitted[] = [];
  let processed: Processed[] = records.map((record) => ({ record, data: record.data }));
  if (processing.lambda) {
    const result = await transform(ctx, stream, processing.lambda, records);
    processed = result.ok;
    emitted.push(...result.failed);
  }
  const partitioned = dynamicPartitioning(stream.destination);
  for (const item of processed) {
    if (!partitioned) {
      emitted.push({
        stage: 1,
        partition: '',
        arrival: item.record.arrival,
        data: item.data,
        meta: item.record.meta,
      });
      continue;
    }
    const query = processing.metadataQuery ? await extract(processing.metadataQuery, item.data) : {};
    if (query === undefined) {
      emitted.push(
        errorRecord(item.record, 'partitioning-failed', {
          errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
          errorMessage:
            'Non JSON record provided, or the MetadataExtractionQuery did not yield every partition key',
          attemptsMade: 1,
          now: ctx.clock.now(),
        }),
      );
      continue;
    }
    const keys = { query, lambda: item.lambdaKeys ?? {} };
    emitted.push({
      stage: 1,
      partition: JSON.stringify(keys),
      arrival: item.record.arrival,
      data: item.data,
    });
  }
  return emitted;
}

/** One invocation of the processor (and its NumberOfRetries more when the invocation fails). */
async function transform(
  ctx: DeliveryContext,
  stream: Stream,
  lambda: LambdaProcessor,
  records: readonly BufferedRecord[],
): Promise<{ ok: Processed[]; failed: Emitted[] }> {
  const ids = records.map((record) => `${record.id}`);
  const event: Record<string, unknown> = {
    invocationId: randomUUID(),
    deliveryStreamArn: stream.row.arn,
    region: stream.row.region,
    records: records.map((record, i) => ({
      recordId: ids[i],
      approximateArrivalTimestamp: record.arrival,
      data: record.data.toString('base64'),
      ...(record.meta?.kinesis ? { kinesisRecordMetadata: kinesisMetadata(record.meta.kinesis) } : {}),
    })),
  };
  if (stream.source) event.sourceKinesisStreamArn = stream.source.KinesisStreamARN;
  let attempts = 0;
  let failure = { errorCode: '', errorMessage: '' };
  while (attempts <= lambda.retries) {
    attempts++;
    const result = await invoke(ctx, stream, lambda.arn, event);
    if ('errorCode' in result) {
      failure = result;
      continue;
    }
    return readResponse(ctx, lambda, records, ids, result.payload, attempts);
  }
  const now = ctx.clock.now();
  const extra = { lambdaArn: lambda.arn };
  return {
    ok: [],
    failed: records.map((record) =>
      errorRecord(record, 'processing-failed', { ...failure, attemptsMade: attempts, now, extra }),
    ),
  };
}

async function invoke(
  ctx: DeliveryContext,
  stream: Stream,
  arn: string,
  event: Record<string, unknown>,
): Promise<{ payload: string } | { errorCode: string; errorMessage: string }> {
  try {
    const result = (await ctx.call(
      'lambda',
      'Invoke',
      { FunctionName: arn, Payload: Buffer.from(JSON.stringify(event)).toString('base64') },
      { account: stream.row.account, region: stream.row.region, caller: 'firehose' },
    )) as { FunctionError?: string; Payload?: unknown };
    if (result.FunctionError !== undefined) {
      return {
        errorCode: 'Lambda.FunctionError',
        errorMessage: 'The Lambda function was successfully invoked but it returned an error result.',
      };
    }
    const payload = result.Payload;
    return { payload: Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload ?? '') };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { errorCode: `Lambda.${error.code.replace(/Exception$/, '')}`, errorMessage: error.message };
  }
}

/** The function's answer, record by record: Ok, Dropped or ProcessingFailed; a record it did not return,
 * or returned twice, fails (the status model: "Any mismatch … is treated as a data transformation failure"). */
function readResponse(
  ctx: DeliveryContext,
  lambda: LambdaProcessor,
  records: readonly BufferedRecord[],
  ids: readonly string[],
  payload: string,
  attempts: number,
): { ok: Processed[]; failed: Emitted[] } {
  const now = ctx.clock.now();
  const extra = { lambdaArn: lambda.arn };
  const fail = (record: BufferedRecord, errorCode: string, errorMessage: string) =>
    errorRecord(record, 'processing-failed', { errorCode, errorMessage, attemptsMade: attempts, now, extra });
  const results = new Map<string, LambdaResult>();
  const duplicated = new Set<string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = undefined;
  }
  const list = (parsed as { records?: unknown } | undefined)?.records;
  if (!Array.isArray(list)) {
    const message = 'The Lambda function returned a response that is not valid JSON with a records list.';
    return {
      ok: [],
      failed: records.map((record) => fail(record, 'Lambda.JsonProcessingException', message)),
    };
  }
  for (const entry of list as LambdaResult[]) {
    const id = typeof entry?.recordId === 'string' ? entry.recordId : undefined;
    if (id === undefined) continue;
    if (results.has(id)) duplicated.add(id);
    results.set(id, entry);
  }
  const ok: Processed[] = [];
  const failed: Emitted[] = [];
  records.forEach((record, i) => {
    const id = ids[i]!;
    const result = results.get(id);
    const problem = !result
      ? ['Lambda.MissingRecordId', `Record ${id} was not returned by the Lambda function.`]
      : duplicated.has(id)
        ? ['Lambda.DuplicatedRecordId', `Record ${id} was returned more than once.`]
        : result.result === 'ProcessingFailed'
          ? // The code and message AWS writes for this status (observed in delivered error records).
            ['Lambda.ProcessingFailedStatus', 'ProcessingFailed status set for record']
          : result.result !== 'Dropped' && (result.result !== 'Ok' || typeof result.data !== 'string')
            ? [
                'Lambda.InvalidReturnFormat',
                'The result must be Ok, Dropped or ProcessingFailed, with base64 data.',
              ]
            : undefined;
    if (problem) failed.push(fail(record, problem[0]!, problem[1]!));
    else if (result?.result === 'Ok') {
      const keys = result.metadata?.partitionKeys;
      ok.push({
        record,
        data: Buffer.from(result.data as string, 'base64'),
        lambdaKeys: keys ? stringValues(keys) : undefined,
      });
    }
  });
  return { ok, failed };
}

interface LambdaResult {
  recordId?: unknown;
  result?: unknown;
  data?: unknown;
  metadata?: { partitionKeys?: Record<string, unknown> };
}

/** The partition keys a MetadataExtraction query yields for one record, or undefined when the record is
 * not JSON, the query fails or a key is missing. */
async function extract(query: string, data: Buffer): Promise<Record<string, string> | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    // jq (WebAssembly) is loaded on first use, not at start-up.
    const { json: jq } = await import('jq-wasm');
    const keys = await jq(value, query, ['-c']);
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) return undefined;
    const out = stringValues(keys as Record<string, unknown>);
    return Object.values(keys).some((v) => v === null || v === undefined) ? undefined : out;
  } catch {
    return undefined;
  }
}

function stringValues(keys: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(keys))
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

function kinesisMetadata(
  kinesis: NonNullable<BufferedRecord['meta']>['kinesis'] & object,
): Record<string, unknown> {
  return {
    shardId: kinesis.shardId,
    partitionKey: kinesis.partitionKey,
    approximateArrivalTimestamp: kinesis.approximateArrivalTimestamp,
    sequenceNumber: kinesis.sequenceNumber,
    subsequenceNumber: '',
  };
}
