// The Kinesis engine: streams with their shards, records, consumers, tags and policies, in SQLite. No HTTP
// and no AWS wording of rules here beyond the not-found errors: operations check requests, this stores and
// reads. Statuses are computed on read (status.ts); a reshard a stream is UPDATING for is applied the first
// time the stream is read after its UPDATING time is over, in that read's transaction.
// https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html

import type { Clock } from '../../core/clock.js';
import type { ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { streamNotFound } from './errors.js';
import { evenRanges, type HashKeyRange } from './hash-keys.js';
import { KinesisMetrics } from './metrics.js';
import { type StreamReference, streamArn } from './names.js';
import { applyReshard, type Reshard } from './resharding.js';
import { sequenceNumber } from './sequence-numbers.js';
import { currentStatus, STATUS_MS } from './status.js';
import {
  type ConsumerRow,
  KINESIS_MIGRATIONS,
  type KinesisStatements,
  kinesisStatements,
  type ShardRow,
  type StreamRow,
} from './store.js';
import { ShardThrottle } from './throttle.js';

/** "The default retention period is 24 hours"; it may be raised to 8760 hours (365 days). */
export const DEFAULT_RETENTION_HOURS = 24;
/** An on-demand stream starts with 4 shards (4 MB/s of write capacity), as AWS makes them. */
export const ON_DEMAND_SHARDS = 4;

export interface NewStream {
  readonly mode: 'PROVISIONED' | 'ON_DEMAND';
  readonly shardCount: number;
  readonly tags: Record<string, string>;
  readonly maxRecordKib: number;
}

export class Kinesis implements ServiceEngine {
  readonly sql: KinesisStatements;
  readonly store: Store;
  readonly clock: Clock;
  readonly throttle: ShardThrottle;
  /** The AWS/Kinesis metrics (metrics.ts). */
  readonly metrics: KinesisMetrics;
  /** When each consumer last subscribed to each shard (`consumerArn shardId` → cloud ms): SubscribeToShard's
   * five-second rule. */
  readonly subscriptions = new Map<string, number>();
  private readonly watchers = new Map<number, Set<() => void>>();

  constructor(deps: Pick<ServiceDeps, 'store' | 'clock'> & Partial<Pick<ServiceDeps, 'metrics'>>) {
    this.store = deps.store;
    this.metrics = new KinesisMetrics(deps.metrics);
    this.clock = deps.clock;
    deps.store.migrate('kinesis', KINESIS_MIGRATIONS);
    this.sql = kinesisStatements(deps.store);
    this.throttle = new ShardThrottle(process.env.NIMBUS_KINESIS_THROTTLE === '1');
  }

  now(): number {
    return this.clock.now();
  }

  /** The stream, settled (a finished UPDATING applied); undefined when there is none. */
  find(ref: StreamReference): StreamRow | undefined {
    const row = this.sql.stream.get(ref.account, ref.region, ref.name) as StreamRow | undefined;
    return row && this.settle(row);
  }

  /** The stream, or AWS's ResourceNotFoundException naming it. */
  require(ref: StreamReference): StreamRow {
    const row = this.find(ref);
    if (!row) throw streamNotFound(ref.name, ref.account);
    return row;
  }

  byId(id: number): StreamRow | undefined {
    const row = this.sql.streamById.get(id) as StreamRow | undefined;
    return row && this.settle(row);
  }

  status(row: StreamRow): string {
    return currentStatus(row, this.now());
  }

  arnOf(row: StreamRow): string {
    return streamArn(row.account, row.region, row.name);
  }

  /** Streams of the account and region whose names sort after `after`, in name order (lazily). */
  *streamsAfter(account: string, region: string, after: string): Generator<StreamRow> {
    for (const row of this.sql.streamsAfter.iterate(account, region, after) as IterableIterator<StreamRow>) {
      yield row;
    }
  }

  accountStreams(account: string, region: string): StreamRow[] {
    return this.sql.accountStreams.all(account, region) as StreamRow[];
  }

  /** Open provisioned shards in the account and region: what the shard quota counts. */
  openShardCount(account: string, region: string): number {
    return (this.sql.openShardCount.get(account, region) as { n: number }).n;
  }

  create(ref: StreamReference, spec: NewStream): StreamRow {
    const now = this.now();
    return this.store.transaction(() => {
      const row = this.sql.insertStream.get({
        account: ref.account,
        region: ref.region,
        name: ref.name,
        created_at: now,
        status: 'CREATING',
        status_until: now + STATUS_MS.CREATING,
        mode: spec.mode,
        retention_hours: DEFAULT_RETENTION_HOURS,
        tags: JSON.stringify(spec.tags),
        max_record_kib: spec.maxRecordKib,
        next_shard: 0,
      }) as StreamRow;
      for (const range of evenRanges(spec.shardCount)) this.openShard(row, range, now, undefined, undefined);
      return row;
    });
  }

  /** Deletes the stream with its shards, records and consumers (cascading) at once: DELETING would be over
   * by the next call anyway. */
  delete(row: StreamRow): void {
    this.store.transaction(() => {
      const arn = this.arnOf(row);
      this.sql.deletePoliciesUnder.run(arn, `${arn.replace(/[\\%_]/g, '\\$&')}/consumer/%`);
      this.sql.deleteStream.run(row.id);
    });
    this.notify(row.id);
    this.watchers.delete(row.id);
  }

  /** Puts the stream in UPDATING for AWS's short while; `reshard` is applied once that is over. */
  beginUpdate(row: StreamRow, reshard?: Reshard): void {
    this.sql.setStatus.run(
      'UPDATING',
      this.now() + STATUS_MS.UPDATING,
      reshard ? JSON.stringify(reshard) : null,
      row.id,
    );
  }

  /** Every shard still listed, by index: closed shards go once their records are past retention. */
  shards(row: StreamRow): ShardRow[] {
    const cutoff = this.now() - row.retention_hours * 3_600_000;
    return (this.sql.shards.all(row.id) as ShardRow[]).filter(
      (shard) => shard.closed_at === null || shard.closed_at >= cutoff,
    );
  }

  openShards(row: StreamRow): ShardRow[] {
    return this.sql.openShards.all(row.id) as ShardRow[];
  }

  shard(row: StreamRow, index: number): ShardRow | undefined {
    return this.shards(row).find((shard) => shard.idx === index);
  }

  /** Opens a shard whose first record will take the stream's next counter. */
  openShard(
    row: StreamRow,
    range: HashKeyRange,
    at: number,
    parent: number | undefined,
    adjacentParent: number | undefined,
  ): ShardRow {
    const idx = (this.sql.takeShardIndex.get(row.id) as { idx: number }).idx;
    const start = (this.sql.streamById.get(row.id) as StreamRow).next_seq;
    const shard: ShardRow = {
      stream_id: row.id,
      idx,
      parent: parent ?? null,
      adjacent_parent: adjacentParent ?? null,
      hash_start: range.start.toString(),
      hash_end: range.end.toString(),
      start_seq: start,
      end_seq: null,
      created_at: at,
      closed_at: null,
    };
    this.sql.insertShard.run(shard);
    return shard;
  }

  /** Closes a shard after the last record the stream has handed out. */
  closeShard(row: StreamRow, shard: ShardRow, at: number): void {
    const next = (this.sql.streamById.get(row.id) as StreamRow).next_seq;
    this.sql.closeShard.run(next - 1, at, row.id, shard.idx);
  }

  /** The StartingSequenceNumber and (once closed) EndingSequenceNumber AWS lists for a shard. */
  sequenceRange(
    row: StreamRow,
    shard: ShardRow,
  ): { StartingSequenceNumber: string; EndingSequenceNumber?: string } {
    const streamSeconds = Math.floor(row.created_at / 1000);
    const starting = sequenceNumber({
      streamSeconds,
      counter: shard.start_seq,
      shard: shard.idx,
      ending: false,
    });
    if (shard.end_seq === null) return { StartingSequenceNumber: starting };
    return {
      StartingSequenceNumber: starting,
      EndingSequenceNumber: sequenceNumber({
        streamSeconds,
        counter: shard.end_seq,
        shard: shard.idx,
        ending: true,
      }),
    };
  }

  consumers(row: StreamRow): ConsumerRow[] {
    return this.sql.consumers.all(row.id) as ConsumerRow[];
  }

  consumer(row: StreamRow, name: string): ConsumerRow | undefined {
    return this.sql.consumer.get(row.id, name) as ConsumerRow | undefined;
  }

  consumerByArn(arn: string): ConsumerRow | undefined {
    return this.sql.consumerByArn.get(arn) as ConsumerRow | undefined;
  }

  tags(row: { tags: string }): Record<string, string> {
    return JSON.parse(row.tags) as Record<string, string>;
  }

  /** Calls `listener` after every write to the stream (the stream-source port's `watch`). */
  watch(row: StreamRow, listener: () => void): () => void {
    let listeners = this.watchers.get(row.id);
    if (!listeners) {
      listeners = new Set();
      this.watchers.set(row.id, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Tells the stream's watchers it was written (after the transaction committed). */
  notify(streamId: number): void {
    const listeners = this.watchers.get(streamId);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // A watcher's failure is its own; the write stands.
      }
    }
  }

  reset(): void {
    this.sql.deleteAll.run();
    this.sql.deleteAllPolicies.run();
    this.throttle.reset();
  }

  stop(): void {
    this.watchers.clear();
  }

  /** Applies a reshard whose UPDATING time is over; the stream is ACTIVE from then on. */
  private settle(row: StreamRow): StreamRow {
    if (row.pending === null || this.now() < row.status_until) return row;
    this.store.transaction(() => {
      applyReshard(this, row, JSON.parse(row.pending!) as Reshard, row.status_until);
      this.sql.setStatus.run(row.status, row.status_until, null, row.id);
    });
    this.notify(row.id);
    return this.sql.streamById.get(row.id) as StreamRow;
  }
}
