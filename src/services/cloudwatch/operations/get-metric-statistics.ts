// GetMetricStatistics: one metric's statistics per period, at most 1,440 datapoints a call; periods begin at
// the start time rounded as CloudWatch rounds it. AWS returns datapoints in no set order; here they are in time order.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html

import * as model from '../../../core/generated/cloudwatch.js';
import { invalidParameterCombination, invalidParameterValue } from '../errors.js';
import { dimensionsKey } from '../metrics/metrics.js';
import { checkPeriod } from '../metrics/query-rules.js';
import { parseExtended, statistic } from '../metrics/statistics.js';
import { alignStart, operation, seconds, whereOf } from './operation.js';

const MAX_DATAPOINTS = 1440;

export const getMetricStatistics = operation({
  input: model.GetMetricStatisticsInput,
  output: model.GetMetricStatisticsOutput,
  run: (input, cloudwatch, ctx) => {
    const statistics = input.Statistics ?? [];
    const extended = input.ExtendedStatistics ?? [];
    // "you must specify either Statistics or ExtendedStatistics, but not both" (the API reference).
    if (statistics.length === 0 && extended.length === 0) {
      throw invalidParameterCombination(
        'At least one of the parameters Statistics and ExtendedStatistics must be specified.',
      );
    }
    if (statistics.length > 0 && extended.length > 0) {
      throw invalidParameterCombination(
        'The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.',
      );
    }
    for (const stat of extended) {
      if (!parseExtended(stat))
        throw invalidParameterValue(
          `The value ${stat} for parameter ExtendedStatistics is not a valid statistic.`,
        );
    }
    checkPeriod(input.Period, 'Period');
    if (input.EndTime <= input.StartTime) {
      throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
    }
    const start = alignStart(input.StartTime, input.Period, cloudwatch.now());
    const periodMs = input.Period * 1000;
    const requested = Math.ceil((input.EndTime - start) / periodMs);
    if (requested > MAX_DATAPOINTS) {
      throw invalidParameterCombination(
        `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    }
    const metric = cloudwatch.metrics.find(
      whereOf(ctx),
      input.Namespace,
      input.MetricName,
      dimensionsKey(input.Dimensions),
    );
    const Datapoints = [];
    for (const [t, agg] of metric
      ? cloudwatch.metrics.periods(metric.id, start, input.EndTime, periodMs, input.Unit)
      : []) {
      const point: Record<string, unknown> = { Timestamp: seconds(t), Unit: agg.unit };
      for (const stat of statistics) point[stat] = statistic(stat, agg);
      if (extended.length > 0) {
        const values: Record<string, number> = {};
        for (const stat of extended) {
          const value = statistic(stat, agg);
          if (value !== undefined) values[stat] = value;
        }
        point.ExtendedStatistics = values;
      }
      Datapoints.push(point);
    }
    return { Label: input.MetricName, Datapoints };
  },
});
