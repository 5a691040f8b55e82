// ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html

import { s } from '../../../core/shapes.js';
import { queueUrl } from '../shapes.js';
import { operation, paginate } from './operation.js';

export const listDeadLetterSourceQueues = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    NextToken: s.optional(s.string()),
    MaxResults: s.optional(s.integer()),
  }),
  output: s.structure({
    queueUrls: s.required(s.list(s.string(), { flattened: true }), 'QueueUrl'),
    NextToken: s.optional(s.string()),
  }),
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const urls = sqs.deadLetterSources(queue).map((q) => q.url(ctx.host));
    const { page, nextToken } = paginate(urls, input.MaxResults, input.NextToken);
    return { queueUrls: page, NextToken: nextToken };
  },
});
