// TagRole, UntagRole, ListRoleTags: at most 50 tags per role; tagging an existing key replaces its value.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html

import * as model from '../../../core/generated/iam.js';
import { paginate } from '../names.js';
import { roleTags } from '../roles.js';
import { operation } from './operation.js';

export const tagRole = operation({
  input: model.TagRoleRequest,
  run: (input, iam, ctx) => {
    iam.roles.tag(ctx.account, input.RoleName, input.Tags);
    return undefined;
  },
});

export const untagRole = operation({
  input: model.UntagRoleRequest,
  run: (input, iam, ctx) => {
    iam.roles.untag(ctx.account, input.RoleName, input.TagKeys);
    return undefined;
  },
});

export const listRoleTags = operation({
  input: model.ListRoleTagsRequest,
  output: model.ListRoleTagsResponse,
  run: (input, iam, ctx) => {
    const tags = roleTags(iam.roles.require(ctx.account, input.RoleName));
    const { page, ...more } = paginate(tags, (t) => t.Key, input);
    return { Tags: page, ...more };
  },
});
