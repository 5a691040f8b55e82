// CreateQueue: idempotent when the attributes match, QueueNameExists when they differ.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html

import { s } from '../../../core/shapes.js';
import { attributeMap, tagMap } from '../shapes.js';
import { operation } from './operation.js';

export const createQueue = operation({
  input: s.structure({
    QueueName: s.required(s.string()),
    Attributes: s.optional(attributeMap, 'Attribute'),
    tags: s.optional(tagMap, 'Tag'),
  }),
  output: s.structure({ QueueUrl: s.optional(s.string()) }),
  run: (input, sqs, ctx) => {
    const queue = sqs.createQueue(
      ctx.account,
      ctx.region,
      input.QueueName,
      input.Attributes ?? {},
      input.tags ?? {},
    );
    return { QueueUrl: queue.url(ctx.host) };
  },
});
