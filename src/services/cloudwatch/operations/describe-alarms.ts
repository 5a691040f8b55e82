// DescribeAlarms (by names or a name prefix, state, action prefix and type, 50 a page by default) and
// DescribeAlarmsForMetric (the alarms on one metric, single-metric or in a Metrics list).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmsForMetric.html

import * as model from '../../../core/generated/cloudwatch.js';
import { configOf, describeAlarm } from '../alarms/alarm.js';
import { invalidParameterCombination } from '../errors.js';
import { dimensionsKey } from '../metrics/metrics.js';
import type { AlarmRow } from '../store.js';
import { operation, page } from './operation.js';

const DEFAULT_MAX_RECORDS = 50;

export const describeAlarms = operation({
  input: model.DescribeAlarmsInput,
  output: model.DescribeAlarmsOutput,
  run: (input, cloudwatch, ctx) => {
    if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
      throw invalidParameterCombination(
        'The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.',
      );
    }
    // "If you omit this parameter, only metric alarms are returned"; composite alarms are not served.
    const types = input.AlarmTypes ?? ['MetricAlarm'];
    const rows = types.includes('MetricAlarm')
      ? (cloudwatch.sql.alarmsOf.all(ctx.account, ctx.region) as AlarmRow[]).filter((row) => {
          if (input.AlarmNames && !input.AlarmNames.includes(row.name)) return false;
          if (input.AlarmNamePrefix !== undefined && !row.name.startsWith(input.AlarmNamePrefix))
            return false;
          if (input.StateValue !== undefined && row.state !== input.StateValue) return false;
          if (input.ActionPrefix === undefined) return true;
          const config = configOf(row);
          const actions = [
            ...(config.AlarmActions ?? []),
            ...(config.OKActions ?? []),
            ...(config.InsufficientDataActions ?? []),
          ];
          return actions.some((action) => action.startsWith(input.ActionPrefix!));
        })
      : [];
    const { slice, next } = page(
      'DescribeAlarms',
      rows,
      input.NextToken,
      input.MaxRecords ?? DEFAULT_MAX_RECORDS,
    );
    return {
      MetricAlarms: slice.map(describeAlarm),
      ...(types.includes('CompositeAlarm') ? { CompositeAlarms: [] } : {}),
      ...(next ? { NextToken: next } : {}),
    };
  },
});

export const describeAlarmsForMetric = operation({
  input: model.DescribeAlarmsForMetricInput,
  output: model.DescribeAlarmsForMetricOutput,
  run: (input, cloudwatch, ctx) => {
    const dimensions = input.Dimensions ? dimensionsKey(input.Dimensions) : undefined;
    const rows = (cloudwatch.sql.alarmsOf.all(ctx.account, ctx.region) as AlarmRow[]).filter((row) => {
      const config = configOf(row);
      const metrics = config.Metrics
        ? config.Metrics.flatMap((q) =>
            q.MetricStat
              ? [
                  {
                    ...q.MetricStat.Metric,
                    Period: q.MetricStat.Period,
                    Statistic: q.MetricStat.Stat,
                    ExtendedStatistic: q.MetricStat.Stat,
                    Unit: q.MetricStat.Unit,
                  },
                ]
              : [],
          )
        : [config];
      return metrics.some(
        (m) =>
          m.Namespace === input.Namespace &&
          m.MetricName === input.MetricName &&
          (dimensions === undefined || dimensionsKey(m.Dimensions) === dimensions) &&
          (input.Period === undefined || m.Period === input.Period) &&
          (input.Statistic === undefined || m.Statistic === input.Statistic) &&
          (input.ExtendedStatistic === undefined || m.ExtendedStatistic === input.ExtendedStatistic) &&
          (input.Unit === undefined || m.Unit === input.Unit),
      );
    });
    return { MetricAlarms: rows.map(describeAlarm) };
  },
});
