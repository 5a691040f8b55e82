import * as model from '../../../core/generated/sqs.js';
import { operation } from './operation.js';

export const createQueue = operation({
  input: model.CreateQueueRequest,
  output: model.CreateQueueResult,
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
