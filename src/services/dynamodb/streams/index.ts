// Amazon DynamoDB Streams: its own service definition (awsJson 1.0, `DynamoDBStreams_20120810.*`),
// signed as `dynamodb` like DynamoDB itself, so the X-Amz-Target prefix is what routes it here.
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/Welcome.html

import type { Clock } from '../../../core/clock.js';
import { ServiceError } from '../../../core/errors.js';
import { defineService, operationFor, type ServiceEngine } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import type { Store } from '../../../core/store.js';
import { DYNAMODB_ERRORS, dynamodbValidationError, validation } from '../errors.js';
import { decodeIterator, encodeIterator } from './iterators.js';
import { StreamReader, type StreamRow, sequenceNumber, shardIdOf } from './stream-reader.js';

class DynamoDbStreams implements ServiceEngine {
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
  reset(): void {}
  stop(): void {}
}

const operation = operationFor<DynamoDbStreams>();
const MAX_RECORDS_BYTES = 1024 * 1024;
const streamArn = s.string({ min: 37, max: 1024 });

const listStreams = operation({
  input: s.structure({
    TableName: s.optional(s.string({ min: 3, max: 255 })),
    Limit: s.optional(s.integer({ min: 1, max: 100 })),
    ExclusiveStartStreamArn: s.optional(streamArn),
  }),
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

const describeStream = operation({
  input: s.structure({
    StreamArn: s.required(streamArn),
    Limit: s.optional(s.integer({ min: 1, max: 100 })),
    ExclusiveStartShardId: s.optional(s.string({ min: 28, max: 65 })),
  }),
  run: (input, engine) => {
    const stream = engine.requireStream(input.StreamArn);
    const bounds = engine.reader.bounds(stream.arn);
    const shardId = shardIdOf(stream);
    const closed = stream.disabled_at != null;
    const range: Record<string, string> = {
      StartingSequenceNumber: sequenceNumber(bounds.first ?? engine.reader.latestSequence() + 1),
    };
    if (closed && bounds.last !== null) range.EndingSequenceNumber = sequenceNumber(bounds.last);
    const shards =
      input.ExclusiveStartShardId === shardId ? [] : [{ ShardId: shardId, SequenceNumberRange: range }];
    return {
      StreamDescription: {
        StreamArn: stream.arn,
        StreamLabel: stream.label,
        StreamStatus: closed ? 'DISABLED' : 'ENABLED',
        StreamViewType: stream.view_type,
        CreationRequestDateTime: stream.created_at / 1000,
        TableName: stream.table_name,
        KeySchema: JSON.parse(stream.key_schema),
        Shards: shards,
      },
    };
  },
});

const getShardIterator = operation({
  input: s.structure({
    StreamArn: s.required(streamArn),
    ShardId: s.required(s.string({ min: 28, max: 65 })),
    ShardIteratorType: s.required(
      s.string({ enum: ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] }),
    ),
    SequenceNumber: s.optional(s.string({ min: 21, max: 40 })),
  }),
  run: (input, engine) => {
    const stream = engine.requireStream(input.StreamArn);
    if (input.ShardId !== shardIdOf(stream))
      throw new ServiceError(
        'ResourceNotFoundException',
        `Requested resource not found: Shard does not exist`,
      );
    const type = input.ShardIteratorType;
    let position: number;
    if (type === 'TRIM_HORIZON') position = 0;
    else if (type === 'LATEST') position = engine.reader.latestSequence();
    else {
      if (input.SequenceNumber === undefined || !/^\d+$/.test(input.SequenceNumber))
        throw validation(`Invalid SequenceNumber for ShardIteratorType: ${type}`);
      const seq = Number(input.SequenceNumber);
      const first = engine.reader.bounds(stream.arn).first;
      if (first !== null && seq < first)
        throw new ServiceError(
          'TrimmedDataAccessException',
          'The operation attempted to read past the oldest stream record in a shard.',
        );
      position = type === 'AT_SEQUENCE_NUMBER' ? seq - 1 : seq;
    }
    const now = engine.reader.clock.now();
    return { ShardIterator: encodeIterator({ a: stream.arn, s: input.ShardId, p: position, t: now }) };
  },
});

const getRecords = operation({
  input: s.structure({
    ShardIterator: s.required(s.string({ min: 1, max: 2048 })),
    Limit: s.optional(s.integer({ min: 1, max: 1000 })),
  }),
  run: (input, engine) => {
    const now = engine.reader.clock.now();
    const state = decodeIterator(input.ShardIterator, now);
    const stream = engine.requireStream(state.a);
    // "GetRecords can retrieve a maximum of 1 MB of data or 1000 stream records, whichever comes first."
    const records = [];
    let bytes = 0;
    for (const entry of engine.reader.readRecords(stream.arn, state.p, input.Limit ?? 1000)) {
      bytes += entry.record.dynamodb.SizeBytes;
      if (records.length > 0 && bytes > MAX_RECORDS_BYTES) break;
      records.push(entry);
    }
    const last = records.length > 0 ? records[records.length - 1]!.seq : state.p;
    // A closed shard (stream disabled) with nothing left to read has no next iterator.
    const bounds = stream.disabled_at != null ? engine.reader.bounds(stream.arn) : undefined;
    const exhausted = bounds !== undefined && (bounds.last === null || last >= bounds.last);
    return {
      Records: records.map((r) => r.record),
      ...(exhausted ? {} : { NextShardIterator: encodeIterator({ ...state, p: last, t: now }) }),
    };
  },
});

export const dynamodbStreamsService = defineService<DynamoDbStreams>({
  name: 'dynamodb-streams',
  signingName: 'dynamodb',
  json: { targetPrefix: 'DynamoDBStreams_20120810', version: '1.0' },
  errorNamespace: 'com.amazonaws.dynamodb.v20120810',
  errors: DYNAMODB_ERRORS,
  validationError: dynamodbValidationError,
  operations: {
    DescribeStream: describeStream,
    GetRecords: getRecords,
    GetShardIterator: getShardIterator,
    ListStreams: listStreams,
  },
  create: ({ store, clock }) => new DynamoDbStreams(store, clock),
});

export { lambdaEventRecord } from '../stream-records.js';
export { StreamReader };
