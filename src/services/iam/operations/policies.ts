// Managed policies: CreatePolicy, GetPolicy, ListPolicies (Scope, OnlyAttached, PathPrefix), DeletePolicy.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html

import { s } from '../../../core/shapes.js';
import { paginate } from '../names.js';
import {
  description,
  marker,
  maxItems,
  path,
  pathPrefix,
  policy,
  policyArn,
  policyDocument,
  policyName,
  tagList,
  truncation,
} from '../shapes.js';
import { operation, policyOutput } from './operation.js';

export const createPolicy = operation({
  input: s.structure({
    PolicyName: policyName,
    Path: path,
    PolicyDocument: policyDocument,
    Description: description,
    Tags: s.optional(tagList),
  }),
  output: s.structure({ Policy: s.required(policy) }),
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
  input: s.structure({ PolicyArn: policyArn }),
  output: s.structure({ Policy: s.required(policy) }),
  run: (input, iam, ctx) => ({
    Policy: policyOutput(iam.policies.get(ctx.account, input.PolicyArn), 'full'),
  }),
});

export const listPolicies = operation({
  input: s.structure({
    Scope: s.optional(s.string({ enum: ['All', 'AWS', 'Local'] })),
    OnlyAttached: s.optional(s.boolean()),
    PathPrefix: pathPrefix,
    PolicyUsageFilter: s.optional(s.string({ enum: ['PermissionsPolicy', 'PermissionsBoundary'] })),
    Marker: marker,
    MaxItems: maxItems,
  }),
  output: s.structure({ Policies: s.required(s.list(policy)), ...truncation }),
  run: (input, iam, ctx) => {
    const scope = (input.Scope ?? 'All') as 'All' | 'AWS' | 'Local';
    const policies = iam.policies.list(ctx.account, scope, input.OnlyAttached ?? false, input.PathPrefix);
    const { page, ...more } = paginate(policies, (p) => p.name, input);
    return { Policies: page.map((p) => policyOutput(p, 'list')), ...more };
  },
});

export const deletePolicy = operation({
  input: s.structure({ PolicyArn: policyArn }),
  run: (input, iam, ctx) => {
    iam.policies.delete(ctx.account, input.PolicyArn);
    return undefined;
  },
});
