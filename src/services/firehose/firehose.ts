// The Firehose engine: streams in SQLite, records buffered in SQLite the moment they are acknowledged,
// and one delivery queue that flushes each buffer when its size or interval hint is reached, on the
// cloud's clock. No AWS wording here: the operations check requests; this stores, buffers and delivers.
// https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html
// https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html

import type { Clock } from '../../core/clock.js';
import { DeliveryQueue } from '../../core/delivery-queue.js';
import type { InProcessCall, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { attemptBuffer } from './delivery/deliver.js';
import {
  BACKUP_PARTITION,
  type BufferedRecord,
  type Emitted,
  ERROR_PARTITION,
  type RecordMeta,
} from './delivery/types.js';
import { backupS3, bufferingOf, type Config, type Destination } from './destinations.js';
import { KinesisReader } from './kinesis-source.js';
import { streamArn } from './names.js';
import { needsProcessing, processingOf } from './processors.js';
import {
  type BufferRow,
  FIREHOSE_MIGRATIONS,
  type FirehoseStatements,
  firehoseStatements,
  type RecordRow,
  type StreamRow,
} from './store.js';
import { CREATING_MS, type Encryption, type KinesisSource, type Stream, streamOf } from './streams.js';

export interface Tag {
  Key: string;
  Value?: string;
}

/** A record as PutRecord (or the Kinesis source) hands it over. */
export interface Incoming {
  readonly data: Buffer;
  readonly arrival: number;
  readonly meta?: RecordMeta;
}

export interface NewStream {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly type: string;
  readonly source: KinesisSource | undefined;
  readonly destination: Destination;
  readonly encryption: Encryption;
  readonly tags: readonly Tag[];
}

export class Firehose implements ServiceEngine {
  readonly sql: FirehoseStatements;
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly log: (message: string) => void;
  private readonly queue: DeliveryQueue<BufferRow>;
  private readonly kinesis: KinesisReader;

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.log = deps.log;
    deps.store.migrate('firehose', FIREHOSE_MIGRATIONS);
    this.sql = firehoseStatements(deps.store);
    this.queue = new DeliveryQueue<BufferRow>({
      clock: deps.clock,
      due: (now, limit) => this.sql.dueBuffers.all(now, limit) as BufferRow[],
      nextDueAfter: (now) => (this.sql.nextDue.get(now) as { at: number | null }).at,
      attempt: (buffer) => this.attempt(buffer),
      // An endpoint or a Lambda function can take seconds; other streams' buffers go on meanwhile.
      runsAlongside: () => true,
      log: deps.log,
    });
    this.kinesis = new KinesisReader(this);
  }

  find(account: string, region: string, name: string): Stream | undefined {
    const row = this.sql.stream.get(account, region, name) as StreamRow | undefined;
    return row && streamOf(row);
  }

  count(account: string, region: string): number {
    return (this.sql.countStreams.get(account, region) as { n: number }).n;
  }

  create(stream: NewStream): Stream {
    const now = this.clock.now();
    const row = this.sql.insertStream.get({
      account: stream.account,
      region: stream.region,
      name: stream.name,
      arn: streamArn(stream.account, stream.region, stream.name),
      type: stream.type,
      now,
      active_at: now + CREATING_MS,
      source: stream.source ? JSON.stringify(stream.source) : null,
      destination: JSON.stringify(stream.destination),
      encryption: JSON.stringify(stream.encryption),
      tags: JSON.stringify(stream.tags),
    }) as StreamRow;
    if (stream.source) this.kinesis.watch(row.id, row.active_at);
    return streamOf(row);
  }

  /** Deletes the stream with whatever it still buffers (AWS: "data … that has not been delivered is lost"). */
  delete(stream: Stream): void {
    this.sql.deleteStream.run(stream.row.id);
  }

  /** Names after `after`, in order, of the given type (or any). */
  *names(account: string, region: string, after: string, type?: string): Generator<string> {
    for (const row of this.sql.listStreams.iterate(account, region, after) as IterableIterator<{
      name: string;
      type: string;
    }>) {
      if (type === undefined || row.type === type) yield row.name;
    }
  }

  setDestination(stream: Stream, destination: Destination): void {
    this.sql.setDestination.run(JSON.stringify(destination), this.clock.now(), stream.row.id);
  }

  setEncryption(stream: Stream, encryption: Encryption): void {
    this.sql.setEncryption.run(JSON.stringify(encryption), this.clock.now(), stream.row.id);
  }

  tags(stream: Stream): Tag[] {
    return JSON.parse(stream.row.tags) as Tag[];
  }

  setTags(stream: Stream, tags: readonly Tag[]): void {
    this.sql.setTags.run(JSON.stringify(tags), stream.row.id);
  }

  /** Buffers records in one transaction: once this returns they survive a kill and will be delivered. */
  ingest(stream: Stream, records: readonly Incoming[], after?: () => void): void {
    const processing = processingOf(stream.destination);
    const stage = needsProcessing(processing) ? 0 : 1;
    const backup =
      stream.destination.kind === 'ExtendedS3' && stream.destination.config.S3BackupMode === 'Enabled';
    this.store.transaction(() => {
      let bytes = 0;
      let oldest = Number.POSITIVE_INFINITY;
      for (const record of records) {
        this.sql.insertRecord.run(stream.row.id, stage, '', record.arrival, record.data, meta(record.meta));
        bytes += record.data.length;
        oldest = Math.min(oldest, record.arrival);
      }
      this.grow(stream, stage, '', bytes, records.length, oldest);
      // S3BackupMode Enabled: "Firehose backs up all incoming source data" to S3BackupConfiguration.
      if (backup)
        this.emit(
          stream,
          records.map((record) => ({ ...record, stage: 1, partition: BACKUP_PARTITION })),
        );
      after?.();
    });
  }

  reset(): void {
    this.sql.deleteAll.run();
  }

  started(): void {
    this.queue.kick();
    this.kinesis.start();
  }

  stop(): void {
    this.queue.stop();
    this.kinesis.stop();
  }

  /** Adds to a buffer's running size; a buffer past its size hint falls due now, a new one at its interval. */
  private grow(
    stream: Stream,
    stage: number,
    partition: string,
    bytes: number,
    count: number,
    oldest: number,
  ): void {
    if (count === 0) return;
    const hints = this.hintsFor(stream, stage, partition);
    const existing = this.sql.buffer.get(stream.row.id, stage, partition) as BufferRow | undefined;
    const now = this.clock.now();
    let due: number;
    if (!existing) {
      due = bytes >= hints.sizeBytes ? now : oldest + hints.intervalMs;
      this.sql.insertBuffer.run(stream.row.id, stage, partition, bytes, count, due);
    } else {
      // A buffer whose deliveries fail keeps its retry time: more records do not hurry the retry.
      const full = existing.bytes + bytes >= hints.sizeBytes && existing.failing_since === null;
      due = full ? now : existing.due_at;
      this.sql.growBuffer.run(bytes, count, due, existing.id);
    }
    this.queue.kick(due);
  }

  private emit(stream: Stream, emitted: readonly Emitted[]): void {
    const groups = new Map<string, Emitted[]>();
    for (const record of emitted) {
      const key = `${record.stage}\u0000${record.partition}`;
      const group = groups.get(key);
      if (group) group.push(record);
      else groups.set(key, [record]);
    }
    for (const group of groups.values()) {
      const { stage, partition } = group[0]!;
      let bytes = 0;
      let oldest = Number.POSITIVE_INFINITY;
      for (const record of group) {
        this.sql.insertRecord.run(
          stream.row.id,
          stage,
          partition,
          record.arrival,
          record.data,
          meta(record.meta),
        );
        bytes += record.data.length;
        oldest = Math.min(oldest, record.arrival);
      }
      this.grow(stream, stage, partition, bytes, group.length, oldest);
    }
  }

  /** The processor's hints for received records (none without a Lambda processor: metadata extraction
   * runs at once), the destination's for delivery, the S3 configuration's for errors and backups. */
  private hintsFor(
    stream: Stream,
    stage: number,
    partition: string,
  ): { sizeBytes: number; intervalMs: number } {
    if (stage === 0) {
      const lambda = processingOf(stream.destination).lambda;
      return lambda
        ? { sizeBytes: lambda.sizeBytes, intervalMs: lambda.intervalMs }
        : { sizeBytes: 0, intervalMs: 0 };
    }
    if (partition.startsWith(ERROR_PARTITION) || partition === BACKUP_PARTITION) {
      const s3 =
        partition === BACKUP_PARTITION && stream.destination.kind === 'ExtendedS3'
          ? (stream.destination.config.S3BackupConfiguration as Config | undefined)
          : backupS3(stream.destination);
      return bufferingOf({ kind: 'ExtendedS3', config: s3 ?? {} });
    }
    return bufferingOf(stream.destination);
  }

  private async attempt(due: BufferRow): Promise<void> {
    const buffer = this.sql.bufferById.get(due.id) as BufferRow | undefined;
    const row = buffer && (this.sql.streamById.get(buffer.stream_id) as StreamRow | undefined);
    if (!buffer || !row) return;
    const stream = streamOf(row);
    const hints = this.hintsFor(stream, buffer.stage, buffer.partition);
    // A buffer without a size hint (records waiting only for metadata extraction) is taken a batch at a time.
    const records = this.take(buffer, hints.sizeBytes > 0 ? hints.sizeBytes : UNHINTED_BATCH_BYTES);
    if (records.length === 0) {
      this.sql.deleteBuffer.run(buffer.id);
      return;
    }
    const outcome = await attemptBuffer(this, stream, buffer, records);
    if (this.queue.stopped) return;
    const last = records[records.length - 1]!.id;
    this.store.transaction(() => {
      // The stream may have been deleted while the attempt ran: its rows went with it.
      if (!this.sql.streamById.get(stream.row.id)) return;
      if (!outcome.done) {
        this.sql.retryBuffer.run(
          outcome.retryAt,
          buffer.failing_since ?? this.clock.now(),
          buffer.attempts + 1,
          buffer.id,
        );
        this.queue.kick(outcome.retryAt);
        return;
      }
      this.sql.deleteRecordsUpTo.run(stream.row.id, buffer.stage, buffer.partition, last);
      this.settle(stream, buffer, hints);
      this.emit(stream, outcome.emitted);
    });
  }

  /** The oldest records of the buffer, up to the size hint (at least one). */
  private take(buffer: BufferRow, sizeBytes: number): BufferedRecord[] {
    const records: BufferedRecord[] = [];
    let bytes = 0;
    for (const row of this.sql.bufferRecords.iterate(
      buffer.stream_id,
      buffer.stage,
      buffer.partition,
    ) as IterableIterator<RecordRow>) {
      if (records.length > 0 && bytes + row.data.length > sizeBytes) break;
      records.push({
        id: row.id,
        arrival: row.arrival_ms,
        data: row.data,
        meta: row.meta ? (JSON.parse(row.meta) as RecordMeta) : undefined,
      });
      bytes += row.data.length;
    }
    return records;
  }

  /** After a delivery: the buffer holds what arrived meanwhile, due by its own oldest record. */
  private settle(stream: Stream, buffer: BufferRow, hints: { sizeBytes: number; intervalMs: number }): void {
    const left = this.sql.remaining.get(stream.row.id, buffer.stage, buffer.partition) as {
      count: number;
      bytes: number;
      oldest: number | null;
    };
    if (left.count === 0) {
      this.sql.deleteBuffer.run(buffer.id);
      return;
    }
    const due = left.bytes >= hints.sizeBytes ? this.clock.now() : (left.oldest ?? 0) + hints.intervalMs;
    this.sql.setBuffer.run(left.bytes, left.count, due, buffer.id);
    this.queue.kick(due);
  }
}

/** How much of a buffer without a size hint one attempt takes. */
const UNHINTED_BATCH_BYTES = 4 * 1024 * 1024;

function meta(value: RecordMeta | undefined): string | null {
  return value ? JSON.stringify(value) : null;
}
