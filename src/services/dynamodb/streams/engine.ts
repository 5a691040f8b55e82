// The DynamoDB Streams engine: finds streams and their shards for the operations, with AWS's errors.
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/CommonErrors.html

import type { Clock } from '../../../core/clock.js';
import { ServiceError } from '../../../core/errors.js';
import type { ServiceEngine } from '../../../core/service.js';
import type { Store } from '../../../core/store.js';
import type { ShardSpan } from './shards.js';
import { StreamReader, type StreamRow } from './stream-reader.js';

export class DynamoDbStreams implements ServiceEngine {
  readonly reader: StreamReader;

  constructor(store: Store, clock: Clock) {
    this.reader = new StreamReader(store, clock);
  }

  requireStream(arn: string): StreamRow {
    const stream = this.reader.findStream(arn);
    if (!stream)
      throw new ServiceError(
        'ResourceNotFoundException',
        `Requested resource not found: Stream: ${arn} not found`,
      );
    return stream;
  }

  requireShard(stream: StreamRow, shardId: string): ShardSpan {
    const shard = this.reader.findShard(stream, shardId);
    if (!shard)
      throw new ServiceError(
        'ResourceNotFoundException',
        'Requested resource not found: Shard does not exist',
      );
    return shard;
  }

  reset(): void {}
  stop(): void {}
}

/** "The operation attempted to read past the oldest stream record in a shard." (24-hour retention)
 * https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetRecords.html#API_GetRecords_Errors */
export function trimmedDataAccess(): ServiceError {
  return new ServiceError(
    'TrimmedDataAccessException',
    'The operation attempted to read past the oldest stream record in a shard.',
  );
}
