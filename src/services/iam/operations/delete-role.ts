// DeleteRole: refused with DeleteConflict while managed policies are attached or inline policies remain.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html

import { s } from '../../../core/shapes.js';
import { roleName } from '../shapes.js';
import { operation } from './operation.js';

export const deleteRole = operation({
  input: s.structure({ RoleName: roleName }),
  run: (input, iam, ctx) => {
    iam.roles.delete(ctx.account, input.RoleName);
    return undefined;
  },
});
