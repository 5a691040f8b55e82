// DynamoDB Streams as a stream source for Lambda's stream mappings (core/ports/stream-source.ts): shards and
// records through the Streams API's own operations (so a mapping's reads are operation events, as Lambda's
// GetRecords calls are on AWS), and a LATEST start read straight from the store in the caller's transaction.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html

import { parseArn } from '../../../core/arn.js';
import type {
  SourcePosition,
  SourceRecord,
  SourceShard,
  StreamSource,
} from '../../../core/ports/stream-source.js';
import type { InProcessCall } from '../../../core/service.js';
import { lambdaEventRecord, RETENTION_MS, type StreamRecord } from '../stream-records.js';
import type { StreamWrites } from '../stream-writes.js';
import type { DynamoDbStreams } from './engine.js';
import { sequenceNumber } from './stream-reader.js';

interface ApiShard {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export function dynamodbStreamSource(
  engine: DynamoDbStreams,
  call: InProcessCall,
  writes: StreamWrites,
): StreamSource {
  const scopeOf = (streamArn: string) => {
    const arn = parseArn(streamArn);
    return { account: arn?.account ?? '', region: arn?.region ?? '', caller: 'lambda' };
  };
  const api = (operation: string, streamArn: string, input: Record<string, unknown>) =>
    call('dynamodb-streams', operation, input, scopeOf(streamArn));
  return {
    arnService: 'dynamodb',
    batchInfoKey: 'DDBStreamBatchInfo',
    streamWideSequenceNumbers: true,
    retentionMs: () => RETENTION_MS,
    streamArnOf: (sourceArn) => (engine.reader.findStream(sourceArn) ? sourceArn : undefined),
    async shards(streamArn) {
      const shards: SourceShard[] = [];
      let start: string | undefined;
      let ended = false;
      do {
        const { StreamDescription } = (await api('DescribeStream', streamArn, {
          StreamArn: streamArn,
          ...(start ? { ExclusiveStartShardId: start } : {}),
        })) as {
          StreamDescription: { Shards: ApiShard[]; StreamStatus: string; LastEvaluatedShardId?: string };
        };
        for (const shard of StreamDescription.Shards)
          shards.push({
            shardId: shard.ShardId,
            ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
            startingSequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber,
            ...(shard.SequenceNumberRange.EndingSequenceNumber
              ? { endingSequenceNumber: shard.SequenceNumberRange.EndingSequenceNumber }
              : {}),
          });
        ended = StreamDescription.StreamStatus === 'DISABLED';
        start = StreamDescription.LastEvaluatedShardId;
      } while (start);
      return { shards, ended };
    },
    async iterator(streamArn, shardId, position: SourcePosition) {
      if (position.type === 'AT_TIMESTAMP') throw new Error('DynamoDB streams have no AT_TIMESTAMP iterator');
      const { ShardIterator } = (await api('GetShardIterator', streamArn, {
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: position.type,
        ...('sequenceNumber' in position ? { SequenceNumber: position.sequenceNumber } : {}),
      })) as { ShardIterator: string };
      // The iterator handed to the poller carries its stream's ARN, so a read is made in the stream's
      // account and region.
      return `${streamArn}\n${ShardIterator}`;
    },
    async read(scoped, limit) {
      const [streamArn, iterator] = splitScoped(scoped);
      const page = (await api('GetRecords', streamArn, { ShardIterator: iterator, Limit: limit })) as {
        Records: StreamRecord[];
        NextShardIterator?: string;
      };
      return {
        records: page.Records.map((record) => sourceRecord(record, streamArn)),
        ...(page.NextShardIterator ? { nextIterator: `${streamArn}\n${page.NextShardIterator}` } : {}),
      };
    },
    latestStart(streamArn, finished) {
      const stream = engine.reader.findStream(streamArn);
      if (!stream) return [];
      const tip = sequenceNumber(engine.reader.latestSequence());
      return engine.reader.shards(stream).map((shard) => [shard.id, shard.closed ? finished : tip]);
    },
    latestSequenceNumber: () => sequenceNumber(engine.reader.latestSequence()),
    // The DynamoDB engine raises the signal for each stream it writes (stream-writes.ts).
    watch: (streamArn, listener) => writes.watch(streamArn, listener),
  };
}

function sourceRecord(record: StreamRecord, streamArn: string): SourceRecord {
  return {
    sequenceNumber: record.dynamodb.SequenceNumber,
    arrivalMs: record.dynamodb.ApproximateCreationDateTime * 1000,
    // Records of one item (same keys) always share a lane, so they stay in order.
    laneKey: JSON.stringify(record.dynamodb.Keys),
    eventRecord: lambdaEventRecord(record, streamArn),
    filterSubject: record,
  };
}

function splitScoped(scoped: string): [streamArn: string, iterator: string] {
  const at = scoped.indexOf('\n');
  return [scoped.slice(0, at), scoped.slice(at + 1)];
}
