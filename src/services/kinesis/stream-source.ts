// Kinesis as a stream source for Lambda's one stream poller (core/ports/stream-source.ts): its shards,
// iterators and records in the poller's form, each record as AWS hands it to the function.
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-kinesis

import type { SourceRecord, SourceShard, StreamSource } from '../../core/ports/stream-source.js';
import { shardDoesNotExist, streamNotFound } from './errors.js';
import { decodeIterator, encodeIterator } from './iterators.js';
import type { Kinesis } from './kinesis.js';
import { parseConsumerArn, parseShardId, parseStreamArn, shardIdOf } from './names.js';
import { startingCounter } from './positions.js';
import { readShard } from './records.js';
import { sequenceNumber } from './sequence-numbers.js';
import type { RecordRow, StreamRow } from './store.js';

export function kinesisStreamSource(kinesis: Kinesis): StreamSource {
  /** The stream an ARN names: a stream ARN, or a consumer's (which reads its stream). */
  const findStream = (sourceArn: string): StreamRow | undefined => {
    const consumer = parseConsumerArn(sourceArn);
    if (consumer && !kinesis.consumerByArn(sourceArn)) return undefined;
    const ref = parseStreamArn(consumer ? consumer.streamArn : sourceArn);
    return ref && kinesis.find(ref);
  };
  const requireStream = (sourceArn: string): StreamRow => {
    const stream = findStream(sourceArn);
    if (!stream) {
      const ref = parseStreamArn(parseConsumerArn(sourceArn)?.streamArn ?? sourceArn);
      throw streamNotFound(ref?.name ?? sourceArn, ref?.account ?? '');
    }
    return stream;
  };
  const seq = (stream: StreamRow, counter: number, shard: number) =>
    sequenceNumber({ streamSeconds: Math.floor(stream.created_at / 1000), counter, shard, ending: false });

  return {
    arnService: 'kinesis',
    batchInfoKey: 'KinesisBatchInfo',
    // Nimbus's counter runs across the stream, but AWS promises order within a shard only, and a Kinesis
    // checkpoint is a shard's own sequence number: the poller treats them as AWS's.
    streamWideSequenceNumbers: false,
    retentionMs: (sourceArn) => (findStream(sourceArn)?.retention_hours ?? 24) * 3_600_000,
    streamArnOf: (sourceArn) => {
      const stream = findStream(sourceArn);
      return stream && kinesis.arnOf(stream);
    },
    shards: async (sourceArn) => {
      const stream = requireStream(sourceArn);
      const shards = kinesis.shards(stream).map((shard): SourceShard => {
        const range = kinesis.sequenceRange(stream, shard);
        return {
          shardId: shardIdOf(shard.idx),
          ...(shard.parent !== null ? { parentShardId: shardIdOf(shard.parent) } : {}),
          ...(shard.adjacent_parent !== null
            ? { adjacentParentShardId: shardIdOf(shard.adjacent_parent) }
            : {}),
          startingSequenceNumber: range.StartingSequenceNumber,
          ...(range.EndingSequenceNumber ? { endingSequenceNumber: range.EndingSequenceNumber } : {}),
        };
      });
      // A Kinesis stream is written until it is deleted.
      return { shards, ended: false };
    },
    iterator: async (sourceArn, shardId, position) => {
      const stream = requireStream(sourceArn);
      const index = parseShardId(shardId);
      const shard = index === undefined ? undefined : kinesis.shard(stream, index);
      if (!shard) throw shardDoesNotExist(shardId, stream.name, stream.account);
      const counter = startingCounter(
        kinesis,
        stream,
        shard,
        {
          type: position.type,
          sequenceNumber: 'sequenceNumber' in position ? position.sequenceNumber : undefined,
          timestamp: 'timestamp' in position ? position.timestamp : undefined,
        },
        'GetShardIterator',
        // The poller may place a shard by a sequence number of the stream's (latestSequenceNumber).
        { anyShard: true },
      );
      return encodeIterator({
        account: stream.account,
        region: stream.region,
        stream: stream.name,
        streamCreated: stream.created_at,
        shard: shard.idx,
        position: counter,
        issued: kinesis.now(),
      });
    },
    read: async (iterator, limit) => {
      // In-process iterators do not expire: the poller keeps its own checkpoints.
      const state = decodeIterator(iterator, kinesis.now(), false);
      const stream = kinesis.find({ account: state.account, region: state.region, name: state.stream });
      const shard =
        stream && stream.created_at === state.streamCreated ? kinesis.shard(stream, state.shard) : undefined;
      if (!stream || !shard) throw shardDoesNotExist(shardIdOf(state.shard), state.stream, state.account);
      const page = readShard(kinesis, stream, shard, state.position, limit);
      // A mapping's read is a GetRecords call on AWS, counted in the stream's GetRecords metrics.
      kinesis.metrics.read(stream, page.records, kinesis.now(), 0);
      return {
        records: page.records.map((record) => sourceRecord(kinesis, stream, record)),
        ...(page.ended
          ? {}
          : { nextIterator: encodeIterator({ ...state, position: page.next, issued: kinesis.now() }) }),
      };
    },
    latestStart: (sourceArn, finished) => {
      const stream = requireStream(sourceArn);
      const newest = stream.next_seq - 1;
      return kinesis
        .shards(stream)
        .map((shard): [string, string] => [
          shardIdOf(shard.idx),
          shard.closed_at === null ? seq(stream, newest, shard.idx) : finished,
        ]);
    },
    latestSequenceNumber: (sourceArn) => {
      const stream = requireStream(sourceArn);
      // The counter orders sequence numbers; the shard digits below it do not change the comparison.
      return seq(stream, stream.next_seq - 1, 0);
    },
    watch: (sourceArn, listener) => {
      const stream = findStream(sourceArn);
      return stream ? kinesis.watch(stream, listener) : () => {};
    },
  };
}

/** A record as the poller handles it, with AWS's event record (`invokeIdentityArn`, the function's role,
 * is the poller's to add: the stream does not know it). */
function sourceRecord(kinesis: Kinesis, stream: StreamRow, record: RecordRow): SourceRecord {
  const sequenceNumberText = sequenceNumber({
    streamSeconds: Math.floor(stream.created_at / 1000),
    counter: record.seq,
    shard: record.shard,
    ending: false,
  });
  const kinesisRecord = {
    kinesisSchemaVersion: '1.0',
    partitionKey: record.partition_key,
    sequenceNumber: sequenceNumberText,
    data: record.data.toString('base64'),
    approximateArrivalTimestamp: record.arrival_ms / 1000,
  };
  return {
    sequenceNumber: sequenceNumberText,
    arrivalMs: record.arrival_ms,
    laneKey: record.partition_key,
    eventRecord: {
      kinesis: kinesisRecord,
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${shardIdOf(record.shard)}:${sequenceNumberText}`,
      eventName: 'aws:kinesis:record',
      awsRegion: stream.region,
      eventSourceARN: kinesis.arnOf(stream),
    },
    // "Lambda … filters on the data … when it is a valid JSON object"; other data stays base64 text.
    filterSubject: { ...kinesisRecord, data: jsonData(record.data) ?? kinesisRecord.data },
  };
}

function jsonData(data: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(data.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
