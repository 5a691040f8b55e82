import * as model from '../../../core/generated/iam.js';
import { operation, roleOutput } from './operation.js';

export const getRole = operation({
  input: model.GetRoleRequest,
  output: model.GetRoleResponse,
  run: (input, iam, ctx) => {
    return { Role: roleOutput(iam.roles.require(ctx.account, input.RoleName), 'full') };
  },
});
