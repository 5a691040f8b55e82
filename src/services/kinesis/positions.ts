// Where a shard iterator (GetShardIterator) or a subscription (SubscribeToShard's StartingPosition) starts,
// as the record counter to read from, with AWS's checks of the type, sequence number and timestamp.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html

import { invalidArgument } from './errors.js';
import type { Kinesis } from './kinesis.js';
import { shardIdOf } from './names.js';
import { firstAtOrAfter } from './records.js';
import { parseSequenceNumber } from './sequence-numbers.js';
import type { ShardRow, StreamRow } from './store.js';

export interface StartingPosition {
  readonly type: string;
  readonly sequenceNumber?: string;
  /** Epoch ms. */
  readonly timestamp?: number;
}

export function startingCounter(
  kinesis: Kinesis,
  stream: StreamRow,
  shard: ShardRow,
  position: StartingPosition,
  operation: string,
  options: { anyShard?: boolean } = {},
): number {
  const shardId = shardIdOf(shard.idx);
  const { type, sequenceNumber } = position;
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence !== (sequenceNumber !== undefined) && type !== 'AT_TIMESTAMP') {
    // kinesalite's wording, from AWS's answers.
    throw invalidArgument(
      `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${sequenceNumber === undefined ? 'no' : 'also a'} StartingSequenceNumber.`,
    );
  }
  switch (type) {
    case 'TRIM_HORIZON':
      return shard.start_seq;
    case 'LATEST':
      return shard.end_seq === null
        ? (kinesis.sql.streamById.get(stream.id) as StreamRow).next_seq
        : shard.end_seq + 1;
    case 'AT_TIMESTAMP': {
      const now = kinesis.now();
      if (position.timestamp === undefined) {
        throw invalidArgument(
          'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
        );
      }
      if (position.timestamp > now) {
        throw invalidArgument(
          `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${position.timestamp}, currentTimestampInMillis: ${now}`,
        );
      }
      return firstAtOrAfter(kinesis, stream, shard, position.timestamp);
    }
    default: {
      const parts = parseSequenceNumber(sequenceNumber!);
      const where = `used in ${operation} on shard ${shardId} in stream ${stream.name} under account ${stream.account}`;
      if (!parts) throw invalidArgument(`StartingSequenceNumber ${sequenceNumber} ${where} is invalid.`);
      if (parts.shard !== shard.idx && !options.anyShard) {
        throw invalidArgument(
          `Invalid StartingSequenceNumber. It encodes ${shardIdOf(parts.shard)}, while it was used in a call to a shard with ${shardId}`,
        );
      }
      if (parts.streamSeconds !== Math.floor(stream.created_at / 1000)) {
        throw invalidArgument(
          `StartingSequenceNumber ${sequenceNumber} ${where} is invalid because it did not come from this stream.`,
        );
      }
      // A closed shard's EndingSequenceNumber sorts above every record of the shard.
      if (parts.ending) return parts.counter + 1;
      return type === 'AT_SEQUENCE_NUMBER' ? parts.counter : parts.counter + 1;
    }
  }
}
