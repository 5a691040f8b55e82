// GetQueueUrl, optionally for a queue in another account.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html

import { s } from '../../../core/shapes.js';
import { queueDoesNotExist } from '../errors.js';
import { operation } from './operation.js';

export const getQueueUrl = operation({
  input: s.structure({
    QueueName: s.required(s.string()),
    QueueOwnerAWSAccountId: s.optional(s.string()),
  }),
  output: s.structure({ QueueUrl: s.optional(s.string()) }),
  run: (input, sqs, ctx) => {
    const queue = sqs.findQueue(input.QueueOwnerAWSAccountId ?? ctx.account, ctx.region, input.QueueName);
    if (!queue) throw queueDoesNotExist();
    return { QueueUrl: queue.url(ctx.host) };
  },
});
