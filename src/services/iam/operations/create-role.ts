// CreateRole: a role with its trust policy, returned with the trust policy URL-encoded.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html

import { s } from '../../../core/shapes.js';
import { description, path, policyDocument, role, roleName, tagList } from '../shapes.js';
import { operation, roleOutput } from './operation.js';

export const createRole = operation({
  input: s.structure({
    RoleName: roleName,
    Path: path,
    AssumeRolePolicyDocument: policyDocument,
    Description: description,
    MaxSessionDuration: s.optional(s.integer({ min: 3600, max: 43200 })),
    PermissionsBoundary: s.optional(s.string({ min: 20, max: 2048 })),
    Tags: s.optional(tagList),
  }),
  output: s.structure({ Role: s.required(role) }),
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
