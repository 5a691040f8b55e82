// The SNS dialect: filter policies over message attributes or the message body, with SNS's operator subset
// and limits (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html).

import { fail } from './errors.js';
import type { NumericLimits } from './numeric.js';
import { isObject } from './parse.js';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/**
 * One message attribute, in either of SNS's spellings: the Publish API's (`DataType`, `StringValue`) or the
 * delivered notification's (`Type`, `Value`). Binary attributes are never compared, as in SNS.
 */
export interface SnsMessageAttribute {
  readonly DataType?: string;
  readonly Type?: string;
  readonly StringValue?: string;
  readonly Value?: string;
  readonly BinaryValue?: unknown;
}

/** "-10^9 to 10^9, with five digits of accuracy after the decimal point". */
export const SNS_NUMERIC_LIMITS: NumericLimits = { max: 1e9, decimals: 5 };
/** SNS's pattern language has no `wildcard` operator. */
export const SNS_UNSUPPORTED: ReadonlySet<string> = new Set(['wildcard']);

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;

/** Parses the policy's JSON text; SNS words a syntax error its own way. */
export function readPolicy(policy: string | object): unknown {
  if (typeof policy !== 'string') return policy;
  try {
    return JSON.parse(policy);
  } catch (error) {
    return fail(`failed to parse JSON. ${(error as Error).message}`);
  }
}

/**
 * SNS's checks before the pattern grammar's: at most five top-level keys, no nesting in the
 * MessageAttributes scope, and at most 150 combinations. Combinations follow the documented example
 * (four values three levels deep and three values two levels deep: 3 × 4 × 2 × 3 = 72): each array
 * multiplies the running total by its length times its depth, and the branches of an `$or` add up.
 */
export function checkPolicyLimits(policy: Record<string, unknown>, scope: FilterPolicyScope): void {
  if (Object.keys(policy).length > MAX_KEYS) fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations(policy, scope, 1, 1) > MAX_COMBINATIONS) fail('Filter policy is too complex');
}

/**
 * The attributes as the object a pattern walks: String values as strings, Number values as numbers,
 * String.Array values as the JSON array they hold (each element matched on its own).
 */
export function attributesToEvent(attributes: unknown): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  if (!isObject(attributes)) return event;
  for (const [name, raw] of Object.entries(attributes)) {
    if (!isObject(raw)) continue;
    const attribute = raw as SnsMessageAttribute;
    const type = attribute.DataType ?? attribute.Type ?? 'String';
    const text = attribute.StringValue ?? attribute.Value;
    if (type.startsWith('Binary') || typeof text !== 'string') continue;
    event[name] = attributeValue(type, text);
  }
  return event;
}

/** The body a MessageBody-scoped policy walks; a body that is not a JSON object matches nothing. */
export function bodyToEvent(body: unknown): Record<string, unknown> | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return isObject(value) ? value : undefined;
}

function attributeValue(type: string, text: string): unknown {
  // Custom types ("Number.float", "String.json") compare as their base type.
  if (type.startsWith('Number')) {
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? number : text;
  }
  if (type === 'String.Array') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not an array after all: compared as the string it is.
    }
  }
  return text;
}

function combinations(
  policy: Record<string, unknown>,
  scope: FilterPolicyScope,
  depth: number,
  start: number,
): number {
  let total = start;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      let sum = 0;
      for (const branch of value) if (isObject(branch)) sum += combinations(branch, scope, depth, total);
      total = sum;
    } else if (Array.isArray(value)) {
      total *= value.length * depth;
    } else if (isObject(value)) {
      if (scope === 'MessageAttributes')
        fail('Filter policy scope MessageAttributes does not support nested filter policy');
      total = combinations(value, scope, depth + 1, total);
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
  return total;
}
