// GetRole: the role with its trust policy URL-encoded, tags, permissions boundary and last use.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html

import { s } from '../../../core/shapes.js';
import { role, roleName } from '../shapes.js';
import { operation, roleOutput } from './operation.js';

export const getRole = operation({
  input: s.structure({ RoleName: roleName }),
  output: s.structure({ Role: s.required(role) }),
  run: (input, iam, ctx) => {
    return { Role: roleOutput(iam.roles.require(ctx.account, input.RoleName), 'full') };
  },
});
