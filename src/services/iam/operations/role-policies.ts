// Inline role policies: PutRolePolicy, GetRolePolicy (document URL-encoded), ListRolePolicies,
// DeleteRolePolicy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html

import { s } from '../../../core/shapes.js';
import { encodeDocument, paginate } from '../names.js';
import { marker, maxItems, policyDocument, policyName, roleName, truncation } from '../shapes.js';
import { operation } from './operation.js';

export const putRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyName: policyName, PolicyDocument: policyDocument }),
  run: (input, iam, ctx) => {
    iam.roles.putPolicy(ctx.account, input.RoleName, input.PolicyName, input.PolicyDocument);
    return undefined;
  },
});

export const getRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyName: policyName }),
  output: s.structure({
    RoleName: s.required(s.string()),
    PolicyName: s.required(s.string()),
    PolicyDocument: s.required(s.string()),
  }),
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
  input: s.structure({ RoleName: roleName, Marker: marker, MaxItems: maxItems }),
  output: s.structure({ PolicyNames: s.required(s.list(s.string())), ...truncation }),
  run: (input, iam, ctx) => {
    const { page, ...more } = paginate(iam.roles.policyNames(ctx.account, input.RoleName), (n) => n, input);
    return { PolicyNames: page, ...more };
  },
});

export const deleteRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyName: policyName }),
  run: (input, iam, ctx) => {
    iam.roles.deletePolicy(ctx.account, input.RoleName, input.PolicyName);
    return undefined;
  },
});
