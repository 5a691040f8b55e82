import * as model from '../../../core/generated/sqs.js';
import { operation } from './operation.js';

export const deleteQueue = operation({
  input: model.DeleteQueueRequest,
  run: (input, sqs, ctx) => {
    sqs.deleteQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region));
    return undefined;
  },
});
