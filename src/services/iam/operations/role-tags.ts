// TagRole, UntagRole, ListRoleTags: at most 50 tags per role; tagging an existing key replaces its value.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html

import { s } from '../../../core/shapes.js';
import { paginate } from '../names.js';
import { roleTags } from '../roles.js';
import { marker, maxItems, roleName, tagList, truncation } from '../shapes.js';
import { operation } from './operation.js';

export const tagRole = operation({
  input: s.structure({ RoleName: roleName, Tags: s.required(tagList) }),
  run: (input, iam, ctx) => {
    iam.roles.tag(ctx.account, input.RoleName, input.Tags);
    return undefined;
  },
});

export const untagRole = operation({
  input: s.structure({
    RoleName: roleName,
    TagKeys: s.required(s.list(s.string({ min: 1, max: 128 }), { max: 50 })),
  }),
  run: (input, iam, ctx) => {
    iam.roles.untag(ctx.account, input.RoleName, input.TagKeys);
    return undefined;
  },
});

export const listRoleTags = operation({
  input: s.structure({ RoleName: roleName, Marker: marker, MaxItems: maxItems }),
  output: s.structure({ Tags: s.required(tagList), ...truncation }),
  run: (input, iam, ctx) => {
    const tags = roleTags(iam.roles.require(ctx.account, input.RoleName));
    const { page, ...more } = paginate(tags, (t) => t.Key, input);
    return { Tags: page, ...more };
  },
});
