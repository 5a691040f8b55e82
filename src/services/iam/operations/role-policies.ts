// Inline role policies: PutRolePolicy, GetRolePolicy (document URL-encoded), ListRolePolicies,
// DeleteRolePolicy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html

import * as model from '../../../core/generated/iam.js';
import { encodeDocument, paginate } from '../names.js';
import { operation } from './operation.js';

export const putRolePolicy = operation({
  input: model.PutRolePolicyRequest,
  run: (input, iam, ctx) => {
    iam.roles.putPolicy(ctx.account, input.RoleName, input.PolicyName, input.PolicyDocument);
    return undefined;
  },
});

export const getRolePolicy = operation({
  input: model.GetRolePolicyRequest,
  output: model.GetRolePolicyResponse,
  run: (input, iam, ctx) => {
    const found = iam.roles.getPolicy(ctx.account, input.RoleName, input.PolicyName);
    return {
      RoleName: found.role.name,
      PolicyName: found.name,
      PolicyDocument: encodeDocument(found.document),
    };
  },
});

export const listRolePolicies = operation({
  input: model.ListRolePoliciesRequest,
  output: model.ListRolePoliciesResponse,
  run: (input, iam, ctx) => {
    const { page, ...more } = paginate(iam.roles.policyNames(ctx.account, input.RoleName), (n) => n, input);
    return { PolicyNames: page, ...more };
  },
});

export const deleteRolePolicy = operation({
  input: model.DeleteRolePolicyRequest,
  run: (input, iam, ctx) => {
    iam.roles.deletePolicy(ctx.account, input.RoleName, input.PolicyName);
    return undefined;
  },
});
