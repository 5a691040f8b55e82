import * as model from '../../../core/generated/iam.js';
import { operation } from './operation.js';

export const deleteRole = operation({
  input: model.DeleteRoleRequest,
  run: (input, iam, ctx) => {
    iam.roles.delete(ctx.account, input.RoleName);
    return undefined;
  },
});
