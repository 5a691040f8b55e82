// AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies. AWS-managed policy ARNs
// (`arn:aws:iam::aws:policy/...`) attach without existing in the account (see aws-managed.ts).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html

import * as model from '../../../core/generated/iam.js';
import { paginate } from '../names.js';
import { operation } from './operation.js';

export const attachRolePolicy = operation({
  input: model.AttachRolePolicyRequest,
  run: (input, iam, ctx) => {
    iam.roles.attach(ctx.account, input.RoleName, input.PolicyArn);
    return undefined;
  },
});

export const detachRolePolicy = operation({
  input: model.DetachRolePolicyRequest,
  run: (input, iam, ctx) => {
    iam.roles.detach(ctx.account, input.RoleName, input.PolicyArn);
    return undefined;
  },
});

export const listAttachedRolePolicies = operation({
  input: model.ListAttachedRolePoliciesRequest,
  output: model.ListAttachedRolePoliciesResponse,
  run: (input, iam, ctx) => {
    const attached = iam.roles.attached(ctx.account, input.RoleName, input.PathPrefix);
    const { page, ...more } = paginate(attached, (p) => p.name, input);
    return { AttachedPolicies: page.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), ...more };
  },
});
