import * as model from '../../../core/generated/iam.js';
import { operation } from './operation.js';

export const updateRole = operation({
  input: model.UpdateRoleRequest,
  // UpdateRole's result element is present but empty.
  output: model.UpdateRoleResponse,
  run: (input, iam, ctx) => {
    iam.roles.update(ctx.account, input.RoleName, {
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
    });
    return {};
  },
});

export const updateAssumeRolePolicy = operation({
  input: model.UpdateAssumeRolePolicyRequest,
  run: (input, iam, ctx) => {
    iam.roles.update(ctx.account, input.RoleName, { assumeRolePolicy: input.PolicyDocument });
    return undefined;
  },
});
