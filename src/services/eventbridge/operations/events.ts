// PutEvents and TestEventPattern.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html

import { s } from '../../../core/shapes.js';
import { validation } from '../errors.js';
import { putEvents as put } from '../put-events.js';
import { checkPattern } from '../rules.js';
import { busNameOrArn, operation } from './operation.js';

export const putEvents = operation({
  input: s.structure({
    Entries: s.required(
      s.list(
        s.structure({
          Time: s.optional(s.timestamp()),
          Source: s.optional(s.string()),
          Resources: s.optional(s.list(s.string())),
          DetailType: s.optional(s.string()),
          Detail: s.optional(s.string()),
          EventBusName: s.optional(busNameOrArn),
          TraceHeader: s.optional(s.string({ min: 1, max: 500 })),
        }),
        { min: 1, max: 10 },
      ),
    ),
    EndpointId: s.optional(s.string({ min: 1, max: 50 })),
  }),
  run: (input, engine, ctx) => put(engine, ctx.account, ctx.region, input.Entries, ctx.caller),
});

/** The members TestEventPattern requires of the event. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const testEventPattern = operation({
  input: s.structure({
    EventPattern: s.required(s.string({ max: 4096 })),
    Event: s.required(s.string()),
  }),
  run: (input, _engine) => {
    const pattern = checkPattern(input.EventPattern);
    let event: unknown;
    try {
      event = JSON.parse(input.Event);
    } catch {
      throw validation('Parameter Event is not valid.');
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      throw validation('Parameter Event is not valid.');
    for (const field of REQUIRED_EVENT_FIELDS) {
      if (!(field in event)) throw validation('Parameter Event is not valid.');
    }
    return { Result: pattern.matches(event) };
  },
});
