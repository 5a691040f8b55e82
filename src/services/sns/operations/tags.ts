// TagResource, UntagResource, ListTagsForResource on topics: at most 50 tags; a key tagged again is replaced.
// https://docs.aws.amazon.com/sns/latest/dg/sns-tags.html

import { s } from '../../../core/shapes.js';
import { tagList } from '../shapes.js';
import { operation } from './operation.js';

const resourceArn = s.required(s.string({ min: 1, max: 1011 }));

export const tagResource = operation({
  input: s.structure({ ResourceArn: resourceArn, Tags: s.required(tagList) }),
  run: (input, sns) => {
    sns.topics.tag(input.ResourceArn, input.Tags);
    return {};
  },
});

export const untagResource = operation({
  input: s.structure({
    ResourceArn: resourceArn,
    TagKeys: s.required(s.list(s.string({ min: 1, max: 128 }))),
  }),
  run: (input, sns) => {
    sns.topics.untag(input.ResourceArn, input.TagKeys);
    return {};
  },
});

export const listTagsForResource = operation({
  input: s.structure({ ResourceArn: resourceArn }),
  output: s.structure({ Tags: s.optional(tagList) }),
  run: (input, sns) => ({
    Tags: Object.entries(sns.topics.tags(input.ResourceArn)).map(([Key, Value]) => ({ Key, Value })),
  }),
});
