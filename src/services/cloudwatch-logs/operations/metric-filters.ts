// PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter and TestMetricFilter (metric-filters.ts).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeMetricFilters.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { groupNotFound, invalidParameter } from '../errors.js';
import { compilePattern } from '../filter-pattern.js';
import type { MetricFilterRow, MetricTransformation } from '../metric-filters.js';
import { operation, paginate } from './operation.js';

export const putMetricFilter = operation({
  input: model.PutMetricFilterRequest,
  run: (input, logs, ctx) => {
    const group = logs.findGroup(ctx.account, ctx.region, input.logGroupName);
    if (!group) throw groupNotFound();
    logs.metricFilters.put(
      group,
      input.filterName,
      input.filterPattern,
      input.metricTransformations as MetricTransformation[],
      logs.clock.now(),
      input.applyOnTransformedLogs,
    );
    return {};
  },
});

export const describeMetricFilters = operation({
  input: model.DescribeMetricFiltersRequest,
  run: (input, logs, ctx) => {
    if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) {
      throw invalidParameter('If you specify filterNamePrefix, you must also specify logGroupName.');
    }
    if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) {
      throw invalidParameter('metricName and metricNamespace must be specified together.');
    }
    let rows: MetricFilterRow[];
    if (input.logGroupName !== undefined) {
      const group = logs.findGroup(ctx.account, ctx.region, input.logGroupName);
      if (!group) throw groupNotFound();
      rows = logs.metricFilters.list(group).map((row) => ({ ...row, group_name: group.name }));
    } else rows = logs.metricFilters.all(ctx.account, ctx.region);
    const filtered = rows.filter((row) => {
      if (!row.name.startsWith(input.filterNamePrefix ?? '')) return false;
      if (input.metricName === undefined) return true;
      const [t] = JSON.parse(row.transformations) as MetricTransformation[];
      return t?.metricName === input.metricName && t?.metricNamespace === input.metricNamespace;
    });
    const { page, nextToken } = paginate(filtered, input.limit ?? 50, input.nextToken);
    return {
      metricFilters: page.map((row) => ({
        filterName: row.name,
        filterPattern: row.filter_pattern,
        metricTransformations: JSON.parse(row.transformations),
        creationTime: row.created_at,
        logGroupName: row.group_name,
        applyOnTransformedLogs: row.apply_on_transformed === 1,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
});

export const deleteMetricFilter = operation({
  input: model.DeleteMetricFilterRequest,
  run: (input, logs, ctx) => {
    const group = logs.findGroup(ctx.account, ctx.region, input.logGroupName);
    if (!group) throw groupNotFound();
    logs.metricFilters.delete(group, input.filterName);
    return {};
  },
});

/** The messages the pattern matches, numbered from 1, with a space-delimited pattern's fields as `$name`. */
export const testMetricFilter = operation({
  input: model.TestMetricFilterRequest,
  run: (input) => {
    const pattern = compilePattern(input.filterPattern);
    const matches = input.logEventMessages.flatMap((eventMessage, index) => {
      const fields = pattern.extract ? pattern.extract(eventMessage) : undefined;
      if (pattern.extract ? fields === undefined : !pattern.matches(eventMessage)) return [];
      const extractedValues = Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [`$${k}`, v]));
      return [{ eventNumber: index + 1, eventMessage, extractedValues }];
    });
    return { matches };
  },
});
