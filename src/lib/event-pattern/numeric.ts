// Numeric matching as EventBridge and SNS do it: JSON numbers only, within a fixed range, compared to a fixed
// number of decimal places (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-numeric-matching).

import { fail } from './errors.js';

/** How far a dialect's numbers reach and how many decimal places count. */
export interface NumericLimits {
  /** Largest magnitude a pattern operand may have (EventBridge 5e9, SNS 1e9). */
  readonly max: number;
  /** Decimal places compared (EventBridge 6, SNS 5); digits beyond are ignored, as AWS ignores them. */
  readonly decimals: number;
}

export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

/** A range over scaled integers; `undefined` bounds are open-ended. */
export interface NumericRange {
  readonly low?: number;
  readonly lowInclusive: boolean;
  readonly high?: number;
  readonly highInclusive: boolean;
}

/**
 * `value` scaled to an integer count of 10^-decimals units, floored; undefined outside the limits.
 * AWS turns numbers into fixed-point strings (event-ruler's ComparableNumber), so 1.0000001 and 1.0000002
 * are equal at six places. The scaling is done on the decimal digits, never by multiplying floats, so
 * 0.3 scales to exactly 300000 and not 299999.99999999994 → 299999. The result stays below 2^53.
 */
export function scaleNumber(value: number, limits: NumericLimits): number | undefined {
  if (!Number.isFinite(value) || value < -limits.max || value > limits.max) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const shift = Number(exponent) - fraction.length + limits.decimals;
  let kept: string;
  let dropped = false;
  if (shift >= 0) {
    kept = digits + '0'.repeat(shift);
  } else {
    kept = digits.slice(0, Math.max(0, digits.length + shift)) || '0';
    dropped = /[1-9]/.test(digits.slice(Math.max(0, digits.length + shift)));
  }
  const magnitude = Number(kept);
  if (sign === '-') return dropped ? -magnitude - 1 : -magnitude;
  return magnitude;
}

export function inRange(scaled: number, range: NumericRange): boolean {
  if (range.low !== undefined && (range.lowInclusive ? scaled < range.low : scaled <= range.low))
    return false;
  if (range.high !== undefined && (range.highInclusive ? scaled > range.high : scaled >= range.high))
    return false;
  return true;
}

/** Validates a `numeric` operand (`[">", 0, "<=", 5]`) with event-ruler's wording and returns its range. */
export function parseNumericRange(operand: unknown, limits: NumericLimits): NumericRange {
  if (!Array.isArray(operand)) fail('Value of numeric must be an array.');
  if (operand.length === 0) fail('Invalid member in numeric match: ]');
  const [operator, value, secondOperator, secondValue] = operand;
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${text(operator)}`);
  if (!isOperator(operator)) fail(`Unrecognized numeric range operator: ${operator}`);
  const first = operandValue(operator, value, limits);
  if (operand.length === 2) {
    if (operator === '=') return { low: first, lowInclusive: true, high: first, highInclusive: true };
    if (operator === '<' || operator === '<=')
      return { high: first, highInclusive: operator === '<=', lowInclusive: false };
    return { low: first, lowInclusive: operator === '>=', highInclusive: false };
  }
  // Only a lower bound may be followed by an upper one: [">", 0, "<=", 5].
  if (operator !== '>' && operator !== '>=') fail('Too many elements in numeric expression');
  if (typeof secondOperator !== 'string') fail(`Bad value in numeric range: ${text(secondOperator)}`);
  if (secondOperator !== '<' && secondOperator !== '<=')
    fail(`Bad numeric range operator: ${secondOperator}`);
  const second = operandValue(secondOperator, secondValue, limits);
  if (operand.length > 4) fail('Too many terms in numeric range expression');
  if (second <= first) fail('Bottom must be less than top');
  return {
    low: first,
    lowInclusive: operator === '>=',
    high: second,
    highInclusive: secondOperator === '<=',
  };
}

/** Scales a pattern operand, failing with AWS's range message when it is out of reach. */
export function scaleOperand(value: number, limits: NumericLimits): number {
  const scaled = scaleNumber(value, limits);
  if (scaled === undefined)
    fail(`Value must be between ${javaDouble(-limits.max)} and ${javaDouble(limits.max)}, inclusive`);
  return scaled;
}

function operandValue(operator: string, value: unknown, limits: NumericLimits): number {
  if (typeof value !== 'number') fail(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  return scaleOperand(value, limits);
}

function isOperator(value: string): value is NumericOperator {
  return value === '=' || value === '<' || value === '<=' || value === '>' || value === '>=';
}

/** Java prints 5e9 as "5.0E9"; AWS's message shows Java's form. */
function javaDouble(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
