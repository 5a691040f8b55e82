// GetLogEvents: one stream's events, paged forwards (`f/` tokens) or backwards (`b/` tokens).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html

import { s } from '../../../core/shapes.js';
import { getLogEvents as get } from '../log-events.js';
import {
  logGroupIdentifier,
  logGroupName,
  logStreamName,
  nextToken,
  operation,
  timestamp,
} from './operation.js';

export const getLogEvents = operation({
  input: s.structure({
    logGroupName: s.optional(logGroupName),
    logGroupIdentifier: s.optional(logGroupIdentifier),
    logStreamName: s.required(logStreamName),
    startTime: s.optional(timestamp),
    endTime: s.optional(timestamp),
    nextToken: s.optional(nextToken),
    limit: s.optional(s.integer({ min: 1, max: 10_000 })),
    startFromHead: s.optional(s.boolean()),
    unmask: s.optional(s.boolean()),
  }),
  run: (input, logs, ctx) => {
    const group = logs.resolveGroup(ctx.account, ctx.region, input);
    const stream = logs.requireStream(group, input.logStreamName);
    return get(logs, group, stream, input);
  },
});
