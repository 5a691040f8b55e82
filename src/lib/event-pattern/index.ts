// The one event-pattern engine: EventBridge patterns (rules, TestEventPattern, Pipes and Lambda filter
// criteria) and SNS filter policies (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).

import { type PatternDialect, PatternError, ReasonError } from './errors.js';
import {
  attributesToEvent,
  bodyToEvent,
  checkPolicyLimits,
  type FilterPolicyScope,
  readPolicy,
  SNS_NUMERIC_LIMITS,
  SNS_UNSUPPORTED,
  type SnsMessageAttribute,
} from './filter-policy.js';
import { compileObject } from './match.js';
import type { NumericLimits } from './numeric.js';
import { isObject, type PatternObject, parsePattern } from './parse.js';

export type { FilterPolicyScope, PatternDialect, PatternObject, SnsMessageAttribute };
export { PatternError };

/** A compiled pattern: compile once, match many. */
export interface CompiledPattern {
  /** The validated pattern tree (for inspection; matching does not read it). */
  readonly pattern: PatternObject;
  /**
   * EventBridge: `event` is the event object (or its JSON text). SNS MessageAttributes scope: a record of
   * attribute name → `SnsMessageAttribute`. SNS MessageBody scope: the message body, as JSON text or parsed.
   */
  matches(event: unknown): boolean;
}

/** "-5.0e9 and +5.0e9 inclusive … six digits to the right of the decimal point". */
export const EVENTBRIDGE_NUMERIC_LIMITS: NumericLimits = { max: 5e9, decimals: 6 };

/** Compiles an EventBridge event pattern (also Pipes and Lambda event-source FilterCriteria patterns). */
export function compileEventPattern(pattern: string | object): CompiledPattern {
  const limits = EVENTBRIDGE_NUMERIC_LIMITS;
  const tree = withDialect('eventbridge', () => parsePattern(pattern, { limits, unsupported: new Set() }));
  const test = compileObject(tree, limits);
  return {
    pattern: tree,
    matches(event) {
      const value = typeof event === 'string' ? parseJson(event) : event;
      return isObject(value) && test(value);
    },
  };
}

/**
 * Compiles an SNS subscription filter policy for one `FilterPolicyScope`. An empty policy (`{}`) is SNS's
 * "no filtering" and matches every message.
 */
export function compileFilterPolicy(policy: string | object, scope: FilterPolicyScope): CompiledPattern {
  const limits = SNS_NUMERIC_LIMITS;
  const tree = withDialect('sns', () => {
    const value = readPolicy(policy);
    if (!isObject(value)) throw new ReasonError('Filter is not an object');
    if (Object.keys(value).length === 0) return undefined;
    checkPolicyLimits(value, scope);
    return parsePattern(value, { limits, unsupported: SNS_UNSUPPORTED });
  });
  if (tree === undefined) return { pattern: { fields: [], or: [] }, matches: () => true };
  const test = compileObject(tree, limits);
  const toEvent = scope === 'MessageAttributes' ? attributesToEvent : bodyToEvent;
  return {
    pattern: tree,
    matches(input) {
      const event = toEvent(input);
      return event !== undefined && test(event);
    },
  };
}

/** Throws `PatternError` when `pattern` is invalid; the EventBridge wording. */
export function validateEventPattern(pattern: string | object): void {
  compileEventPattern(pattern);
}

function withDialect<T>(dialect: PatternDialect, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ReasonError) throw new PatternError(error.message, dialect);
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
