// Metric filters: up to 100 per log group, each turning the group's incoming events that its filter pattern
// matches into a metric datapoint at the event's timestamp (the value a number, or a field the pattern selects:
// `$.latency` in a JSON pattern, `$bytes` in a space-delimited one; dimensions likewise), and emitting its
// defaultValue for an event it does not match. Events stored before the filter existed are not counted, as
// on AWS. Datapoints go through the metrics port, like the metrics AWS's services publish.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html

import { ServiceError } from '../../core/errors.js';
import type { MetricSink, MetricUnit } from '../../core/ports/metrics.js';
import { prepareAll, type Statement, type Store } from '../../core/store.js';
import { invalidParameter } from './errors.js';
import { type CompiledPattern, compilePattern } from './filter-pattern.js';
import type { GroupRow } from './store.js';

/** "Metric filters: 100 per log group" (CloudWatch Logs quotas). */
const MAX_FILTERS_PER_GROUP = 100;
const MAX_DIMENSIONS = 3;

const SQL = {
  put: `INSERT INTO logs_metric_filters (group_id, name, filter_pattern, transformations, apply_on_transformed, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, name) DO UPDATE SET filter_pattern = excluded.filter_pattern,
         transformations = excluded.transformations, apply_on_transformed = excluded.apply_on_transformed`,
  ofGroup: 'SELECT * FROM logs_metric_filters WHERE group_id = ? ORDER BY name',
  ofPlace: `SELECT f.*, g.name AS group_name FROM logs_metric_filters f JOIN logs_groups g ON g.id = f.group_id
       WHERE g.account = ? AND g.region = ? ORDER BY g.name, f.name`,
  delete: 'DELETE FROM logs_metric_filters WHERE group_id = ? AND name = ?',
} as const;

export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRow {
  readonly group_id: number;
  readonly group_name?: string;
  readonly name: string;
  readonly filter_pattern: string;
  readonly transformations: string;
  readonly apply_on_transformed: number;
  readonly created_at: number;
}

export class MetricFilters {
  private readonly sql: { readonly [K in keyof typeof SQL]: Statement };
  /** Filters by group id, compiled, so that each upload costs no SQL when the group has none. */
  private readonly compiled = new Map<
    number,
    { pattern: CompiledPattern; row: MetricFilterRow; t: MetricTransformation }[]
  >();

  constructor(store: Store) {
    this.sql = prepareAll(store, SQL);
  }

  put(
    group: GroupRow,
    name: string,
    pattern: string,
    transformations: MetricTransformation[],
    now: number,
    applyOnTransformed = false,
  ): void {
    compilePattern(pattern);
    if (transformations.length !== 1) {
      throw invalidParameter('metricTransformations must contain exactly one metric transformation.');
    }
    checkTransformation(transformations[0]!);
    const existing = this.list(group);
    if (!existing.some((row) => row.name === name) && existing.length >= MAX_FILTERS_PER_GROUP) {
      throw new ServiceError('LimitExceededException', 'Resource limit exceeded.');
    }
    this.sql.put.run(
      group.id,
      name,
      pattern,
      JSON.stringify(transformations),
      applyOnTransformed ? 1 : 0,
      now,
    );
    this.compiled.delete(group.id);
  }

  list(group: GroupRow): MetricFilterRow[] {
    return this.sql.ofGroup.all(group.id) as MetricFilterRow[];
  }

  /** Every filter of the account and region, with its group's name. */
  all(account: string, region: string): MetricFilterRow[] {
    return this.sql.ofPlace.all(account, region) as MetricFilterRow[];
  }

  delete(group: GroupRow, name: string): void {
    if (this.sql.delete.run(group.id, name).changes === 0) {
      throw new ServiceError('ResourceNotFoundException', 'The specified metric filter does not exist.');
    }
    this.compiled.delete(group.id);
  }

  /** Forgets compiled filters (a group deleted, the service reset). */
  forget(): void {
    this.compiled.clear();
  }

  /** Records what the group's filters make of the events of one upload. */
  apply(sink: MetricSink, group: GroupRow, events: readonly { timestamp: number; message: string }[]): void {
    let filters = this.compiled.get(group.id);
    if (!filters) {
      filters = this.list(group).map((row) => ({
        row,
        pattern: compilePattern(row.filter_pattern),
        t: (JSON.parse(row.transformations) as MetricTransformation[])[0]!,
      }));
      this.compiled.set(group.id, filters);
    }
    for (const { pattern, t } of filters) {
      for (const event of events) {
        const datum = evaluate(pattern, t, event.message);
        if (!datum) continue;
        sink.record(group, {
          namespace: t.metricNamespace,
          name: t.metricName,
          dimensions: datum.dimensions,
          value: datum.value,
          unit: (t.unit ?? 'None') as MetricUnit,
          timestampMs: event.timestamp,
        });
      }
    }
  }
}

/** What one event gives a filter: its value and dimensions, the default value when it does not match, or
 * nothing (no match and no default; a selected field that is absent or, for the value, not a number). */
export function evaluate(
  pattern: CompiledPattern,
  t: MetricTransformation,
  message: string,
): { value: number; dimensions: { Name: string; Value: string }[] } | undefined {
  const fields = pattern.extract ? pattern.extract(message) : undefined;
  const matched = pattern.extract ? fields !== undefined : pattern.matches(message);
  if (!matched) return t.defaultValue === undefined ? undefined : { value: t.defaultValue, dimensions: [] };
  const json =
    t.metricValue.startsWith('$.') || Object.values(t.dimensions ?? {}).some((v) => v.startsWith('$.'))
      ? parseObject(message)
      : undefined;
  const select = (selector: string) =>
    selector.startsWith('$.')
      ? jsonField(json, selector)
      : selector.startsWith('$')
        ? fields?.[selector.slice(1)]
        : selector;
  const raw = select(t.metricValue);
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) return undefined;
  const dimensions: { Name: string; Value: string }[] = [];
  for (const [Name, selector] of Object.entries(t.dimensions ?? {})) {
    const found = select(selector);
    if (found === undefined || found === null || typeof found === 'object') return undefined;
    dimensions.push({ Name, Value: String(found) });
  }
  return { value, dimensions };
}

function checkTransformation(t: MetricTransformation): void {
  const selector = /^(\$\.[A-Za-z0-9_$.[\]-]+|\$[A-Za-z0-9_]+)$/;
  if (!selector.test(t.metricValue) && !Number.isFinite(Number(t.metricValue))) {
    throw invalidParameter(`Invalid metric value: ${t.metricValue}`);
  }
  const dimensions = Object.entries(t.dimensions ?? {});
  if (dimensions.length > MAX_DIMENSIONS) {
    throw invalidParameter(`A metric filter can have at most ${MAX_DIMENSIONS} dimensions.`);
  }
  for (const [name, value] of dimensions) {
    if (!selector.test(value)) throw invalidParameter(`Invalid dimension value for ${name}: ${value}`);
  }
  // "You can't specify a default value for a metric that has dimensions" (metric filter docs).
  if (dimensions.length > 0 && t.defaultValue !== undefined) {
    throw invalidParameter('Metric filters with dimensions cannot have a default value.');
  }
}

function parseObject(message: string): unknown {
  try {
    return JSON.parse(message);
  } catch {
    return undefined;
  }
}

/** `$.a.b[0]` in a parsed event. */
function jsonField(root: unknown, selector: string): unknown {
  let current: unknown = root;
  for (const part of selector.slice(2).split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    if (match[1]) current = isRecord(current) ? current[match[1]] : undefined;
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
