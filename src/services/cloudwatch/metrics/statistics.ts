// Statistics over one period's datapoints: the five basic ones (SampleCount, Sum, Average, Minimum, Maximum)
// and the extended ones computed from the raw values put (pNN, tmNN, tm(a%:b%), wmNN, tcNN, tsNN, iqm, PR(a:b),
// TM/WM/TC/TS with bounds). Percentiles are nearest-rank on the values expanded by their counts: CloudWatch's own
// are approximations of the same quantity, exact for the small samples tests use.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html

/** One period's aggregate; `values` is undefined once a StatisticSet (which has no raw values) is in it. */
export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  values: [number, number][] | undefined;
}

export const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** Adds one stored datapoint to a period's aggregate. */
export function addTo(
  agg: Aggregate,
  count: number,
  sum: number,
  min: number,
  max: number,
  vals: string | null,
): void {
  agg.count += count;
  agg.sum += sum;
  if (min < agg.min) agg.min = min;
  if (max > agg.max) agg.max = max;
  if (vals === null) agg.values = undefined;
  else if (agg.values) for (const pair of JSON.parse(vals) as [number, number][]) agg.values.push(pair);
}

/** Whether `stat` names a statistic CloudWatch computes (a basic one, or an extended one it can parse). */
export function isStatistic(stat: string): boolean {
  return (BASIC_STATISTICS as readonly string[]).includes(stat) || parseExtended(stat) !== undefined;
}

/** The value of `stat` over the aggregate, or undefined when it cannot be computed (no raw values). */
export function statistic(stat: string, agg: Aggregate): number | undefined {
  switch (stat) {
    case 'SampleCount':
      return agg.count;
    case 'Sum':
      return agg.sum;
    case 'Average':
      return agg.count === 0 ? undefined : agg.sum / agg.count;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
  }
  const extended = parseExtended(stat);
  if (!extended || !agg.values) return undefined;
  const sorted = expand(agg.values);
  if (sorted.length === 0) return undefined;
  if (extended.kind === 'p') return percentile(sorted, extended.high);
  return trimmed(extended.kind, sorted, extended);
}

interface Extended {
  readonly kind: 'p' | 'tm' | 'wm' | 'tc' | 'ts' | 'pr';
  /** Percent bounds (p and the trimmed kinds); value bounds for PR. */
  readonly low: number;
  readonly high: number;
  /** Bounds given as values rather than percentages (`TM(10:20)`, PR). */
  readonly byValue: boolean;
}

/** `p99`, `p99.9`, `tm90`, `TM(10%:90%)`, `TM(:0.5)`, `IQM`, `PR(10:)`. */
export function parseExtended(stat: string): Extended | undefined {
  if (/^iqm$/i.test(stat)) return { kind: 'tm', low: 25, high: 75, byValue: false };
  const short = /^(p|tm|wm|tc|ts)(\d{1,2}(?:\.\d{1,10})?|100)$/i.exec(stat);
  if (short) {
    const kind = short[1]!.toLowerCase() as Extended['kind'];
    const value = Number(short[2]);
    if (value > 100) return undefined;
    return { kind, low: 0, high: value, byValue: false };
  }
  const range = /^(tm|wm|tc|ts|pr)\(([^:]*):([^)]*)\)$/i.exec(stat);
  if (!range) return undefined;
  const kind = range[1]!.toLowerCase() as Extended['kind'];
  const percent = [range[2]!, range[3]!].every((bound) => bound === '' || bound.endsWith('%'));
  if (kind === 'pr' && percent && (range[2] || range[3])) return undefined;
  const low = bound(range[2]!, percent ? 0 : -Infinity);
  const high = bound(range[3]!, percent ? 100 : Infinity);
  if (low === undefined || high === undefined || low > high) return undefined;
  return { kind, low, high, byValue: kind === 'pr' || !percent };
}

function bound(text: string, fallback: number): number | undefined {
  if (text === '') return fallback;
  const value = Number(text.replace(/%$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

function expand(values: readonly [number, number][]): number[] {
  const out: number[] = [];
  for (const [value, count] of values)
    for (let i = 0; i < Math.max(1, Math.round(count)); i++) out.push(value);
  return out.sort((a, b) => a - b);
}

/** Nearest rank: the smallest value with at least p% of the sample at or below it. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The trimmed mean/count/sum, winsorized mean and percentile rank over the values between the bounds. */
function trimmed(kind: Extended['kind'], sorted: readonly number[], range: Extended): number | undefined {
  const lowValue = range.byValue ? range.low : range.low === 0 ? -Infinity : percentile(sorted, range.low);
  const highValue = range.byValue ? range.high : percentile(sorted, range.high);
  if (kind === 'pr')
    return (100 * sorted.filter((v) => v > lowValue && v <= highValue).length) / sorted.length;
  const inside = sorted.filter((v) => v > lowValue && v <= highValue);
  if (kind === 'tc') return inside.length;
  if (kind === 'ts') return inside.reduce((a, b) => a + b, 0);
  if (kind === 'wm') {
    const clamped = sorted.map((v) =>
      Math.min(Math.max(v, lowValue === -Infinity ? v : lowValue), highValue),
    );
    return clamped.reduce((a, b) => a + b, 0) / clamped.length;
  }
  return inside.length === 0 ? undefined : inside.reduce((a, b) => a + b, 0) / inside.length;
}
