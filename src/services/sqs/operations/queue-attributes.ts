import * as model from '../../../core/generated/sqs.js';
import { operation } from './operation.js';

export const getQueueAttributes = operation({
  input: model.GetQueueAttributesRequest,
  output: model.GetQueueAttributesResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const attributes = sqs.getAttributes(queue, input.AttributeNames ?? []);
    return { Attributes: Object.keys(attributes).length > 0 ? attributes : undefined };
  },
});

export const setQueueAttributes = operation({
  input: model.SetQueueAttributesRequest,
  run: (input, sqs, ctx) => {
    sqs.setAttributes(sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.Attributes);
    return undefined;
  },
});
