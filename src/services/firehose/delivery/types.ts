// What the delivery steps hand each other: records read from a buffer, records they emit into another
// buffer (processed records, error records, backups), and what a delivery attempt came to.

import type { Clock } from '../../../core/clock.js';
import type { InProcessCall } from '../../../core/service.js';

/** Per record, beyond its data: where a Kinesis-sourced record came from. */
export interface RecordMeta {
  readonly kinesis?: {
    readonly shardId: string;
    readonly partitionKey: string;
    readonly sequenceNumber: string;
    readonly approximateArrivalTimestamp: number;
  };
}

export interface BufferedRecord {
  readonly id: number;
  /** When Firehose received it (epoch ms): what prefixes and error records report. */
  readonly arrival: number;
  readonly data: Buffer;
  readonly meta?: RecordMeta;
}

/** A record to put in the buffer of `stage` and `partition` once the attempt that made it is recorded. */
export interface Emitted {
  readonly stage: 0 | 1;
  readonly partition: string;
  readonly arrival: number;
  readonly data: Buffer;
  readonly meta?: RecordMeta;
}

/** Done (the records leave their buffer, `emitted` enter others), or tried again at `retryAt`. */
export type Outcome =
  | { readonly done: true; readonly emitted: readonly Emitted[] }
  | { readonly done: false; readonly retryAt: number };

export interface DeliveryContext {
  readonly call: InProcessCall;
  readonly clock: Clock;
  readonly log: (message: string) => void;
}

/** Partitions of records bound for the S3 error output (`error:processing-failed`) or the S3 backup. */
export const ERROR_PARTITION = 'error:';
export const BACKUP_PARTITION = 'backup:';

/** One failed record as AWS writes it to the error output: data-transformation-failure-handling.html
 * (processing-failed), and the same members for the other error output types. */
export function errorRecord(
  record: BufferedRecord,
  errorOutputType: string,
  failure: {
    errorCode: string;
    errorMessage: string;
    attemptsMade: number;
    now: number;
    extra?: Record<string, unknown>;
  },
): Emitted {
  const document = {
    attemptsMade: failure.attemptsMade,
    arrivalTimestamp: record.arrival,
    errorCode: failure.errorCode,
    errorMessage: failure.errorMessage,
    attemptEndingTimestamp: failure.now,
    rawData: record.data.toString('base64'),
    ...failure.extra,
  };
  return {
    stage: 1,
    partition: `${ERROR_PARTITION}${errorOutputType}`,
    arrival: record.arrival,
    data: Buffer.from(`${JSON.stringify(document)}\n`),
  };
}
