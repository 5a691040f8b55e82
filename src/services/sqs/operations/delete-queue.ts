// DeleteQueue: the queue and its messages go at once (AWS takes up to 60 seconds).
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html

import { s } from '../../../core/shapes.js';
import { queueUrl } from '../shapes.js';
import { operation } from './operation.js';

export const deleteQueue = operation({
  input: s.structure({ QueueUrl: queueUrl }),
  run: (input, sqs, ctx) => {
    sqs.deleteQueue(sqs.requireQueueByUrl(input.QueueUrl, ctx.region));
    return undefined;
  },
});
