// The Condition element: AWS's operators (string, numeric, date, boolean, binary, IP address, ARN, Null),
// the `IfExists` suffix, the `ForAllValues:`/`ForAnyValue:` set qualifiers, and policy variables in
// condition values. Keys are case-insensitive; a missing key fails every operator but `…IfExists`,
// `Null` and `ForAllValues:` (which holds on an empty set).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

import { arnMatch, wildcardMatch } from './match.js';
import { substituteVariables } from './variables.js';

/** Request context keys, lowercased (`aws:sourcearn`), each one value or several (multivalued keys). */
export type ConditionContext = ReadonlyMap<string, string | readonly string[]>;

/** Whether every operator of the Condition block holds (AND across operators and keys, OR across values). */
export function conditionsHold(condition: unknown, context: ConditionContext): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  for (const [operatorName, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) return false;
    for (const [key, expected] of Object.entries(block as Record<string, unknown>)) {
      const values = [expected].flat().map((v) => substituteVariables(String(v), context));
      if (!operatorHolds(operatorName, context.get(key.toLowerCase()), values)) return false;
    }
  }
  return true;
}

function operatorHolds(
  name: string,
  actual: string | readonly string[] | undefined,
  expected: string[],
): boolean {
  let operator = name;
  let qualifier: 'all' | 'any' | undefined;
  if (operator.startsWith('ForAllValues:')) {
    qualifier = 'all';
    operator = operator.slice('ForAllValues:'.length);
  } else if (operator.startsWith('ForAnyValue:')) {
    qualifier = 'any';
    operator = operator.slice('ForAnyValue:'.length);
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  if (operator === 'Null') {
    const isNull = actual === undefined || (Array.isArray(actual) && actual.length === 0);
    return expected.some((v) => (v.toLowerCase() === 'true') === isNull);
  }
  const test = OPERATORS[operator];
  if (!test) return false;
  const negated = NEGATED.has(operator);
  // "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and
  // the right key is not present, the condition is true." (the operators page above)
  if (actual === undefined) return ifExists || qualifier === 'all' || negated;
  const values = [actual].flat();
  if (qualifier === 'all') return values.every((value) => matchesOne(test, negated, value, expected));
  if (qualifier === 'any') return values.some((value) => matchesOne(test, negated, value, expected));
  // A single-valued operator over a multivalued key: any value may satisfy it.
  return values.some((value) => matchesOne(test, negated, value, expected));
}

/** Positive operators: any expected value matches. Negated ones: none does. */
function matchesOne(test: Test, negated: boolean, value: string, expected: string[]): boolean {
  const any = expected.some((e) => test(value, e));
  return negated ? !any : any;
}

type Test = (actual: string, expected: string) => boolean;

const numeric =
  (compare: (a: number, b: number) => boolean): Test =>
  (a, b) => {
    const x = Number(a);
    const y = Number(b);
    return !Number.isNaN(x) && !Number.isNaN(y) && compare(x, y);
  };
const date =
  (compare: (a: number, b: number) => boolean): Test =>
  (a, b) => {
    const x = toEpoch(a);
    const y = toEpoch(b);
    return x !== undefined && y !== undefined && compare(x, y);
  };

const OPERATORS: Readonly<Record<string, Test>> = {
  StringEquals: (a, b) => a === b,
  StringNotEquals: (a, b) => a === b,
  StringEqualsIgnoreCase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  StringNotEqualsIgnoreCase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  StringLike: (a, b) => wildcardMatch(b, a),
  StringNotLike: (a, b) => wildcardMatch(b, a),
  NumericEquals: numeric((a, b) => a === b),
  NumericNotEquals: numeric((a, b) => a === b),
  NumericLessThan: numeric((a, b) => a < b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
  DateEquals: date((a, b) => a === b),
  DateNotEquals: date((a, b) => a === b),
  DateLessThan: date((a, b) => a < b),
  DateLessThanEquals: date((a, b) => a <= b),
  DateGreaterThan: date((a, b) => a > b),
  DateGreaterThanEquals: date((a, b) => a >= b),
  Bool: (a, b) => a.toLowerCase() === b.toLowerCase(),
  BinaryEquals: (a, b) => a === b,
  IpAddress: (a, b) => inCidr(a, b),
  NotIpAddress: (a, b) => inCidr(a, b),
  ArnEquals: (a, b) => arnMatch(b, a),
  ArnLike: (a, b) => arnMatch(b, a),
  ArnNotEquals: (a, b) => arnMatch(b, a),
  ArnNotLike: (a, b) => arnMatch(b, a),
};

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** Dates are ISO 8601 or epoch seconds (`aws:EpochTime`). */
function toEpoch(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** IPv4 CIDR containment (`203.0.113.0/24`); a bare address is /32. IPv6 compares textually. */
function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  if (a === undefined || b === undefined) return address === base;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.replace(/^::ffff:/, '').split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d+$/.test(part) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}
