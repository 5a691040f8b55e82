// A Kinesis-sourced stream's reader: once a second on the cloud's clock it reads every shard of its source
// stream through the Kinesis API in-process (ListShards, GetShardIterator, GetRecords), as AWS's Firehose
// reads it, and buffers what it read together with its place in each shard, in one transaction.
// https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html

import type { ClockTimer } from '../../core/clock.js';
import type { Firehose } from './firehose.js';
import type { StreamRow } from './store.js';
import { type Stream, streamOf } from './streams.js';

/** "Firehose reads data from each shard of the Kinesis data stream once per second" (writing-with-kinesis-streams.html). */
const POLL_MS = 1000;
/** GetRecords' largest Limit. */
const READ_LIMIT = 10_000;

interface KinesisRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp?: number | Date;
  Data: Buffer | string;
  PartitionKey: string;
}

export class KinesisReader {
  private timer: ClockTimer | undefined;
  private running = false;
  private stopped = false;
  /** Streams whose last read failed, so the failure is logged once rather than every second. */
  private readonly failing = new Set<number>();

  constructor(private readonly firehose: Firehose) {}

  start(): void {
    if ((this.firehose.sql.kinesisSourced.all() as StreamRow[]).length > 0) this.arm(0);
  }

  /** A new Kinesis-sourced stream: reading starts when it is ACTIVE. */
  watch(_streamId: number, activeAt: number): void {
    this.arm(Math.max(0, activeAt - this.firehose.clock.now()));
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private arm(delayMs: number): void {
    if (this.stopped || this.timer) return;
    this.timer = this.firehose.clock.setTimer(delayMs, () => {
      this.timer = undefined;
      void this.poll();
    });
  }

  private async poll(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const rows = this.firehose.sql.kinesisSourced.all() as StreamRow[];
      const now = this.firehose.clock.now();
      for (const row of rows) if (now >= row.active_at) await this.read(streamOf(row));
      if (rows.length > 0) this.arm(POLL_MS);
    } finally {
      this.running = false;
    }
  }

  private async read(stream: Stream): Promise<void> {
    const source = stream.source!;
    const where = { account: stream.row.account, region: stream.row.region, caller: 'firehose' };
    const call = (operation: string, input: Record<string, unknown>) =>
      this.firehose.call('kinesis', operation, input, where) as Promise<Record<string, unknown>>;
    try {
      const listed = await call('ListShards', { StreamARN: source.KinesisStreamARN });
      const shards = (listed.Shards ?? []) as { ShardId: string }[];
      const checkpoints = new Map(
        (
          this.firehose.sql.checkpoints.all(stream.row.id) as { shard_id: string; sequence_number: string }[]
        ).map((row) => [row.shard_id, row.sequence_number]),
      );
      for (const { ShardId } of shards) {
        const after = checkpoints.get(ShardId);
        const position = after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: after }
          : { ShardIteratorType: 'AT_TIMESTAMP', Timestamp: source.DeliveryStartTimestamp / 1000 };
        const iterator = await call('GetShardIterator', {
          StreamARN: source.KinesisStreamARN,
          ShardId,
          ...position,
        });
        const page = await call('GetRecords', {
          StreamARN: source.KinesisStreamARN,
          ShardIterator: iterator.ShardIterator,
          Limit: READ_LIMIT,
        });
        const records = (page.Records ?? []) as KinesisRecord[];
        if (records.length === 0) continue;
        const last = records[records.length - 1]!.SequenceNumber;
        const current = this.firehose.find(stream.row.account, stream.row.region, stream.row.name);
        if (!current || current.row.id !== stream.row.id) return;
        this.firehose.ingest(
          current,
          records.map((record) => {
            const arrival = arrivalOf(record.ApproximateArrivalTimestamp, this.firehose.clock.now());
            return {
              data: Buffer.isBuffer(record.Data) ? record.Data : Buffer.from(String(record.Data), 'base64'),
              arrival,
              meta: {
                kinesis: {
                  shardId: ShardId,
                  partitionKey: record.PartitionKey,
                  sequenceNumber: record.SequenceNumber,
                  approximateArrivalTimestamp: arrival,
                },
              },
            };
          }),
          () => this.firehose.sql.putCheckpoint.run(stream.row.id, ShardId, last),
        );
      }
      this.failing.delete(stream.row.id);
    } catch (error) {
      if (!this.failing.has(stream.row.id)) {
        this.failing.add(stream.row.id);
        this.firehose.log(
          `firehose: ${stream.row.name} cannot read its source ${source.KinesisStreamARN}: ${(error as Error)?.message ?? error}`,
        );
      }
    }
  }
}

function arrivalOf(value: number | Date | undefined, now: number): number {
  if (value instanceof Date) return value.getTime();
  // awsJson timestamps are epoch seconds.
  return typeof value === 'number' ? Math.round(value * 1000) : now;
}
