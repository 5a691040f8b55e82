// FilterLogEvents: a group's events across streams, through a filter pattern.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html

import * as model from '../../../core/generated/cloudwatch-logs.js';
import { filterLogEvents as filter } from '../filter-events.js';
import { operation } from './operation.js';

export const filterLogEvents = operation({
  input: model.FilterLogEventsRequest,
  run: (input, logs, ctx) => {
    const group = logs.resolveGroup(ctx.account, ctx.region, input);
    const { events, nextToken } = filter(logs, group, input);
    // searchedLogStreams is deprecated and AWS returns it empty.
    return { events, searchedLogStreams: [], nextToken };
  },
});
