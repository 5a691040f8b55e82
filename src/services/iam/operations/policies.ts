// Managed policies: CreatePolicy, GetPolicy, ListPolicies (Scope, OnlyAttached, PathPrefix), DeletePolicy.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html

import * as model from '../../../core/generated/iam.js';
import { paginate } from '../names.js';
import { operation, policyOutput } from './operation.js';

export const createPolicy = operation({
  input: model.CreatePolicyRequest,
  output: model.CreatePolicyResponse,
  run: (input, iam, ctx) => {
    const created = iam.policies.create(ctx.account, {
      name: input.PolicyName,
      path: input.Path ?? '/',
      document: input.PolicyDocument,
      description: input.Description,
      tags: input.Tags ?? [],
    });
    // CreatePolicy's answer leaves out the description (only GetPolicy returns it), but has the tags.
    return { Policy: { ...policyOutput(created, 'full'), Description: undefined } };
  },
});

export const getPolicy = operation({
  input: model.GetPolicyRequest,
  output: model.GetPolicyResponse,
  run: (input, iam, ctx) => ({
    Policy: policyOutput(iam.policies.get(ctx.account, input.PolicyArn), 'full'),
  }),
});

export const listPolicies = operation({
  input: model.ListPoliciesRequest,
  output: model.ListPoliciesResponse,
  run: (input, iam, ctx) => {
    const scope = (input.Scope ?? 'All') as 'All' | 'AWS' | 'Local';
    const policies = iam.policies.list(ctx.account, scope, input.OnlyAttached ?? false, input.PathPrefix);
    const { page, ...more } = paginate(policies, (p) => p.name, input);
    return { Policies: page.map((p) => policyOutput(p, 'list')), ...more };
  },
});

export const deletePolicy = operation({
  input: model.DeletePolicyRequest,
  run: (input, iam, ctx) => {
    iam.policies.delete(ctx.account, input.PolicyArn);
    return undefined;
  },
});
