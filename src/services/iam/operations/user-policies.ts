// A user's inline policies (PutUserPolicy, GetUserPolicy, ListUserPolicies, DeleteUserPolicy) and attached
// managed policies (AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies).
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html

import * as model from '../../../core/generated/iam.js';
import { encodeDocument, paginate } from '../names.js';
import { operation } from './operation.js';

export const putUserPolicy = operation({
  input: model.PutUserPolicyRequest,
  run: (input, iam, ctx) => {
    iam.users.putPolicy(ctx.account, input.UserName, input.PolicyName, input.PolicyDocument);
    return undefined;
  },
});

export const getUserPolicy = operation({
  input: model.GetUserPolicyRequest,
  output: model.GetUserPolicyResponse,
  run: (input, iam, ctx) => {
    const found = iam.users.getPolicy(ctx.account, input.UserName, input.PolicyName);
    return {
      UserName: found.user.name,
      PolicyName: found.name,
      PolicyDocument: encodeDocument(found.document),
    };
  },
});

export const listUserPolicies = operation({
  input: model.ListUserPoliciesRequest,
  output: model.ListUserPoliciesResponse,
  run: (input, iam, ctx) => {
    const { page, ...more } = paginate(iam.users.policyNames(ctx.account, input.UserName), (n) => n, input);
    return { PolicyNames: page, ...more };
  },
});

export const deleteUserPolicy = operation({
  input: model.DeleteUserPolicyRequest,
  run: (input, iam, ctx) => {
    iam.users.deletePolicy(ctx.account, input.UserName, input.PolicyName);
    return undefined;
  },
});

export const attachUserPolicy = operation({
  input: model.AttachUserPolicyRequest,
  run: (input, iam, ctx) => {
    iam.users.attach(ctx.account, input.UserName, input.PolicyArn);
    return undefined;
  },
});

export const detachUserPolicy = operation({
  input: model.DetachUserPolicyRequest,
  run: (input, iam, ctx) => {
    iam.users.detach(ctx.account, input.UserName, input.PolicyArn);
    return undefined;
  },
});

export const listAttachedUserPolicies = operation({
  input: model.ListAttachedUserPoliciesRequest,
  output: model.ListAttachedUserPoliciesResponse,
  run: (input, iam, ctx) => {
    const { page, ...more } = paginate(iam.users.attached(ctx.account, input.UserName), (p) => p.name, input);
    return { AttachedPolicies: page.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), ...more };
  },
});
