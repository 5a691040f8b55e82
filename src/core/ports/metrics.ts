// The metrics port: how every service records the metrics AWS publishes for it (`AWS/Lambda`, `AWS/SQS`, …)
// in-process and cheaply, and how CloudWatch, which implements the writing side, receives them. Services call
// `record()` at the moment AWS counts an event; the sink (core/metric-sink.ts) aggregates per minute in memory
// and hands CloudWatch one datum per metric and minute, so a hot path pays a Map lookup, not an SQLite write.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/aws-services-cloudwatch-metrics.html

/** CloudWatch's StandardUnit values. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html */
export type MetricUnit =
  | 'Seconds'
  | 'Microseconds'
  | 'Milliseconds'
  | 'Bytes'
  | 'Kilobytes'
  | 'Megabytes'
  | 'Gigabytes'
  | 'Terabytes'
  | 'Bits'
  | 'Kilobits'
  | 'Megabits'
  | 'Gigabits'
  | 'Terabits'
  | 'Percent'
  | 'Count'
  | 'Bytes/Second'
  | 'Kilobytes/Second'
  | 'Megabytes/Second'
  | 'Gigabytes/Second'
  | 'Terabytes/Second'
  | 'Bits/Second'
  | 'Kilobits/Second'
  | 'Megabits/Second'
  | 'Gigabits/Second'
  | 'Terabits/Second'
  | 'Count/Second'
  | 'None';

/** A dimension as CloudWatch names it: `{ Name: 'QueueName', Value: 'orders' }`. */
export interface MetricDimension {
  readonly Name: string;
  readonly Value: string;
}

/** Where a metric is published: the account and region of the resource it describes. */
export interface MetricScope {
  readonly account: string;
  readonly region: string;
}

/** One observation: what `record` takes. */
export interface Observation {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: readonly MetricDimension[];
  readonly value: number;
  readonly unit: MetricUnit;
  /** When it was observed (epoch ms); default now on the cloud clock. EMF lines carry their own. */
  readonly timestampMs?: number;
  /** 1 for a high-resolution metric (kept per second), 60 (default) per minute. */
  readonly storageResolution?: 1 | 60;
  /** How many times `value` was observed at once (default 1). */
  readonly count?: number;
}

/** One metric's running aggregate, for hot paths: `add` costs no lookup (the SQS queue keeps its own). */
export interface MetricSeries {
  /** Counts `value` (`count` times, default once) toward the minute of `atMs` (default now). */
  add(value: number, count?: number, atMs?: number): void;
}

/** What services see (`deps.metrics`). */
export interface MetricSink {
  /** Counts one observation toward its metric's current minute (or second, for high resolution). */
  record(scope: MetricScope, observation: Observation): void;
  /** A handle on one metric, for a hot path to keep and add to (what `record` looks up each time). */
  series(scope: MetricScope, metric: Omit<Observation, 'value' | 'count' | 'timestampMs'>): MetricSeries;
  /** Registers a gauge sampler run once a minute on the cloud clock, at the minute's start (SQS's
   * ApproximateNumberOfMessagesVisible is such a sample); returns the unregister. */
  sample(sampler: (record: MetricSink['record'], nowMs: number) => void): () => void;
  /** Writes what is pending: CloudWatch calls it before it reads, so a metric is readable at once. */
  flush(): void;
}

/** One metric's aggregate over one minute (or second), as the sink hands it to the writer. */
export interface AggregatedDatum {
  readonly account: string;
  readonly region: string;
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: readonly MetricDimension[];
  readonly unit: MetricUnit;
  /** The start of the minute (or second) it covers. */
  readonly timestampMs: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** `[value, count]` pairs, so percentiles can be computed (binned past a few hundred distinct values). */
  readonly values: [number, number][];
}

/** The writing side, implemented by CloudWatch (its ServiceDefinition's `metricWriter`). */
export interface MetricWriter {
  write(batch: readonly AggregatedDatum[]): void;
}
