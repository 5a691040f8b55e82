// PutMetricData: up to 1,000 metrics a request, each a Value, Values with Counts (up to 150) or a
// StatisticSet, timestamped up to two weeks back and two hours ahead, stored at 1 or 60 seconds' resolution.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html

import * as model from '../../../core/generated/cloudwatch.js';
import { invalidParameterValue, missingParameter } from '../errors.js';
import { toStored } from '../metrics/datums.js';
import { dimensionsKey } from '../metrics/metrics.js';
import { operation, whereOf } from './operation.js';

const MAX_METRICS = 1000;

export const putMetricData = operation({
  input: model.PutMetricDataInput,
  run: (input, cloudwatch, ctx) => {
    const data = input.MetricData ?? [];
    if (data.length === 0) throw missingParameter('The parameter MetricData is required.');
    if (data.length > MAX_METRICS) {
      throw invalidParameterValue(
        `The collection MetricData must not have a size greater than ${MAX_METRICS}.`,
      );
    }
    // The AWS/ namespaces are CloudWatch's own: only Nimbus's services publish there.
    if (input.Namespace.startsWith('AWS/') && ctx.caller === undefined) {
      throw invalidParameterValue(`The value ${input.Namespace} for parameter Namespace is invalid.`);
    }
    const now = cloudwatch.now();
    const stored = data.map((datum, index) => toStored(datum, `MetricData.member.${index + 1}`, now));
    const where = whereOf(ctx);
    cloudwatch.store.transaction(() => {
      data.forEach((datum, index) => {
        cloudwatch.metrics.put(
          where,
          input.Namespace,
          datum.MetricName,
          dimensionsKey(datum.Dimensions),
          stored[index]!,
          now,
        );
      });
    });
    return {};
  },
});
