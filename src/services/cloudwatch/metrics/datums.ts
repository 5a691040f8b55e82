// One PutMetricData datum checked as CloudWatch checks it (one of Value, Values or StatisticValues; Counts
// matching Values, at most 150; StorageResolution 1 or 60; no duplicate dimension names; a timestamp up to two
// weeks back and two hours ahead; finite values within ±2^360) and turned into the aggregate row it is stored as.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html

import type * as model from '../../../core/generated/cloudwatch.js';
import type { Infer } from '../../../core/shapes.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../errors.js';
import type { StoredDatum } from './metrics.js';

const MAX_VALUES = 150;
/** "Values must be in the range of -2^360 to 2^360." */
const MAX_MAGNITUDE = 2 ** 360;
const TWO_WEEKS_MS = 14 * 86_400_000;
const TWO_HOURS_MS = 2 * 3_600_000;

type Datum = Infer<typeof model.MetricDatum>;

/** `path` names the datum in messages as CloudWatch does: `MetricData.member.1`. */
export function toStored(datum: Datum, path: string, now: number): StoredDatum {
  const given = (['Value', 'Values', 'StatisticValues'] as const).filter((key) => datum[key] !== undefined);
  if (given.length > 1) {
    throw invalidParameterCombination(
      `The parameters ${path}.${given[0]} and ${path}.${given[1]} are mutually exclusive and you have specified both.`,
    );
  }
  if (given.length === 0) throw missingParameter(`The parameter ${path}.Value is required.`);
  if (
    datum.StorageResolution !== undefined &&
    datum.StorageResolution !== 1 &&
    datum.StorageResolution !== 60
  ) {
    throw invalidParameterValue(
      `The value ${datum.StorageResolution} for parameter ${path}.StorageResolution is invalid.`,
    );
  }
  const names = (datum.Dimensions ?? []).map((d) => d.Name);
  if (new Set(names).size !== names.length) {
    throw invalidParameterValue(
      `The collection ${path}.Dimensions must not contain duplicate dimension names.`,
    );
  }
  const timestampMs = datum.Timestamp ?? now;
  if (now - timestampMs > TWO_WEEKS_MS) {
    throw invalidParameterValue(
      `The parameter ${path}.Timestamp must specify a time no more than two weeks in the past.`,
    );
  }
  if (timestampMs - now > TWO_HOURS_MS) {
    throw invalidParameterValue(
      `The parameter ${path}.Timestamp must specify a time no more than two hours in the future.`,
    );
  }
  const unit = datum.Unit ?? 'None';
  if (datum.StatisticValues) {
    const set = datum.StatisticValues;
    for (const key of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const)
      checkValue(set[key], `${path}.StatisticValues.${key}`);
    if (set.SampleCount <= 0)
      throw invalidParameterValue(
        `The parameter ${path}.StatisticValues.SampleCount must be greater than 0.`,
      );
    if (set.Minimum > set.Maximum) {
      throw invalidParameterValue(
        `The parameter ${path}.StatisticValues.Maximum must be greater than or equal to ${path}.StatisticValues.Minimum.`,
      );
    }
    return {
      timestampMs,
      unit,
      count: set.SampleCount,
      sum: set.Sum,
      min: set.Minimum,
      max: set.Maximum,
      values: undefined,
    };
  }
  const values = datum.Values ?? [datum.Value!];
  if (values.length > MAX_VALUES) {
    throw invalidParameterValue(
      `The collection ${path}.Values must not have a size greater than ${MAX_VALUES}.`,
    );
  }
  if (datum.Counts !== undefined && datum.Values === undefined) {
    throw invalidParameterCombination(`The parameter ${path}.Counts must be specified with ${path}.Values.`);
  }
  const counts = datum.Counts ?? values.map(() => 1);
  if (counts.length !== values.length) {
    throw invalidParameterValue(`The parameters ${path}.Values and ${path}.Counts must be of the same size.`);
  }
  for (const [i, value] of values.entries()) {
    checkValue(value, datum.Values ? `${path}.Values.member.${i + 1}` : `${path}.Value`);
  }
  counts.forEach((count, i) => {
    if (!(count >= 0) || !Number.isFinite(count))
      throw invalidParameterValue(
        `The value ${count} for parameter ${path}.Counts.member.${i + 1} is invalid.`,
      );
  });
  const pairs = values.map((value, i): [number, number] => [value, counts[i]!]);
  const count = pairs.reduce((total, [, c]) => total + c, 0);
  return {
    timestampMs,
    unit,
    count,
    sum: pairs.reduce((total, [v, c]) => total + v * c, 0),
    min: Math.min(...pairs.map(([v]) => v)),
    max: Math.max(...pairs.map(([v]) => v)),
    values: pairs,
  };
}

/** NaN, the infinities and magnitudes beyond 2^360 are refused ("special values ... are not supported"). */
function checkValue(value: number, name: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    throw invalidParameterValue(`The value ${value} for parameter ${name} is invalid.`);
  }
}
