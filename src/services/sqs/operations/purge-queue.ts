import * as model from '../../../core/generated/sqs.js';
import { operation } from './operation.js';

export const purgeQueue = operation({
  input: model.PurgeQueueRequest,
  run: (input, sqs, ctx) => {
    sqs.purge(sqs.requireQueueByUrl(input.QueueUrl, ctx.region));
    return undefined;
  },
});
