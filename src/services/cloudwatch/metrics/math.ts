// The metric math evaluator: values are scalars, time series (timestamp → value) or arrays of series, and
// functions follow CloudWatch's rules (SUM of an array is a series, SUM of one series a scalar; arithmetic
// between series keeps the timestamps both have). Served: + - * / ^, unary minus, [a, b], METRICS(), SUM,
// AVG, MIN, MAX, ABS, CEIL, FLOOR, SQRT, LOG, LOG10, FILL (a number, REPEAT or LINEAR), RATE, DIFF, PERIOD,
// DATAPOINT_COUNT. SEARCH, INSIGHT_RULE_METRIC, ANOMALY_DETECTION_BAND and the rest are refused by name.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html#metric-math-syntax

import { ExpressionError, type Node } from './expression.js';

export interface Series {
  readonly label: string;
  readonly points: Map<number, number>;
}

export type MathValue =
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'series'; readonly series: Series }
  | { readonly kind: 'array'; readonly series: readonly Series[] };

export interface MathContext {
  /** The value of another query by its Id. */
  resolve(id: string): MathValue;
  /** METRICS(filter): the MetricStat queries whose label contains `filter`. */
  metrics(filter: string): Series[];
  /** The timestamps of the request's period grid, ascending (for FILL). */
  readonly grid: readonly number[];
  readonly periodSeconds: number;
}

const ELEMENTWISE: Readonly<Record<string, (x: number) => number>> = {
  ABS: Math.abs,
  CEIL: Math.ceil,
  FLOOR: Math.floor,
  SQRT: Math.sqrt,
  LOG: Math.log,
  LOG10: Math.log10,
};

const REDUCERS: Readonly<Record<string, (values: number[]) => number>> = {
  SUM: (v) => v.reduce((a, b) => a + b, 0),
  AVG: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  MIN: (v) => Math.min(...v),
  MAX: (v) => Math.max(...v),
};

export function evaluate(node: Node, ctx: MathContext): MathValue {
  switch (node.kind) {
    case 'number':
      return { kind: 'scalar', value: node.value };
    case 'string':
      throw new ExpressionError('A string is only valid as a function argument');
    case 'id':
      return ctx.resolve(node.name);
    case 'array':
      return { kind: 'array', series: node.items.flatMap((item) => seriesOf(evaluate(item, ctx))) };
    case 'negate':
      return map(evaluate(node.operand, ctx), (x) => -x);
    case 'binary':
      return combine(evaluate(node.left, ctx), evaluate(node.right, ctx), OPERATORS[node.op]);
    case 'call':
      return call(node.name, node.args, ctx);
  }
}

const OPERATORS: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
};

function call(name: string, args: readonly Node[], ctx: MathContext): MathValue {
  if (name === 'METRICS') {
    const filter = args[0]?.kind === 'string' ? args[0].value : '';
    return { kind: 'array', series: ctx.metrics(filter) };
  }
  if (name === 'PERIOD') return { kind: 'scalar', value: ctx.periodSeconds };
  const first = args[0];
  if (!first) throw new ExpressionError(`${name} needs an argument`);
  const value = evaluate(first, ctx);
  const elementwise = ELEMENTWISE[name];
  if (elementwise) return map(value, elementwise);
  const reducer = REDUCERS[name];
  if (reducer) return reduce(value, reducer);
  if (name === 'DATAPOINT_COUNT') return reduce(value, (v) => v.length);
  if (name === 'RATE' || name === 'DIFF') return perSeries(value, (s) => difference(s, name === 'RATE'));
  if (name === 'FILL') return perSeries(value, (s) => fill(s, args[1], ctx));
  throw new ExpressionError(`Unrecognized function ${name}: Nimbus does not serve it`);
}

function seriesOf(value: MathValue): Series[] {
  if (value.kind === 'series') return [value.series];
  if (value.kind === 'array') return [...value.series];
  throw new ExpressionError('An array can only contain time series');
}

function map(value: MathValue, fn: (x: number) => number): MathValue {
  if (value.kind === 'scalar') return { kind: 'scalar', value: fn(value.value) };
  return perSeries(value, (s) => ({
    label: s.label,
    points: new Map([...s.points].map(([t, v]) => [t, fn(v)])),
  }));
}

