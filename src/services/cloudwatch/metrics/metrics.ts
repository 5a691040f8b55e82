// The metric store: writing datapoints (one row per datum, aggregated as put) and reading them back as
// per-period aggregates, aligned on the request's start time as CloudWatch aligns its datapoints.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric

import type { CloudWatchStatements, MetricRow } from '../store.js';
import { type Aggregate, addTo } from './statistics.js';

/** A datapoint row as `raw()` gives it, in the statement's column order. */
type RawDatapoint = [number, string, number, number, number, number, string | null];

export interface Where {
  readonly account: string;
  readonly region: string;
}

export interface DimensionPair {
  readonly Name: string;
  readonly Value: string;
}

/** A datum as stored: its aggregate and, for raw values, the values with their counts. */
export interface StoredDatum {
  readonly timestampMs: number;
  readonly unit: string;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly values: [number, number][] | undefined;
}

/** One spelling per dimension set: sorted by name, so `{b,a}` and `{a,b}` are the same metric. */
export function dimensionsKey(dimensions: readonly DimensionPair[] | undefined): string {
  const sorted = [...(dimensions ?? [])].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  return JSON.stringify(sorted.map((d) => [d.Name, d.Value]));
}

export function dimensionsOf(key: string): DimensionPair[] {
  return (JSON.parse(key) as [string, string][]).map(([Name, Value]) => ({ Name, Value }));
}

export class MetricStore {
  constructor(
    private readonly sql: CloudWatchStatements,
    /** Writes what the metrics port holds in memory (core/metric-sink.ts) before a read. */
    private readonly beforeRead: () => void = () => {},
  ) {}

  put(
    where: Where,
    namespace: string,
    name: string,
    dimensions: string,
    datum: StoredDatum,
    now: number,
  ): void {
    const found = this.sql.findMetric.get(where.account, where.region, namespace, name, dimensions) as
      | { id: number }
      | undefined;
    let id = found?.id;
    if (id === undefined) {
      id = Number(
        this.sql.insertMetric.run(where.account, where.region, namespace, name, dimensions, now)
          .lastInsertRowid,
      );
    } else {
      this.sql.touchMetric.run(now, id);
    }
    const vals = datum.values ? JSON.stringify(datum.values) : null;
    this.sql.insertDatapoint.run(
      id,
      datum.timestampMs,
      datum.unit,
      datum.count,
      datum.sum,
      datum.min,
      datum.max,
      vals,
    );
  }

  all(where: Where): MetricRow[] {
    this.beforeRead();
    return this.sql.metricsOf.all(where.account, where.region) as MetricRow[];
  }

  /** The metric with exactly this namespace, name and dimension set. */
  find(where: Where, namespace: string, name: string, dimensions: string): MetricRow | undefined {
    this.beforeRead();
    return this.sql.findMetric.get(where.account, where.region, namespace, name, dimensions) as
      | MetricRow
      | undefined;
  }

  /** Per-period aggregates of the metric in [start, end), periods starting at `start` + k·`period`; only
   * datapoints of `unit` when one is given. The unit reported is the first seen in the period. */
  periods(
    metricId: number,
    startMs: number,
    endMs: number,
    periodMs: number,
    unit?: string,
  ): Map<number, Aggregate & { unit: string }> {
    // Raw rows and one pass: a day of per-minute data is 1,440 rows, and objects per row cost more in
    // allocation (and GC) than the query itself.
    const rows = this.sql.datapoints.raw(true).all(metricId, startMs, endMs) as RawDatapoint[];
    const out = new Map<number, Aggregate & { unit: string }>();
    for (const [ts, rowUnit, count, sum, min, max, vals] of rows) {
      if (unit !== undefined && rowUnit !== unit) continue;
      const bucket = startMs + Math.floor((ts - startMs) / periodMs) * periodMs;
      let agg = out.get(bucket);
      if (!agg) {
        agg = { count: 0, sum: 0, min: Infinity, max: -Infinity, values: [], unit: rowUnit };
        out.set(bucket, agg);
      }
      addTo(agg, count, sum, min, max, vals);
    }
    return new Map([...out].sort(([a], [b]) => a - b));
  }
}
