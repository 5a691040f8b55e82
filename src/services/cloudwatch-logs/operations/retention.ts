// PutRetentionPolicy, DeleteRetentionPolicy: how long a group keeps events (forever when unset).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html

import { s } from '../../../core/shapes.js';
import { logGroupName, operation } from './operation.js';

export const putRetentionPolicy = operation({
  input: s.structure({ logGroupName: s.required(logGroupName), retentionInDays: s.required(s.integer()) }),
  run: (input, logs, ctx) => {
    logs.putRetentionPolicy(
      logs.requireGroup(ctx.account, ctx.region, input.logGroupName),
      input.retentionInDays,
    );
    return {};
  },
});

export const deleteRetentionPolicy = operation({
  input: s.structure({ logGroupName: s.required(logGroupName) }),
  run: (input, logs, ctx) => {
    logs.deleteRetentionPolicy(logs.requireGroup(ctx.account, ctx.region, input.logGroupName));
    return {};
  },
});
