// GetLogEvents: one stream's events, paged forwards (`f/` tokens) or backwards (`b/` tokens).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { getLogEvents as get } from '../log-events.js';
import { operation } from './operation.js';

export const getLogEvents = operation({
  input: model.GetLogEventsRequest,
  run: (input, logs, ctx) => {
    const group = logs.resolveGroup(ctx.account, ctx.region, input);
    const stream = logs.requireStream(group, input.logStreamName);
    return get(logs, group, stream, input);
  },
});
