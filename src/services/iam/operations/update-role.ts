// UpdateRole (description, maximum session duration) and UpdateAssumeRolePolicy (the trust policy).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html

import { s } from '../../../core/shapes.js';
import { description, policyDocument, roleName } from '../shapes.js';
import { operation } from './operation.js';

export const updateRole = operation({
  input: s.structure({
    RoleName: roleName,
    Description: description,
    MaxSessionDuration: s.optional(s.integer({ min: 3600, max: 43200 })),
  }),
  // UpdateRole's result element is present but empty.
  output: s.structure({}),
  run: (input, iam, ctx) => {
    iam.roles.update(ctx.account, input.RoleName, {
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
    });
    return {};
  },
});

export const updateAssumeRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyDocument: policyDocument }),
  run: (input, iam, ctx) => {
    iam.roles.update(ctx.account, input.RoleName, { assumeRolePolicy: input.PolicyDocument });
    return undefined;
  },
});
