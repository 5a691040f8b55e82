// GetShardIterator: a token for reading one shard from a position, valid five minutes.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html

import * as model from '../../../core/generated/kinesis.js';
import { shardDoesNotExist } from '../errors.js';
import { encodeIterator } from '../iterators.js';
import { parseShardId } from '../names.js';
import { startingCounter } from '../positions.js';
import { operation, requireStream } from './operation.js';

export const getShardIterator = operation({
  input: model.GetShardIteratorInput,
  output: model.GetShardIteratorOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const index = parseShardId(input.ShardId);
    const shard = index === undefined ? undefined : kinesis.shard(stream, index);
    if (!shard) throw shardDoesNotExist(input.ShardId, stream.name, stream.account);
    const position = startingCounter(
      kinesis,
      stream,
      shard,
      {
        type: input.ShardIteratorType,
        sequenceNumber: input.StartingSequenceNumber,
        timestamp: input.Timestamp,
      },
      'GetShardIterator',
    );
    return {
      ShardIterator: encodeIterator({
        account: stream.account,
        region: stream.region,
        stream: stream.name,
        streamCreated: stream.created_at,
        shard: shard.idx,
        position,
        issued: kinesis.now(),
      }),
    };
  },
});
