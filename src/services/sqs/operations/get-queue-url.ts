// GetQueueUrl, optionally for a queue in another account.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html

import * as model from '../../../core/generated/sqs.js';
import { queueDoesNotExist } from '../errors.js';
import { operation } from './operation.js';

export const getQueueUrl = operation({
  input: model.GetQueueUrlRequest,
  output: model.GetQueueUrlResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.findQueue(input.QueueOwnerAWSAccountId ?? ctx.account, ctx.region, input.QueueName);
    if (!queue) throw queueDoesNotExist();
    return { QueueUrl: queue.url(ctx.host) };
  },
});
