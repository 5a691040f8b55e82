// FilterLogEvents: a group's events across streams, through a filter pattern.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html

import { s } from '../../../core/shapes.js';
import { filterLogEvents as filter } from '../filter-events.js';
import {
  logGroupIdentifier,
  logGroupName,
  logStreamName,
  nextToken,
  operation,
  timestamp,
} from './operation.js';

export const filterLogEvents = operation({
  input: s.structure({
    logGroupName: s.optional(logGroupName),
    logGroupIdentifier: s.optional(logGroupIdentifier),
    logStreamNames: s.optional(s.list(logStreamName, { min: 1, max: 100 })),
    logStreamNamePrefix: s.optional(logStreamName),
    startTime: s.optional(timestamp),
    endTime: s.optional(timestamp),
    filterPattern: s.optional(s.string({ min: 0, max: 1024 })),
    nextToken: s.optional(nextToken),
    limit: s.optional(s.integer({ min: 1, max: 10_000 })),
    startFromHead: s.optional(s.boolean()),
    interleaved: s.optional(s.boolean()),
    unmask: s.optional(s.boolean()),
  }),
  run: (input, logs, ctx) => {
    const group = logs.resolveGroup(ctx.account, ctx.region, input);
    const { events, nextToken } = filter(logs, group, input);
    // searchedLogStreams is deprecated and AWS returns it empty.
    return { events, searchedLogStreams: [], nextToken };
  },
});
