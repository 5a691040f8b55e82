// PutSubscriptionFilter, DescribeSubscriptionFilters and DeleteSubscriptionFilter.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeSubscriptionFilters.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { operation, paginate } from './operation.js';

export const putSubscriptionFilter = operation({
  input: model.PutSubscriptionFilterRequest,
  run: async (input, logs, ctx) => {
    await logs.subscriptions.put(ctx.account, ctx.region, input);
    return {};
  },
});

export const describeSubscriptionFilters = operation({
  input: model.DescribeSubscriptionFiltersRequest,
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    const filters = logs.subscriptions
      .list(group)
      .filter((row) => row.name.startsWith(input.filterNamePrefix ?? ''));
    const { page, nextToken } = paginate(filters, input.limit ?? 50, input.nextToken);
    return {
      subscriptionFilters: page.map((row) => ({
        filterName: row.name,
        logGroupName: group.name,
        filterPattern: row.filter_pattern,
        destinationArn: row.destination_arn,
        ...(row.role_arn ? { roleArn: row.role_arn } : {}),
        distribution: row.distribution,
        applyOnTransformedLogs: row.apply_on_transformed === 1,
        creationTime: row.created_at,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
});

export const deleteSubscriptionFilter = operation({
  input: model.DeleteSubscriptionFilterRequest,
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    logs.subscriptions.delete(group, input.filterName);
    return {};
  },
});
