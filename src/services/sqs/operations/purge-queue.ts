// PurgeQueue: deletes every message; allowed once every 60 seconds per queue.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html

import { s } from '../../../core/shapes.js';
import { queueUrl } from '../shapes.js';
import { operation } from './operation.js';

export const purgeQueue = operation({
  input: s.structure({ QueueUrl: queueUrl }),
  run: (input, sqs, ctx) => {
    sqs.purge(sqs.requireQueueByUrl(input.QueueUrl, ctx.region));
    return undefined;
  },
});
