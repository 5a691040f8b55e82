import * as model from '../../../core/generated/iam.js';
import { operation, roleOutput } from './operation.js';

export const createRole = operation({
  input: model.CreateRoleRequest,
  output: model.CreateRoleResponse,
  run: (input, iam, ctx) => {
    const created = iam.roles.create(ctx.account, {
      name: input.RoleName,
      path: input.Path ?? '/',
      assumeRolePolicy: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
      permissionsBoundary: input.PermissionsBoundary,
      tags: input.Tags ?? [],
    });
    // CreateRole answers without RoleLastUsed (the role has never been used).
    return { Role: { ...roleOutput(created, 'full'), RoleLastUsed: undefined } };
  },
});
