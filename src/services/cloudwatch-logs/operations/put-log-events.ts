// PutLogEvents: sequence tokens are accepted and ignored, as AWS now does.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { putLogEvents as put } from '../log-events.js';
import { operation } from './operation.js';

export const putLogEvents = operation({
  input: model.PutLogEventsRequest,
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    const stream = logs.requireStream(group, input.logStreamName);
    return put(logs, group, stream, input.logEvents);
  },
});
