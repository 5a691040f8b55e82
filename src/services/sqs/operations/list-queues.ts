// ListQueues: by name prefix, in name order, paginated when MaxResults is given.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html

import * as model from '../../../core/generated/sqs.js';
import { operation, paginate } from './operation.js';

export const listQueues = operation({
  input: model.ListQueuesRequest,
  output: model.ListQueuesResult,
  run: (input, sqs, ctx) => {
    const urls = sqs.listQueues(ctx.account, ctx.region, input.QueueNamePrefix).map((q) => q.url(ctx.host));
    const { page, nextToken } = paginate(urls, input.MaxResults, input.NextToken);
    // SQS leaves QueueUrls out entirely when no queue matches.
    return { QueueUrls: page.length > 0 ? page : undefined, NextToken: nextToken };
  },
});
