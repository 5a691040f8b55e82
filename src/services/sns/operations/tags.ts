import * as model from '../../../core/generated/sns.js';
import { operation } from './operation.js';

export const tagResource = operation({
  input: model.TagResourceRequest,
  run: (input, sns) => {
    sns.topics.tag(input.ResourceArn, input.Tags);
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceRequest,
  run: (input, sns) => {
    sns.topics.untag(input.ResourceArn, input.TagKeys);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceRequest,
  output: model.ListTagsForResourceResponse,
  run: (input, sns) => ({
    Tags: Object.entries(sns.topics.tags(input.ResourceArn)).map(([Key, Value]) => ({ Key, Value })),
  }),
});
