// One attempt at one buffer, by what the buffer holds: received records go through the processors; records
// for S3 (the destination's own, errors, backups) become one object; an HTTP endpoint gets one request.
// Failures follow AWS's retry policies on the cloud's clock; destinations Nimbus does not deliver to send
// their records to the S3 error output at once, with the reason.
// https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#retry

import { ServiceError } from '../../../core/errors.js';
import type { BufferRow } from '../store.js';
import type { Stream } from '../streams.js';
import { postToEndpoint } from './http-endpoint.js';
import { processBuffer } from './process.js';
import { writeObject } from './s3-objects.js';
import {
  BACKUP_PARTITION,
  type BufferedRecord,
  type DeliveryContext,
  type Emitted,
  ERROR_PARTITION,
  errorRecord,
  type Outcome,
} from './types.js';

/** "If data delivery to your Amazon S3 bucket fails, Amazon Data Firehose retries to deliver data every 5
 * seconds for up to a maximum period of 24 hours. If the issue continues beyond the 24-hour maximum
 * retention period, Amazon Data Firehose discards the data." (basic-deliver.html) */
export const S3_RETRY_MS = 5000;
export const RETENTION_MS = 24 * 3600 * 1000;

/** The error output type of each destination Nimbus does not deliver to (s3-prefixes.html names
 * AmazonOpenSearchService-failed, splunk-failed and http-endpoint-failed; the others follow their pattern). */
const UNDELIVERED: Readonly<Record<string, string>> = {
  Elasticsearch: 'elasticsearch-failed',
  Amazonopensearchservice: 'AmazonOpenSearchService-failed',
  AmazonOpenSearchServerless: 'AmazonOpenSearchServerless-failed',
  Splunk: 'splunk-failed',
  Snowflake: 'snowflake-failed',
  Iceberg: 'iceberg-failed',
};

export async function attemptBuffer(
  ctx: DeliveryContext,
  stream: Stream,
  buffer: BufferRow,
  records: readonly BufferedRecord[],
): Promise<Outcome> {
  if (buffer.stage === 0) return { done: true, emitted: await processBuffer(ctx, stream, records) };
  const { kind } = stream.destination;
  const partition = buffer.partition;
  if (kind === 'ExtendedS3' || partition.startsWith(ERROR_PARTITION) || partition === BACKUP_PARTITION) {
    return toS3(ctx, stream, buffer, records);
  }
  if (kind === 'HttpEndpoint') return toEndpoint(ctx, stream, buffer, records);
  if (kind === 'Redshift') {
    // Redshift loads from the intermediate S3 bucket with COPY: Nimbus writes the intermediate objects
    // (the first half of AWS's path) and has no Redshift to copy them into.
    ctx.log(
      `firehose: ${stream.row.name}: Nimbus does not run Redshift COPY; the records are in the intermediate S3 bucket`,
    );
    return {
      done: true,
      emitted: records.map((record) => ({ ...record, stage: 1, partition: BACKUP_PARTITION })),
    };
  }
  const now = ctx.clock.now();
  const failure = {
    errorCode: 'Nimbus.DestinationNotSupported',
    errorMessage: `Nimbus does not deliver to ${kind} destinations; the record is in the S3 backup instead.`,
    attemptsMade: 1,
    now,
  };
  return {
    done: true,
    emitted: records.map((record) => errorRecord(record, UNDELIVERED[kind] ?? `${kind}-failed`, failure)),
  };
}

async function toS3(
  ctx: DeliveryContext,
  stream: Stream,
  buffer: BufferRow,
  records: readonly BufferedRecord[],
): Promise<Outcome> {
  try {
    return { done: true, emitted: await writeObject(ctx, stream, buffer.partition, records) };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const now = ctx.clock.now();
    const since = buffer.failing_since ?? now;
    if (now - since >= RETENTION_MS) {
      ctx.log(
        `firehose: ${stream.row.name}: discarding ${records.length} records after 24 hours of failed S3 deliveries (${error.code}: ${error.message})`,
      );
      return { done: true, emitted: [] };
    }
    return { done: false, retryAt: now + S3_RETRY_MS };
  }
}

/** "Firehose retries … for the retry duration you specified"; once it is spent, the records go to the S3
 * bucket under the http-endpoint-failed error output type. AllData also backs every record up to S3. */
async function toEndpoint(
  ctx: DeliveryContext,
  stream: Stream,
  buffer: BufferRow,
  records: readonly BufferedRecord[],
): Promise<Outcome> {
  const config = stream.destination.config;
  const failure = await postToEndpoint(ctx, stream, records);
  const allData = config.S3BackupMode === 'AllData';
  const backups: Emitted[] = allData
    ? records.map((record) => ({
        stage: 1,
        partition: BACKUP_PARTITION,
        arrival: record.arrival,
        data: record.data,
      }))
    : [];
  if (!failure) return { done: true, emitted: backups };
  const now = ctx.clock.now();
  const since = buffer.failing_since ?? now;
  const durationMs =
    ((config.RetryOptions as { DurationInSeconds?: number } | undefined)?.DurationInSeconds ?? 300) * 1000;
  const attempts = buffer.attempts + 1;
  if (now - since < durationMs) {
    // Backs off (1 s, 2 s, 4 s … up to 30 s), never past the end of the retry duration.
    const wait = Math.min(1000 * 2 ** buffer.attempts, 30_000);
    return { done: false, retryAt: Math.min(now + wait, since + durationMs) };
  }
  const extra = { EndpointUrl: (config.EndpointConfiguration as { Url: string }).Url };
  const failed = records.map((record) =>
    errorRecord(record, 'http-endpoint-failed', { ...failure, attemptsMade: attempts, now, extra }),
  );
  return { done: true, emitted: failed };
}
