// A stream row read as the engine and the operations use it: its destination, source and encryption
// parsed, its status computed on read from the cloud's clock (CREATING until `active_at`, then ACTIVE).
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html

import type { Destination } from './destinations.js';
import type { StreamRow } from './store.js';

/** How long a new stream stays CREATING on the cloud's clock (AWS takes seconds to tens of seconds). */
export const CREATING_MS = 2000;

export interface KinesisSource {
  readonly KinesisStreamARN: string;
  readonly RoleARN: string;
  /** Epoch ms: "Firehose starts retrieving records from the Kinesis data stream starting with this timestamp". */
  readonly DeliveryStartTimestamp: number;
}

export interface Encryption {
  Status: 'ENABLED' | 'DISABLED' | 'ENABLING' | 'DISABLING';
  KeyType?: string;
  KeyARN?: string;
}

export interface Stream {
  readonly row: StreamRow;
  readonly destination: Destination;
  readonly source: KinesisSource | undefined;
  readonly encryption: Encryption;
}

export function streamOf(row: StreamRow): Stream {
  return {
    row,
    destination: JSON.parse(row.destination) as Destination,
    source: row.source ? (JSON.parse(row.source) as KinesisSource) : undefined,
    encryption: JSON.parse(row.encryption) as Encryption,
  };
}

export function statusOf(row: StreamRow, now: number): 'CREATING' | 'ACTIVE' {
  return now >= row.active_at ? 'ACTIVE' : 'CREATING';
}
