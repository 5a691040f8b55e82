// What a stream mapping (DynamoDB or Kinesis) makes of failures: the lowest record a function reported
// failed (ReportBatchItemFailures), and the description of a discarded batch sent to the OnFailure
// destination.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors
// https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html

import type { SourceRecord } from '../../core/ports/stream-source.js';
import { recordObjectKey } from './destinations.js';
import { newRequestId } from './lambda.js';

/**
 * Why the records must be given up on, or undefined to retry. -1 means "forever" for both limits, which
 * is until the record expires: "-1 means infinite: failed records are retried until the record expires.
 * The data retention limit for DynamoDB Streams is 24 hours."
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html); a Kinesis stream keeps them for
 * its retention period. A record past retention is given up on as RecordAgeExceeded (the condition is
 * inferred: AWS documents none for expiry).
 */
export function exhaustion(
  mapping: { MaximumRecordAgeInSeconds?: number; MaximumRetryAttempts?: number },
  records: readonly SourceRecord[],
  attempts: number,
  now: number,
  retentionMs: number,
): string | undefined {
  const maxAge = mapping.MaximumRecordAgeInSeconds ?? -1;
  const oldest = records[0]!.arrivalMs;
  const maxAgeMs = maxAge === -1 ? retentionMs : Math.min(maxAge * 1000, retentionMs);
  if (now - oldest > maxAgeMs) return 'RecordAgeExceeded';
  const maxRetries = mapping.MaximumRetryAttempts ?? -1;
  if (maxRetries !== -1 && attempts > maxRetries) return 'RetryAttemptsExhausted';
  return undefined;
}

/**
 * How many of the leading records are already older than MaximumRecordAgeInSeconds (by
 * ApproximateCreationDateTime against the cloud's clock): those are not sent to the function but given up
 * on as RecordAgeExceeded before the invocation ("Discard records older than the specified age", API
 * reference; "Before invocation: … it retries until the records expire or exceed the maximum age",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). A shard's records are in
 * creation order, so the old ones lead. -1 (the default) never discards a record before invocation.
 */
export function expiredCount(
  mapping: { MaximumRecordAgeInSeconds?: number },
  records: readonly SourceRecord[],
  now: number,
): number {
  const maxAge = mapping.MaximumRecordAgeInSeconds ?? -1;
  if (maxAge === -1) return 0;
  let count = 0;
  while (count < records.length && now - records[count]!.arrivalMs > maxAge * 1000) count++;
  return count;
}

/**
 * The key of the object an S3 OnFailure destination receives:
 * `aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>`, in UTC on the cloud's
 * clock (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html, "Example Amazon S3
 * invocation record").
 */
export function failureObjectKey(uuid: string, shardId: string, now: number, random?: string): string {
  return recordObjectKey(`aws/lambda/${uuid}/${shardId}`, now, random);
}

/** The OnFailure record of a batch given up on: its shard, sequence range and arrival times, under the
 * source's key (`DDBStreamBatchInfo`, `KinesisBatchInfo`). */
export function streamFailureRecord(batch: {
  records: readonly SourceRecord[];
  batchInfoKey: string;
  shardId: string;
  condition: string;
  attempts: number;
  outcome: { functionError?: string; executedVersion?: string; requestId?: string };
  functionArn: string;
  streamArn: string;
  now: number;
}): Record<string, unknown> {
  const { records, outcome } = batch;
  const first = records[0]!;
  const last = records[records.length - 1]!;
  // DynamoDB's creation times are whole seconds, written without milliseconds ("2025-06-05T18:21:49Z");
  // Kinesis's arrival times keep theirs ("2019-11-14T00:38:04.835Z", kinesis-on-failure-destination.html).
  const iso =
    batch.batchInfoKey === 'DDBStreamBatchInfo' ? secondsIso : (ms: number) => new Date(ms).toISOString();
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
    [batch.batchInfoKey]: {
      shardId: batch.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: iso(first.arrivalMs),
      approximateArrivalOfLastRecord: iso(last.arrivalMs),
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
export function firstFailure(payload: Buffer, records: readonly SourceRecord[]): number | 'all' | undefined {
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
    const index = typeof id === 'string' ? records.findIndex((r) => r.sequenceNumber === id) : -1;
    if (index === -1) return 'all';
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }
  return lowest;
}

function secondsIso(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
