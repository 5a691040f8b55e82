import * as model from '../../../core/generated/cloudwatch-logs.js';
import { operation } from './operation.js';

export const putRetentionPolicy = operation({
  input: model.PutRetentionPolicyRequest,
  run: (input, logs, ctx) => {
    logs.putRetentionPolicy(
      logs.requireGroup(ctx.account, ctx.region, input.logGroupName),
      input.retentionInDays,
    );
    return {};
  },
});

export const deleteRetentionPolicy = operation({
  input: model.DeleteRetentionPolicyRequest,
  run: (input, logs, ctx) => {
    logs.deleteRetentionPolicy(logs.requireGroup(ctx.account, ctx.region, input.logGroupName));
    return {};
  },
});
