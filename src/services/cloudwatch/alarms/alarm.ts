// A metric alarm as stored (its PutMetricAlarm input) and as DescribeAlarms lists it, with the facts the
// evaluator and the notifications share: its ARN, its period, and the comparison it makes.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html

import { formatArn } from '../../../core/arn.js';
import type { DimensionPair } from '../metrics/metrics.js';
import type { MetricDataQuery } from '../metrics/queries.js';
import type { AlarmRow } from '../store.js';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** The PutMetricAlarm input, as kept. */
export interface AlarmConfig {
  readonly AlarmName: string;
  readonly AlarmDescription?: string;
  readonly ActionsEnabled?: boolean;
  readonly OKActions?: string[];
  readonly AlarmActions?: string[];
  readonly InsufficientDataActions?: string[];
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions?: DimensionPair[];
  readonly Period?: number;
  readonly Unit?: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold?: number;
  readonly ComparisonOperator?: string;
  readonly TreatMissingData?: string;
  readonly EvaluateLowSampleCountPercentile?: string;
  readonly Metrics?: MetricDataQuery[];
  readonly ThresholdMetricId?: string;
}

export function alarmArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'cloudwatch', region, account, resource: `alarm:${name}` });
}

export function configOf(row: AlarmRow): AlarmConfig {
  return JSON.parse(row.config) as AlarmConfig;
}

/** The alarm's period in seconds: its own, or (Metrics form) that of the query it alarms on. */
export function periodOf(config: AlarmConfig): number {
  if (config.Period !== undefined) return config.Period;
  const returned = config.Metrics?.find((q) => q.ReturnData !== false) ?? config.Metrics?.[0];
  const stat = config.Metrics?.find((q) => q.MetricStat)?.MetricStat;
  return returned?.MetricStat?.Period ?? returned?.Period ?? stat?.Period ?? 60;
}

const COMPARISONS: Readonly<Record<string, (value: number, threshold: number) => boolean>> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

/** Whether `value` breaches the alarm's threshold; undefined for the anomaly-band operators (no bands). */
export function breaches(config: AlarmConfig, value: number): boolean | undefined {
  const operator = config.ComparisonOperator ?? '';
  if (!Object.hasOwn(COMPARISONS, operator) || config.Threshold === undefined) return undefined;
  return COMPARISONS[operator]!(value, config.Threshold);
}

/** The alarm as DescribeAlarms lists it (MetricAlarm). */
export function describeAlarm(row: AlarmRow): Record<string, unknown> {
  const config = configOf(row);
  const { ActionsEnabled: _enabled, ...settings } = config;
  return {
    ...settings,
    AlarmArn: alarmArn(row.account, row.region, row.name),
    AlarmConfigurationUpdatedTimestamp: row.updated_at / 1000,
    ActionsEnabled: row.actions_enabled === 1,
    OKActions: config.OKActions ?? [],
    AlarmActions: config.AlarmActions ?? [],
    InsufficientDataActions: config.InsufficientDataActions ?? [],
    Dimensions: config.Metrics ? undefined : (config.Dimensions ?? []),
    StateValue: row.state,
    StateReason: row.reason,
    ...(row.reason_data !== null ? { StateReasonData: row.reason_data } : {}),
    StateUpdatedTimestamp: row.state_updated_at / 1000,
    StateTransitionedTimestamp: row.state_updated_at / 1000,
  };
}

/** CloudWatch's timestamps in alarm messages and history: `2026-12-07T12:01:00.000+0000`. */
export function alarmTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
