// GetQueueAttributes and SetQueueAttributes.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html

import { s } from '../../../core/shapes.js';
import { attributeMap, queueUrl } from '../shapes.js';
import { operation } from './operation.js';

export const getQueueAttributes = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    AttributeNames: s.optional(s.list(s.string(), { flattened: true }), 'AttributeName'),
  }),
  output: s.structure({ Attributes: s.optional(attributeMap, 'Attribute') }),
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const attributes = sqs.getAttributes(queue, input.AttributeNames ?? []);
    return { Attributes: Object.keys(attributes).length > 0 ? attributes : undefined };
  },
});

export const setQueueAttributes = operation({
  input: s.structure({ QueueUrl: queueUrl, Attributes: s.required(attributeMap, 'Attribute') }),
  run: (input, sqs, ctx) => {
    sqs.setAttributes(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.Attributes);
    return undefined;
  },
});
