// PutLogEvents: sequence tokens are accepted and ignored, as AWS now does.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html

import { s } from '../../../core/shapes.js';
import { putLogEvents as put } from '../log-events.js';
import { logGroupName, logStreamName, operation, timestamp } from './operation.js';

export const putLogEvents = operation({
  input: s.structure({
    logGroupName: s.required(logGroupName),
    logStreamName: s.required(logStreamName),
    logEvents: s.required(
      s.list(s.structure({ timestamp: s.required(timestamp), message: s.required(s.string({ min: 1 })) }), {
        min: 1,
        max: 10_000,
      }),
    ),
    sequenceToken: s.optional(s.string({ min: 1 })),
    entity: s.optional(s.structure({})),
  }),
  run: (input, logs, ctx) => {
    const group = logs.requireGroup(ctx.account, ctx.region, input.logGroupName);
    const stream = logs.requireStream(group, input.logStreamName);
    return put(logs, group, stream, input.logEvents);
  },
});
