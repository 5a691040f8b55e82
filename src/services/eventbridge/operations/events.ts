// PutEvents and TestEventPattern.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html

import * as model from '../../../core/generated/eventbridge.js';
import { validation } from '../errors.js';
import { putEvents as put } from '../put-events.js';
import { checkPattern } from '../rules.js';
import { operation } from './operation.js';

export const putEvents = operation({
  input: model.PutEventsRequest,
  run: (input, engine, ctx) => put(engine, ctx.account, ctx.region, input.Entries, ctx.caller),
});

/** The members TestEventPattern requires of the event. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const testEventPattern = operation({
  input: model.TestEventPatternRequest,
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
