// ListMetrics: the metrics with data in the last two weeks, filtered by namespace, name and dimensions (a
// filter without a value matches any value), RecentlyActive PT3H for the last three hours, 500 a page.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html

import * as model from '../../../core/generated/cloudwatch.js';
import { dimensionsOf } from '../metrics/metrics.js';
import { operation, page, whereOf } from './operation.js';

const PAGE_SIZE = 500;
/** "Metrics that have not had any new data points in the past two weeks do not appear." */
const LISTED_FOR_MS = 14 * 86_400_000;
const RECENTLY_ACTIVE_MS = 3 * 3_600_000;

export const listMetrics = operation({
  input: model.ListMetricsInput,
  output: model.ListMetricsOutput,
  run: (input, cloudwatch, ctx) => {
    const now = cloudwatch.now();
    const since = now - (input.RecentlyActive === 'PT3H' ? RECENTLY_ACTIVE_MS : LISTED_FOR_MS);
    const filters = input.Dimensions ?? [];
    const matching = cloudwatch.metrics
      .all(whereOf(ctx))
      .filter((row) => row.last_put >= since)
      .filter((row) => input.Namespace === undefined || row.namespace === input.Namespace)
      .filter((row) => input.MetricName === undefined || row.name === input.MetricName)
      .map((row) => ({
        Namespace: row.namespace,
        MetricName: row.name,
        Dimensions: dimensionsOf(row.dimensions),
      }))
      .filter((metric) =>
        filters.every((filter) =>
          metric.Dimensions.some(
            (d) => d.Name === filter.Name && (filter.Value === undefined || d.Value === filter.Value),
          ),
        ),
      );
    const { slice, next } = page('ListMetrics', matching, input.NextToken, PAGE_SIZE);
    return { Metrics: slice, ...(next ? { NextToken: next } : {}) };
  },
});
