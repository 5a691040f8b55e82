// DescribeStream (its shards a page at a time: Limit, ExclusiveStartShardId, HasMoreShards) and
// DescribeStreamSummary.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html

import * as model from '../../../core/generated/kinesis.js';
import { parseShardId } from '../names.js';
import type { StreamRow } from '../store.js';
import {
  enhancedMonitoring,
  epochSeconds,
  operation,
  requireStream,
  shardDescription,
  streamModeDetails,
} from './operation.js';

/** "The default [Limit] is 100." */
const DEFAULT_SHARD_LIMIT = 100;

export const describeStream = operation({
  input: model.DescribeStreamInput,
  output: model.DescribeStreamOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const after =
      input.ExclusiveStartShardId === undefined ? -1 : (parseShardId(input.ExclusiveStartShardId) ?? -1);
    const shards = kinesis.shards(stream).filter((shard) => shard.idx > after);
    const limit = input.Limit ?? DEFAULT_SHARD_LIMIT;
    return {
      StreamDescription: {
        StreamName: stream.name,
        StreamARN: kinesis.arnOf(stream),
        StreamStatus: kinesis.status(stream),
        StreamModeDetails: streamModeDetails(stream),
        Shards: shards.slice(0, limit).map((shard) => shardDescription(kinesis, stream, shard)),
        HasMoreShards: shards.length > limit,
        ...common(stream),
      },
    };
  },
});

export const describeStreamSummary = operation({
  input: model.DescribeStreamSummaryInput,
  output: model.DescribeStreamSummaryOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    return {
      StreamDescriptionSummary: {
        StreamName: stream.name,
        StreamARN: kinesis.arnOf(stream),
        StreamStatus: kinesis.status(stream),
        StreamModeDetails: streamModeDetails(stream),
        ...common(stream),
        OpenShardCount: kinesis.openShards(stream).length,
        ConsumerCount: kinesis.consumers(stream).length,
        MaxRecordSizeInKiB: stream.max_record_kib,
      },
    };
  },
});

function common(stream: StreamRow): Record<string, unknown> {
  return {
    RetentionPeriodHours: stream.retention_hours,
    StreamCreationTimestamp: epochSeconds(stream.created_at),
    EnhancedMonitoring: enhancedMonitoring(stream),
    EncryptionType: stream.encryption,
    ...(stream.key_id !== null ? { KeyId: stream.key_id } : {}),
  };
}
