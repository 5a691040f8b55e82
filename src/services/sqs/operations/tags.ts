// TagQueue, UntagQueue, ListQueueTags.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_TagQueue.html

import { s } from '../../../core/shapes.js';
import { queueUrl, tagMap } from '../shapes.js';
import { operation } from './operation.js';

export const tagQueue = operation({
  input: s.structure({ QueueUrl: queueUrl, Tags: s.required(tagMap, 'Tag') }),
  run: (input, sqs, ctx) => {
    sqs.tagQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.Tags);
    return undefined;
  },
});

export const untagQueue = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    TagKeys: s.required(s.list(s.string(), { flattened: true }), 'TagKey'),
  }),
  run: (input, sqs, ctx) => {
    sqs.untagQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.TagKeys);
    return undefined;
  },
});

export const listQueueTags = operation({
  input: s.structure({ QueueUrl: queueUrl }),
  output: s.structure({ Tags: s.optional(tagMap, 'Tag') }),
  run: (input, sqs, ctx) => {
    const { tags } = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    return { Tags: Object.keys(tags).length > 0 ? tags : undefined };
  },
});
