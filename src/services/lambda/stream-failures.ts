// What a DynamoDB stream mapping makes of failures: the lowest record a function reported failed
// (ReportBatchItemFailures), and the description of a discarded batch sent to the OnFailure destination.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors

import { newRequestId } from './lambda.js';

export interface StreamRecord {
  eventID: string;
  dynamodb: { SequenceNumber: string; ApproximateCreationDateTime: number; Keys: unknown };
  userIdentity?: { Type: string; PrincipalId: string };
  [key: string]: unknown;
}

/** DynamoDB Streams keeps a record 24 hours. */
const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Why the records must be given up on, or undefined to retry. -1 means "forever" for both limits, which
 * for a DynamoDB stream is until the record expires: "-1 means infinite: failed records are retried until
 * the record expires. The data retention limit for DynamoDB Streams is 24 hours."
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). A record past retention is
 * given up on as RecordAgeExceeded (the condition is inferred: AWS documents none for expiry).
 */
export function exhaustion(
  mapping: { MaximumRecordAgeInSeconds?: number; MaximumRetryAttempts?: number },
  records: StreamRecord[],
  attempts: number,
  now: number,
): string | undefined {
  const maxAge = mapping.MaximumRecordAgeInSeconds ?? -1;
  const oldest = records[0]!.dynamodb.ApproximateCreationDateTime * 1000;
  const maxAgeMs = maxAge === -1 ? STREAM_RETENTION_MS : Math.min(maxAge * 1000, STREAM_RETENTION_MS);
  if (now - oldest > maxAgeMs) return 'RecordAgeExceeded';
  const maxRetries = mapping.MaximumRetryAttempts ?? -1;
  if (maxRetries !== -1 && attempts > maxRetries) return 'RetryAttemptsExhausted';
  return undefined;
}

/** The OnFailure record of a batch given up on: its shard, sequence range and arrival times. */
export function streamFailureRecord(batch: {
  records: StreamRecord[];
  shardId: string;
  condition: string;
  attempts: number;
  outcome: { functionError?: string; executedVersion?: string; requestId?: string };
  functionArn: string;
  streamArn: string;
  now: number;
}): Record<string, unknown> {
  const { records, outcome } = batch;
  const first = records[0]!.dynamodb;
  const last = records[records.length - 1]!.dynamodb;
  return {
    requestContext: {
      // The last invocation's request id.
      requestId: outcome.requestId ?? newRequestId(),
      functionArn: batch.functionArn,
      condition: batch.condition,
      approximateInvokeCount: batch.attempts,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: outcome.executedVersion ?? '$LATEST',
      ...(outcome.functionError ? { functionError: outcome.functionError } : {}),
    },
    version: '1.0',
    timestamp: new Date(batch.now).toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: secondsIso(first.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: secondsIso(last.ApproximateCreationDateTime),
      batchSize: records.length,
      streamArn: batch.streamArn,
    },
  };
}

/**
 * What a response with `batchItemFailures` asks for: undefined when the batch succeeded (no list, an
 * empty one, no response), the index of the lowest reported record to retry from, or 'all' when the
 * response counts as a complete failure ("an empty string itemIdentifier, a null itemIdentifier, an
 * itemIdentifier with a bad key name"; a sequence number not in the batch too), which retries the whole
 * batch and, with BisectBatchOnFunctionError, bisects it like a function error.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
export function firstFailure(payload: Buffer, records: StreamRecord[]): number | 'all' | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  const failures = (parsed as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  let lowest: number | undefined;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' ? records.findIndex((r) => r.dynamodb.SequenceNumber === id) : -1;
    if (index === -1) return 'all';
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }
  return lowest;
}

/** Arrival times are whole seconds, written without milliseconds ("2025-06-05T18:21:49Z"), as AWS does. */
function secondsIso(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
