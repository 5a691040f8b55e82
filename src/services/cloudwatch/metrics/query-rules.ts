// What CloudWatch checks of a list of metric data queries (GetMetricData's MetricDataQueries, PutMetricAlarm's
// Metrics): at most 500, ids that start with a lowercase letter and are unique, exactly one of MetricStat or
// Expression each, valid periods and statistics; and the period rule every metric request shares.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html

import { invalidParameterValue, missingParameter } from '../errors.js';
import type { MetricDataQuery } from './queries.js';
import { isStatistic } from './statistics.js';

const MAX_QUERIES = 500;

/** What CloudWatch checks of a Metrics list (GetMetricData, and PutMetricAlarm's Metrics form). */
export function checkQueries(queries: readonly MetricDataQuery[], path: string): void {
  if (queries.length > MAX_QUERIES) {
    throw invalidParameterValue(`The collection ${path} must not have a size greater than ${MAX_QUERIES}.`);
  }
  const ids = new Set<string>();
  queries.forEach((query, index) => {
    const at = `${path}.member.${index + 1}`;
    // "The first character must be a lowercase letter."
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.Id)) {
      throw invalidParameterValue(`The value ${query.Id} for parameter ${at}.Id is invalid.`);
    }
    if (ids.has(query.Id))
      throw invalidParameterValue(`The values for parameter id in ${path} are not unique.`);
    ids.add(query.Id);
    if ((query.MetricStat === undefined) === (query.Expression === undefined)) {
      throw missingParameter(`The parameter ${at} must contain exactly one of MetricStat or Expression.`);
    }
    if (query.MetricStat) {
      checkPeriod(query.MetricStat.Period, `${at}.MetricStat.Period`);
      if (!isStatistic(query.MetricStat.Stat)) {
        throw invalidParameterValue(
          `The value ${query.MetricStat.Stat} for parameter ${at}.MetricStat.Stat is invalid.`,
        );
      }
      if (!query.MetricStat.Metric.Namespace || !query.MetricStat.Metric.MetricName) {
        throw missingParameter(
          `The parameter ${at}.MetricStat.Metric must name a Namespace and a MetricName.`,
        );
      }
    }
  });
}

/** "Valid values are 1, 5, 10, 20, 30, 60, and any multiple of 60" (high resolution below a minute).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html */
export function checkPeriod(period: number, name: string): void {
  if ([1, 5, 10, 20, 30].includes(period) || (period > 0 && period % 60 === 0)) return;
  throw invalidParameterValue(
    `The parameter ${name} must be a multiple of 60 or equal to 1, 5, 10, 20, or 30.`,
  );
}