function perSeries(value: MathValue, fn: (s: Series) => Series): MathValue {
  if (value.kind === 'series') return { kind: 'series', series: fn(value.series) };
  if (value.kind === 'array') return { kind: 'array', series: value.series.map(fn) };
  throw new ExpressionError('The function needs a time series');
}

/** An array reduces to one series, point by point; one series reduces to a scalar. */
function reduce(value: MathValue, fn: (values: number[]) => number): MathValue {
  if (value.kind === 'scalar') return value;
  if (value.kind === 'series') {
    const values = [...value.series.points.values()];
    return { kind: 'scalar', value: values.length === 0 ? Number.NaN : fn(values) };
  }
  const byTime = new Map<number, number[]>();
  for (const s of value.series) for (const [t, v] of s.points) byTime.set(t, [...(byTime.get(t) ?? []), v]);
  const points = new Map([...byTime].sort(([a], [b]) => a - b).map(([t, v]) => [t, fn(v)]));
  return { kind: 'series', series: { label: '', points } };
}

function combine(left: MathValue, right: MathValue, op: (a: number, b: number) => number): MathValue {
  if (left.kind === 'scalar' && right.kind === 'scalar')
    return { kind: 'scalar', value: op(left.value, right.value) };
  if (left.kind === 'scalar') return map(right, (x) => op(left.value, x));
  if (right.kind === 'scalar') return map(left, (x) => op(x, right.value));
  if (left.kind === 'series' && right.kind === 'series') {
    return { kind: 'series', series: pointwise(left.series, right.series, op) };
  }
  if (left.kind === 'array' && right.kind === 'series') {
    return { kind: 'array', series: left.series.map((s) => pointwise(s, right.series, op)) };
  }
  if (left.kind === 'series' && right.kind === 'array') {
    return { kind: 'array', series: right.series.map((s) => pointwise(left.series, s, op)) };
  }
  throw new ExpressionError('Arithmetic between two arrays of time series is not supported');
}

function pointwise(a: Series, b: Series, op: (x: number, y: number) => number): Series {
  const points = new Map<number, number>();
  for (const [t, v] of a.points) {
    const w = b.points.get(t);
    if (w !== undefined) points.set(t, op(v, w));
  }
  return { label: a.label, points };
}

/** RATE: the change per second between consecutive points; DIFF: the change. */
function difference(series: Series, perSecond: boolean): Series {
  const entries = [...series.points].sort(([a], [b]) => a - b);
  const points = new Map<number, number>();
  for (let i = 1; i < entries.length; i++) {
    const [t, v] = entries[i]!;
    const [t0, v0] = entries[i - 1]!;
    points.set(t, perSecond ? (v - v0) / ((t - t0) / 1000) : v - v0);
  }
  return { label: series.label, points };
}

function fill(series: Series, how: Node | undefined, ctx: MathContext): Series {
  const points = new Map<number, number>();
  const known = [...series.points].sort(([a], [b]) => a - b);
  const mode = how?.kind === 'id' ? how.name.toUpperCase() : undefined;
  const constant =
    how?.kind === 'number'
      ? how.value
      : how?.kind === 'negate' && how.operand.kind === 'number'
        ? -how.operand.value
        : undefined;
  if (mode !== 'REPEAT' && mode !== 'LINEAR' && constant === undefined) {
    throw new ExpressionError('FILL takes a number, REPEAT or LINEAR');
  }
  for (const t of ctx.grid) {
    const own = series.points.get(t);
    if (own !== undefined) points.set(t, own);
    else if (constant !== undefined) points.set(t, constant);
    else {
      const before = known.filter(([k]) => k < t).at(-1);
      const after = known.find(([k]) => k > t);
      if (mode === 'REPEAT' && before) points.set(t, before[1]);
      if (mode === 'LINEAR' && before && after) {
        points.set(t, before[1] + ((after[1] - before[1]) * (t - before[0])) / (after[0] - before[0]));
      }
    }
  }
  return { label: series.label, points };
}
