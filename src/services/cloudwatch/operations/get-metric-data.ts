// GetMetricData: up to 500 queries, each a MetricStat or a metric math Expression over the others; the
// results of those with ReturnData, newest first unless ScanBy says otherwise, paged by MaxDatapoints
// (100,800 by default) with PartialData on the results a NextToken continues.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html

import * as model from '../../../core/generated/cloudwatch.js';
import { invalidParameterValue } from '../errors.js';
import { type MetricDataQuery, runQueries } from '../metrics/queries.js';
import { checkQueries } from '../metrics/query-rules.js';
import { alignStart, decodeToken, encodeToken, operation, seconds, whereOf } from './operation.js';

const DEFAULT_MAX_DATAPOINTS = 100_800;

export const getMetricData = operation({
  input: model.GetMetricDataInput,
  output: model.GetMetricDataOutput,
  run: (input, cloudwatch, ctx) => {
    const queries = input.MetricDataQueries as MetricDataQuery[];
    checkQueries(queries, 'MetricDataQueries');
    if (input.EndTime <= input.StartTime) {
      throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
    }
    const periods = queries.map((q) => q.MetricStat?.Period ?? q.Period ?? 60);
    const start = alignStart(input.StartTime, Math.min(...periods), cloudwatch.now());
    const results = runQueries(cloudwatch.metrics, whereOf(ctx), queries, start, input.EndTime).filter(
      (r) => r.returnData,
    );
    const offset = decodeToken('GetMetricData', input.NextToken);
    const perQuery = Math.max(
      1,
      Math.floor((input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS) / Math.max(1, results.length)),
    );
    const ascending = input.ScanBy === 'TimestampAscending';
    let more = false;
    const MetricDataResults = results.map((result) => {
      const ordered = ascending ? result.points : [...result.points].reverse();
      const slice = ordered.slice(offset, offset + perQuery);
      const partial = offset + perQuery < ordered.length;
      more ||= partial;
      return {
        Id: result.id,
        Label: result.label,
        Timestamps: slice.map(([t]) => seconds(t)),
        Values: slice.map(([, v]) => v),
        StatusCode: partial ? 'PartialData' : 'Complete',
      };
    });
    return {
      MetricDataResults,
      Messages: [],
      ...(more ? { NextToken: encodeToken('GetMetricData', offset + perQuery) } : {}),
    };
  },
});
