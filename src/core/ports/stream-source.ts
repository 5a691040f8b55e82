// The stream-source port: what Lambda's one stream poller asks of a stream it maps to a function, implemented
// by each service that owns such streams (DynamoDB Streams, Kinesis), so Lambda never imports their files.
// The poller knows shards, positions, sequence numbers and records in this form only; each source turns its
// own records into the event record AWS hands the function (`Records[].dynamodb`, `Records[].kinesis`).
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html

/** A shard and its lineage, as the source lists it (oldest first). */
export interface SourceShard {
  readonly shardId: string;
  /** The shard it was split from, or the first of two merged into it. */
  readonly parentShardId?: string;
  /** The second of two shards merged into it (Kinesis MergeShards). */
  readonly adjacentParentShardId?: string;
  readonly startingSequenceNumber: string;
  /** Set once the shard is closed: no record is written to it after this one. */
  readonly endingSequenceNumber?: string;
}

/** Where a shard is read from: the positions both services' GetShardIterator take. */
export type SourcePosition =
  | { readonly type: 'TRIM_HORIZON' | 'LATEST' }
  | { readonly type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string }
  /** Kinesis only: the first record that arrived at or after `timestamp` (epoch ms). */
  | { readonly type: 'AT_TIMESTAMP'; readonly timestamp: number };

/** A record as the poller handles it. */
export interface SourceRecord {
  /** Sorts with the shard's other records (numerically); what checkpoints and batchItemFailures name. */
  readonly sequenceNumber: string;
  /** When the record reached the stream (epoch ms): record age, tumbling windows, failure records. */
  readonly arrivalMs: number;
  /** Records with the same key keep their order across ParallelizationFactor lanes: DynamoDB's item keys,
   * Kinesis's partition key. */
  readonly laneKey: string;
  /** The record as it appears in the function's event (`Records[i]`), eventSourceARN included. */
  readonly eventRecord: Record<string, unknown>;
  /** What a mapping's FilterCriteria patterns are matched against (Kinesis: `data` decoded as JSON when it
   * is JSON). https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html */
  readonly filterSubject: unknown;
}

export interface SourcePage {
  readonly records: readonly SourceRecord[];
  /** Absent once a closed shard has been read to its end. */
  readonly nextIterator?: string;
}

export interface StreamSource {
  /** The ARN service of the streams this source owns (`dynamodb`, `kinesis`): how a mapping finds it. */
  readonly arnService: string;
  /** The key under which a failure record describes a discarded batch (`DDBStreamBatchInfo`,
   * `KinesisBatchInfo`). */
  readonly batchInfoKey: string;
  /** True when sequence numbers grow across the whole stream (DynamoDB's), not only within a shard: a
   * checkpoint then also places shards that have none (see Lambda's stream-shards.ts). */
  readonly streamWideSequenceNumbers: boolean;
  /** How long the stream keeps a record (ms): `-1` retry limits mean "until the record expires". */
  retentionMs(sourceArn: string): number;
  /** The stream a mapping's EventSourceArn reads (a Kinesis consumer's ARN names its stream's), or
   * undefined when there is no such stream: what CreateEventSourceMapping checks. */
  streamArnOf(sourceArn: string): string | undefined;
  /** Every shard still listed, oldest first, and whether the stream will never be written again (a disabled
   * DynamoDB stream); throws the source's ServiceError when the stream is gone. */
  shards(sourceArn: string): Promise<{ shards: SourceShard[]; ended: boolean }>;
  /** An iterator at `position`; throws TrimmedDataAccessException (DynamoDB) for a position past retention. */
  iterator(sourceArn: string, shardId: string, position: SourcePosition): Promise<string>;
  /** Up to `limit` records from `iterator`, and the iterator to read next. */
  read(iterator: string, limit: number): Promise<SourcePage>;
  /** Where a LATEST mapping starts, read in the caller's transaction: each open shard after the newest
   * record, each closed shard as finished (`finished`). */
  latestStart(sourceArn: string, finished: string): [shardId: string, checkpoint: string][];
  /** The newest sequence number the stream has handed out (where LATEST is now). */
  latestSequenceNumber(sourceArn: string): string;
  /** Calls `listener` after a write to the stream, so an idle poller reads at once rather than at its next
   * poll; returns the unsubscribe. */
  watch(sourceArn: string, listener: () => void): () => void;
}
