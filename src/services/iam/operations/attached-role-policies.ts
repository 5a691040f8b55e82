// AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies. AWS-managed policy ARNs
// (`arn:aws:iam::aws:policy/...`) attach without existing in the account (see aws-managed.ts).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html

import { s } from '../../../core/shapes.js';
import { paginate } from '../names.js';
import { attachedPolicy, marker, maxItems, pathPrefix, policyArn, roleName, truncation } from '../shapes.js';
import { operation } from './operation.js';

export const attachRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyArn: policyArn }),
  run: (input, iam, ctx) => {
    iam.roles.attach(ctx.account, input.RoleName, input.PolicyArn);
    return undefined;
  },
});

export const detachRolePolicy = operation({
  input: s.structure({ RoleName: roleName, PolicyArn: policyArn }),
  run: (input, iam, ctx) => {
    iam.roles.detach(ctx.account, input.RoleName, input.PolicyArn);
    return undefined;
  },
});

export const listAttachedRolePolicies = operation({
  input: s.structure({ RoleName: roleName, PathPrefix: pathPrefix, Marker: marker, MaxItems: maxItems }),
  output: s.structure({ AttachedPolicies: s.required(s.list(attachedPolicy)), ...truncation }),
  run: (input, iam, ctx) => {
    const attached = iam.roles.attached(ctx.account, input.RoleName, input.PathPrefix);
    const { page, ...more } = paginate(attached, (p) => p.name, input);
    return { AttachedPolicies: page.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), ...more };
  },
});
