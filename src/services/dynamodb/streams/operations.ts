// The DynamoDB Streams operations: ListStreams, DescribeStream (shards oldest first with their lineage,
// paged by ExclusiveStartShardId), GetShardIterator and GetRecords (one shard at a time; a closed shard
// read to its end answers no NextShardIterator).
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_Operations.html

import * as model from '../../../core/generated/dynamodb-streams.js';
import { operationFor } from '../../../core/service.js';
import { validation } from '../errors.js';
import { type DynamoDbStreams, trimmedDataAccess } from './engine.js';
import { decodeIterator, encodeIterator } from './iterators.js';

const operation = operationFor<DynamoDbStreams>();
const MAX_RECORDS_BYTES = 1024 * 1024;

export const listStreams = operation({
  input: model.ListStreamsInput,
  run: (input, engine, ctx) => {
    let streams = engine.reader.listStreams(ctx.account, ctx.region);
    if (input.TableName) streams = streams.filter((row) => row.table_name === input.TableName);
    if (input.ExclusiveStartStreamArn) {
      const at = streams.findIndex((row) => row.arn === input.ExclusiveStartStreamArn);
      streams = streams.slice(at + 1);
    }
    const limit = input.Limit ?? 100;
    const page = streams.slice(0, limit);
    return {
      Streams: page.map((row) => ({ StreamArn: row.arn, TableName: row.table_name, StreamLabel: row.label })),
      ...(streams.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1]!.arn } : {}),
    };
  },
});

export const describeStream = operation({
  input: model.DescribeStreamInput,
  run: (input, engine) => {
    const stream = engine.requireStream(input.StreamArn);
    let shards = engine.reader.shards(stream);
    if (input.ExclusiveStartShardId) {
      // Shard ids begin with their opening time, so "after" is well defined even for a trimmed shard.
      const after = input.ExclusiveStartShardId;
      shards = shards.filter((shard) => shard.id > after);
    }
    const limit = input.Limit ?? 100;
    const page = shards.slice(0, limit);
    return {
      StreamDescription: {
        StreamArn: stream.arn,
        StreamLabel: stream.label,
        StreamStatus: stream.disabled_at != null ? 'DISABLED' : 'ENABLED',
        StreamViewType: stream.view_type,
        CreationRequestDateTime: stream.created_at / 1000,
        TableName: stream.table_name,
        KeySchema: JSON.parse(stream.key_schema),
        Shards: page.map((shard) => {
          const range = engine.reader.shardRange(stream.arn, shard);
          return {
            ShardId: shard.id,
            ...(shard.parentId ? { ParentShardId: shard.parentId } : {}),
            SequenceNumberRange: {
              StartingSequenceNumber: range.starting,
              ...(range.ending ? { EndingSequenceNumber: range.ending } : {}),
            },
          };
        }),
        ...(shards.length > limit ? { LastEvaluatedShardId: page[page.length - 1]!.id } : {}),
      },
    };
  },
});

export const getShardIterator = operation({
  input: model.GetShardIteratorInput,
  run: (input, engine) => {
    const stream = engine.requireStream(input.StreamArn);
    const shard = engine.requireShard(stream, input.ShardId);
    const type = input.ShardIteratorType;
    // Position: records after this sequence number come next. TRIM_HORIZON is the shard's oldest
    // retained record at the time of the request, so it too can be trimmed before the iterator is used.
    const trimmed = engine.reader.trimmedUpTo(stream.arn, shard);
    let position: number;
    if (type === 'TRIM_HORIZON') position = trimmed;
    else if (type === 'LATEST') position = engine.reader.latestSequence();
    else {
      if (input.SequenceNumber === undefined || !/^\d+$/.test(input.SequenceNumber))
        throw validation(`Invalid SequenceNumber for ShardIteratorType: ${type}`);
      const seq = Number(input.SequenceNumber);
      position = type === 'AT_SEQUENCE_NUMBER' ? seq - 1 : seq;
      // "You request a shard iterator with a sequence number older than the trim point (24 hours)."
      if (position < trimmed) throw trimmedDataAccess();
    }
    const now = engine.reader.clock.now();
    return { ShardIterator: encodeIterator({ a: stream.arn, s: shard.id, p: position, t: now }) };
  },
});

export const getRecords = operation({
  input: model.GetRecordsInput,
  run: (input, engine) => {
    const now = engine.reader.clock.now();
    const state = decodeIterator(input.ShardIterator, now);
    const stream = engine.requireStream(state.a);
    // A shard that has left retention, or records trimmed after the iterator was issued, are trimmed data.
    const shard = engine.reader.findShard(stream, state.s);
    if (!shard) throw trimmedDataAccess();
    if (state.p < engine.reader.trimmedUpTo(stream.arn, shard)) throw trimmedDataAccess();
    // "GetRecords can retrieve a maximum of 1 MB of data or 1000 stream records, whichever comes first."
    const records = [];
    let bytes = 0;
    for (const entry of engine.reader.readShard(stream.arn, shard, state.p, input.Limit ?? 1000)) {
      bytes += entry.record.dynamodb.SizeBytes;
      if (records.length > 0 && bytes > MAX_RECORDS_BYTES) break;
      records.push(entry);
    }
    const last = records.length > 0 ? records[records.length - 1]!.seq : state.p;
    // A closed shard read to its end has no next iterator: the reader moves on to its child shard.
    const lastInShard = shard.closed ? engine.reader.lastInShard(stream.arn, shard) : undefined;
    const exhausted = shard.closed && (lastInShard === undefined || last >= lastInShard);
    return {
      Records: records.map((r) => r.record),
      ...(exhausted ? {} : { NextShardIterator: encodeIterator({ ...state, p: last, t: now }) }),
    };
  },
});
