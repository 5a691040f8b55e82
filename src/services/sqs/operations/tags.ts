import * as model from '../../../core/generated/sqs.js';
import { operation } from './operation.js';

export const tagQueue = operation({
  input: model.TagQueueRequest,
  run: (input, sqs, ctx) => {
    sqs.tagQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.Tags);
    return undefined;
  },
});

export const untagQueue = operation({
  input: model.UntagQueueRequest,
  run: (input, sqs, ctx) => {
    sqs.untagQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.TagKeys);
    return undefined;
  },
});

export const listQueueTags = operation({
  input: model.ListQueueTagsRequest,
  output: model.ListQueueTagsResult,
  run: (input, sqs, ctx) => {
    const { tags } = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    return { Tags: Object.keys(tags).length > 0 ? tags : undefined };
  },
});
