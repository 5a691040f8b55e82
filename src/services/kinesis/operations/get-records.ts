// GetRecords: up to Limit records (10,000, and 10 MiB) of one shard from an iterator, with the iterator
// to read next; once a closed shard is read to its end, no NextShardIterator but the ChildShards to read
// on with. https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html

import * as model from '../../../core/generated/kinesis.js';
import { shardDoesNotExist } from '../errors.js';
import { decodeIterator, encodeIterator } from '../iterators.js';
import { shardIdOf } from '../names.js';
import { readShard } from '../records.js';
import { sequenceNumber } from '../sequence-numbers.js';
import type { RecordRow, StreamRow } from '../store.js';
import { childShards, epochSeconds, operation } from './operation.js';

/** "The default value is 10,000." */
const DEFAULT_LIMIT = 10_000;

export const getRecords = operation({
  input: model.GetRecordsInput,
  output: model.GetRecordsOutput,
  run: (input, kinesis) => {
    const started = performance.now();
    const now = kinesis.now();
    const state = decodeIterator(input.ShardIterator, now);
    const shardId = shardIdOf(state.shard);
    const stream = kinesis.find({ account: state.account, region: state.region, name: state.stream });
    if (!stream || stream.created_at !== state.streamCreated)
      throw shardDoesNotExist(shardId, state.stream, state.account);
    const shard = kinesis.shard(stream, state.shard);
    if (!shard) throw shardDoesNotExist(shardId, stream.name, stream.account);
    const page = readShard(kinesis, stream, shard, state.position, input.Limit ?? DEFAULT_LIMIT);
    kinesis.metrics.read(stream, page.records, now, performance.now() - started);
    return {
      Records: page.records.map((record) => recordOutput(stream, record)),
      ...(page.ended
        ? { ChildShards: childShards(kinesis, stream, shard) }
        : { NextShardIterator: encodeIterator({ ...state, position: page.next, issued: now }) }),
      MillisBehindLatest: page.millisBehindLatest,
    };
  },
});

/** A record as GetRecords and SubscribeToShard give it. */
export function recordOutput(stream: StreamRow, record: RecordRow): Record<string, unknown> {
  return {
    SequenceNumber: sequenceNumber({
      streamSeconds: Math.floor(stream.created_at / 1000),
      counter: record.seq,
      shard: record.shard,
      ending: false,
    }),
    ApproximateArrivalTimestamp: epochSeconds(record.arrival_ms),
    Data: record.data.toString('base64'),
    PartitionKey: record.partition_key,
    ...(stream.encryption === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
