// GetMetricData's engine (and an alarm's Metrics form): each MetricStat query becomes a series of one
// statistic per period, each Expression is evaluated by metric math over the other queries, and a query
// that fails says so in its own result, as CloudWatch answers per query.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html

import { ServiceError } from '../../../core/errors.js';
import { ExpressionError, parseExpression } from './expression.js';
import { evaluate, type MathContext, type MathValue, type Series } from './math.js';
import { type DimensionPair, dimensionsKey, type MetricStore, type Where } from './metrics.js';
import { statistic } from './statistics.js';

export interface MetricDataQuery {
  readonly Id: string;
  readonly MetricStat?: {
    readonly Metric: {
      readonly Namespace?: string;
      readonly MetricName?: string;
      readonly Dimensions?: DimensionPair[];
    };
    readonly Period: number;
    readonly Stat: string;
    readonly Unit?: string;
  };
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData?: boolean;
  readonly Period?: number;
}

export interface QueryResult {
  readonly id: string;
  readonly label: string;
  readonly returnData: boolean;
  /** Ascending by timestamp (ms). */
  readonly points: [number, number][];
}

/** Runs every query over [startMs, endMs); throws ValidationError for a broken or circular expression. */
export function runQueries(
  metrics: MetricStore,
  where: Where,
  queries: readonly MetricDataQuery[],
  startMs: number,
  endMs: number,
): QueryResult[] {
  const byId = new Map(queries.map((query) => [query.Id, query]));
  const values = new Map<string, MathValue>();
  const evaluating = new Set<string>();
  const periods = queries
    .map((q) => q.MetricStat?.Period ?? q.Period)
    .filter((p): p is number => p !== undefined);
  const periodSeconds = periods.length > 0 ? Math.min(...periods) : 60;
  const grid: number[] = [];
  for (let t = startMs; t < endMs; t += periodSeconds * 1000) grid.push(t);

  const labelOf = (query: MetricDataQuery) => query.Label ?? query.MetricStat?.Metric.MetricName ?? query.Id;
  const resolve = (id: string): MathValue => {
    const known = values.get(id);
    if (known) return known;
    const query = byId.get(id);
    if (!query) throw new ExpressionError(`Unrecognized id ${id}`);
    if (evaluating.has(id)) throw new ExpressionError(`Circular dependency on ${id}`);
    evaluating.add(id);
    const value = query.MetricStat
      ? { kind: 'series' as const, series: statSeries(metrics, where, query, labelOf(query), startMs, endMs) }
      : evaluateQuery(query, context);
    evaluating.delete(id);
    values.set(id, value);
    return value;
  };
  const context: MathContext = {
    resolve,
    metrics: (filter) =>
      queries
        .filter((q) => q.MetricStat && labelOf(q).includes(filter))
        .map((q) => {
          const value = resolve(q.Id);
          return value.kind === 'series' ? value.series : { label: labelOf(q), points: new Map() };
        }),
    grid,
    periodSeconds,
  };
  return queries.map((query) => {
    const value = resolve(query.Id);
    return {
      id: query.Id,
      label: labelOf(query),
      returnData: query.ReturnData !== false,
      points: pointsOf(value, grid),
    };
  });
}

function evaluateQuery(query: MetricDataQuery, context: MathContext): MathValue {
  try {
    return evaluate(parseExpression(query.Expression ?? ''), context);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new ServiceError('ValidationException', `Error in expression ${query.Id}: ${error.message}`);
  }
}

function statSeries(
  metrics: MetricStore,
  where: Where,
  query: MetricDataQuery,
  label: string,
  startMs: number,
  endMs: number,
): Series {
  const stat = query.MetricStat!;
  const { Namespace, MetricName, Dimensions } = stat.Metric;
  const points = new Map<number, number>();
  const metric =
    Namespace !== undefined && MetricName !== undefined
      ? metrics.find(where, Namespace, MetricName, dimensionsKey(Dimensions))
      : undefined;
  if (!metric) return { label, points };
  for (const [t, agg] of metrics.periods(metric.id, startMs, endMs, stat.Period * 1000, stat.Unit)) {
    const value = statistic(stat.Stat, agg);
    if (value !== undefined && Number.isFinite(value)) points.set(t, value);
  }
  return { label, points };
}

/** A scalar becomes a constant over the grid; an array's first series stands for it (CloudWatch returns one
 * result per array member only for SEARCH, which is not served). */
function pointsOf(value: MathValue, grid: readonly number[]): [number, number][] {
  if (value.kind === 'scalar') return Number.isFinite(value.value) ? grid.map((t) => [t, value.value]) : [];
  const series = value.kind === 'series' ? value.series : value.series[0];
  if (!series) return [];
  return [...series.points].filter(([, v]) => Number.isFinite(v)).sort(([a], [b]) => a - b);
}
