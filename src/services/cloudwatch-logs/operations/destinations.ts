// PutDestination, PutDestinationPolicy, DescribeDestinations and DeleteDestination.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDestination.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeDestinations.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { describeDestination } from '../destinations.js';
import { operation, paginate } from './operation.js';

export const putDestination = operation({
  input: model.PutDestinationRequest,
  run: async (input, logs, ctx) => {
    await logs.checks.checkStream(ctx.account, ctx.region, input.targetArn, 'PutDestination', 'targetArn');
    return { destination: describeDestination(logs.destinations.put(ctx.account, ctx.region, input)) };
  },
});

export const putDestinationPolicy = operation({
  input: model.PutDestinationPolicyRequest,
  run: (input, logs, ctx) => {
    const row = logs.destinations.require(ctx.account, ctx.region, input.destinationName);
    logs.destinations.setPolicy(row, input.accessPolicy);
    return {};
  },
});

export const describeDestinations = operation({
  input: model.DescribeDestinationsRequest,
  run: (input, logs, ctx) => {
    const rows = logs.destinations.list(ctx.account, ctx.region, input.DestinationNamePrefix);
    const { page, nextToken } = paginate(rows, input.limit ?? 50, input.nextToken);
    return { destinations: page.map(describeDestination), ...(nextToken ? { nextToken } : {}) };
  },
});

export const deleteDestination = operation({
  input: model.DeleteDestinationRequest,
  run: (input, logs, ctx) => {
    logs.destinations.delete(logs.destinations.require(ctx.account, ctx.region, input.destinationName));
    return {};
  },
});
