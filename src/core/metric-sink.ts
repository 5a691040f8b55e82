// The metric sink behind `deps.metrics` (core/ports/metrics.ts): observations are summed in memory per metric
// and minute (per second for high resolution) and written to CloudWatch as one aggregate each, when the
// minute's tick fires on the cloud clock or when CloudWatch is about to read. AWS publishes its services'
// metrics the same way, as one-minute aggregates with values for percentiles.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric

import type { Clock, ClockTimer } from './clock.js';
import type {
  AggregatedDatum,
  MetricScope,
  MetricSeries,
  MetricSink,
  MetricWriter,
  Observation,
} from './ports/metrics.js';

const MINUTE_MS = 60_000;
/** Distinct values kept exactly per metric and minute; past that, values go into ~1% wide bins, as
 * CloudWatch approximates percentiles of large samples. */
const EXACT_VALUES = 256;
const BIN_BASE = Math.log(1.01);
const MAX_LOOKED_UP_SERIES = 10_000;

interface Bucket {
  readonly series: Series;
  readonly timestampMs: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  values: Map<number, number>;
  binned: boolean;
  /** Set once written: a later observation starts a new bucket. */
  written: boolean;
}

/** The metric a series stands for, without its values. */
export type MetricIdentity = Omit<Observation, 'value' | 'count' | 'timestampMs'>;

/** One metric's running aggregate: a hot path holds one and adds to it with no lookup at all. */
export class Series implements MetricSeries {
  private bucket: Bucket | undefined;
  private readonly resolutionMs: number;

  constructor(
    private readonly sink: MetricAggregator,
    readonly scope: MetricScope,
    readonly metric: MetricIdentity,
  ) {
    this.resolutionMs = metric.storageResolution === 1 ? 1000 : MINUTE_MS;
  }

  add(value: number, count = 1, at = this.sink.now()): void {
    const timestampMs = at - (at % this.resolutionMs);
    let bucket = this.bucket;
    if (!bucket || bucket.written || bucket.timestampMs !== timestampMs) {
      bucket = {
        series: this,
        timestampMs,
        count: 0,
        sum: 0,
        min: value,
        max: value,
        values: new Map(),
        binned: false,
        written: false,
      };
      this.bucket = bucket;
      this.sink.pendingBucket(bucket);
    }
    bucket.count += count;
    bucket.sum += value * count;
    if (value < bucket.min) bucket.min = value;
    if (value > bucket.max) bucket.max = value;
    const kept = bucket.binned ? bin(value) : value;
    bucket.values.set(kept, (bucket.values.get(kept) ?? 0) + count);
    if (!bucket.binned && bucket.values.size > EXACT_VALUES) binValues(bucket);
  }
}

export class MetricAggregator implements MetricSink {
  private pending: Bucket[] = [];
  /** The series `record` adds to, by metric identity (not time: a series starts a bucket per minute). */
  private readonly byKey = new Map<string, Series>();
  private readonly samplers = new Set<(record: MetricSink['record'], nowMs: number) => void>();
  private writer: MetricWriter | undefined;
  private timer: ClockTimer | undefined;
  private readonly recordBound: MetricSink['record'] = (scope, observation) =>
    this.record(scope, observation);

  constructor(
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
  ) {}

  now(): number {
    return this.clock.now();
  }

  record(scope: MetricScope, observation: Observation): void {
    let key = `${scope.account}\u0000${scope.region}\u0000${observation.namespace}\u0000${observation.name}\u0000${observation.unit}\u0000${observation.storageResolution ?? 60}`;
    for (const dimension of observation.dimensions) key += `\u0000${dimension.Name}\u0001${dimension.Value}`;
    let series = this.byKey.get(key);
    if (!series) {
      series = new Series(this, { account: scope.account, region: scope.region }, observation);
      this.byKey.set(key, series);
    }
    series.add(observation.value, observation.count, observation.timestampMs);
  }

  series(scope: MetricScope, metric: MetricIdentity): MetricSeries {
    return new Series(this, { account: scope.account, region: scope.region }, metric);
  }

  /** Called by a series when it starts a bucket. */
  pendingBucket(bucket: Bucket): void {
    this.pending.push(bucket);
  }

  sample(sampler: (record: MetricSink['record'], nowMs: number) => void): () => void {
    this.samplers.add(sampler);
    return () => this.samplers.delete(sampler);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const buckets = this.pending;
    this.pending = [];
    for (const bucket of buckets) bucket.written = true;
    // Series looked up by `record` are kept for the next minute, within reason (EMF dimensions may be many).
    if (this.byKey.size > MAX_LOOKED_UP_SERIES) this.byKey.clear();
    if (!this.writer) return;
    const batch: AggregatedDatum[] = buckets.map((bucket) => ({
      account: bucket.series.scope.account,
      region: bucket.series.scope.region,
      namespace: bucket.series.metric.namespace,
      name: bucket.series.metric.name,
      dimensions: bucket.series.metric.dimensions,
      unit: bucket.series.metric.unit,
      timestampMs: bucket.timestampMs,
      count: bucket.count,
      sum: bucket.sum,
      min: bucket.min,
      max: bucket.max,
      values: [...bucket.values],
    }));
    try {
      this.writer.write(batch);
    } catch (error) {
      this.log(`nimbus: could not write ${batch.length} metric datapoints: ${String(error)}`);
    }
  }

  /** CloudWatch attaches itself once it exists; the minute ticks start then. */
  attach(writer: MetricWriter): void {
    this.writer = writer;
    this.arm();
  }

  /** Drops what is pending (the cloud's reset). */
  discard(): void {
    for (const bucket of this.pending) bucket.written = true;
    this.pending = [];
    this.byKey.clear();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.flush();
  }

  /** Each minute: gauges are sampled at the minute's start, then everything pending is written. */
  private arm(): void {
    const now = this.clock.now();
    this.timer = this.clock.setTimer(MINUTE_MS - (now % MINUTE_MS), () => {
      const at = this.clock.now();
      for (const sampler of this.samplers) {
        try {
          sampler(this.recordBound, at);
        } catch (error) {
          this.log(`nimbus: a metric sampler failed: ${String(error)}`);
        }
      }
      this.flush();
      this.arm();
    });
  }
}

function binValues(bucket: Bucket): void {
  const binned = new Map<number, number>();
  for (const [value, count] of bucket.values) {
    const kept = bin(value);
    binned.set(kept, (binned.get(kept) ?? 0) + count);
  }
  bucket.values = binned;
  bucket.binned = true;
}

/** The centre of the ~1% wide logarithmic bin holding `value`. */
function bin(value: number): number {
  if (value === 0) return 0;
  const magnitude = Math.exp(Math.round(Math.log(Math.abs(value)) / BIN_BASE) * BIN_BASE);
  return Math.sign(value) * Number(magnitude.toPrecision(6));
}
