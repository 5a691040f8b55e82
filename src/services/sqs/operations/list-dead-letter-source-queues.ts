import * as model from '../../../core/generated/sqs.js';
import { operation, paginate } from './operation.js';

export const listDeadLetterSourceQueues = operation({
  input: model.ListDeadLetterSourceQueuesRequest,
  output: model.ListDeadLetterSourceQueuesResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const urls = sqs.deadLetterSources(queue).map((q) => q.url(ctx.host));
    const { page, nextToken } = paginate(urls, input.MaxResults, input.NextToken);
    return { queueUrls: page, NextToken: nextToken };
  },
});
