// Parses and validates an event pattern into a tree of conditions, with AWS's error wording
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).

import { type CidrBlock, parseCidr } from './cidr.js';
import { fail } from './errors.js';
import {
  type NumericLimits,
  type NumericRange,
  parseNumericRange,
  scaleNumber,
  scaleOperand,
} from './numeric.js';
import { compileWildcard } from './wildcard.js';

/** A JSON value that can sit at a leaf of an event. */
export type Scalar = string | number | boolean | null;

/** One allowed value or operator in a field's array; the array means OR. */
export type Condition =
  | { readonly kind: 'exact'; readonly value: Scalar; readonly scaled?: number }
  | {
      readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case';
      readonly value: string;
      readonly ignoreCase: boolean;
    }
  | { readonly kind: 'wildcard'; readonly value: string; readonly regex: RegExp }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'cidr'; readonly value: string; readonly block: CidrBlock }
  /** Matches a value no inner condition matches; `numeric` ones only consider JSON numbers. */
  | { readonly kind: 'anything-but'; readonly numeric: boolean; readonly inner: readonly Condition[] };

/** An object level of a pattern: every field must match (AND), and one branch of every `$or`. */
export interface PatternObject {
  readonly fields: readonly PatternField[];
  readonly or: readonly (readonly PatternObject[])[];
}

export interface PatternField {
  readonly name: string;
  readonly value: PatternObject | readonly Condition[];
}

export interface ParseOptions {
  readonly limits: NumericLimits;
  /** Operators this dialect refuses (SNS has no `wildcard`). */
  readonly unsupported: ReadonlySet<string>;
}

const OR = '$or';
const OPERATORS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'equals-ignore-case',
  'wildcard',
]);

/** Parses a whole pattern (the JSON text, or the value it parses to). */
export function parsePattern(pattern: unknown, options: ParseOptions): PatternObject {
  let value = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch (error) {
      fail((error as Error).message);
    }
  }
  if (!isObject(value)) fail('Filter is not an object');
  return parseObject(value, options, false);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(
  object: Record<string, unknown>,
  options: ParseOptions,
  insideOr: boolean,
): PatternObject {
  const fields: PatternField[] = [];
  const or: PatternObject[][] = [];
  const names = Object.keys(object);
  if (names.length === 0) fail('Empty objects are not allowed');
  for (const name of names) {
    const value = object[name];
    if (name === OR) {
      or.push(parseOr(value, options));
      continue;
    }
    if (insideOr && OPERATORS.has(name))
      fail(`${name} is Ruler reserved fieldName which cannot be used inside $or.`);
    if (Array.isArray(value)) fields.push({ name, value: parseConditions(value, options) });
    else if (isObject(value)) fields.push({ name, value: parseObject(value, options, insideOr) });
    else fail(`"${name}" must be an object or an array`);
  }
  return { fields, or };
}

function parseOr(value: unknown, options: ParseOptions): PatternObject[] {
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
  const branches = value.map((branch) => {
    if (!isObject(branch)) fail('Only JSON object is allowed in array of $or relationship.');
    return parseObject(branch, options, true);
  });
  if (branches.length < 2) fail('There must have at least 2 Objects in $or relationship.');
  return branches;
}

function parseConditions(values: unknown[], options: ParseOptions): Condition[] {
  if (values.length === 0) fail('Empty arrays are not allowed');
  return values.map((value) => {
    if (isObject(value)) return parseOperator(value, options);
    if (typeof value === 'number')
      return { kind: 'exact', value, scaled: scaleNumber(value, options.limits) };
    if (typeof value === 'string' || typeof value === 'boolean' || value === null)
      return { kind: 'exact', value };
    return fail('Match value must be String, number, true, false, or null');
  });
}

function parseOperator(expression: Record<string, unknown>, options: ParseOptions): Condition {
  const keys = Object.keys(expression);
  if (keys.length === 0) fail('Match expression name not found');
  const [name] = keys;
  if (options.unsupported.has(name)) fail(`Unrecognized match type ${name}`);
  const condition = parseOperand(name, expression[name], options);
  if (keys.length > 1) {
    // event-ruler reads the first operator before noticing the second, and words it by operator.
    fail(
      name === 'numeric' || name === 'anything-but'
        ? 'Too many elements in numeric expression'
        : 'Only one key allowed in match expression',
    );
  }
  return condition;
}

function parseOperand(name: string, operand: unknown, options: ParseOptions): Condition {
  switch (name) {
    case 'prefix':
    case 'suffix':
      return parseAffix(name, operand);
    case 'equals-ignore-case':
      if (typeof operand !== 'string') fail('equals-ignore-case match pattern must be a string');
      return { kind: 'equals-ignore-case', value: operand, ignoreCase: true };
    case 'wildcard':
      if (typeof operand !== 'string') fail('wildcard match pattern must be a string');
      return { kind: 'wildcard', value: operand, regex: compileWildcard(operand) };
    case 'numeric':
      return { kind: 'numeric', range: parseNumericRange(operand, options.limits) };
    case 'exists':
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
      return { kind: 'exists', value: operand };
    case 'cidr':
      // Sic: event-ruler reuses the prefix sentence for a non-string cidr operand.
      if (typeof operand !== 'string') fail('prefix match pattern must be a string');
      return { kind: 'cidr', value: operand, block: parseCidr(operand) };
    case 'anything-but':
      return parseAnythingBut(operand, options);
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

/** `{"prefix": "us-"}` or `{"prefix": {"equals-ignore-case": "us-"}}`, likewise `suffix`. */
function parseAffix(name: 'prefix' | 'suffix', operand: unknown): Condition {
  if (typeof operand === 'string') return { kind: name, value: operand, ignoreCase: false };
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    const inner = operand['equals-ignore-case'];
    if (keys.length === 1 && typeof inner === 'string') return { kind: name, value: inner, ignoreCase: true };
  }
  return fail(`${name} match pattern must be a string`);
}

function parseAnythingBut(operand: unknown, options: ParseOptions): Condition {
  if (isObject(operand)) return parseAnythingButObject(operand, options);
  if (typeof operand === 'string')
    return { kind: 'anything-but', numeric: false, inner: [{ kind: 'exact', value: operand }] };
  if (typeof operand === 'number') {
    return { kind: 'anything-but', numeric: true, inner: [exactNumber(operand, options)] };
  }
  if (!Array.isArray(operand)) fail('Value of anything-but must be an array or single string/number value.');
  let strings = 0;
  let numbers = 0;
  const inner = operand.map((value): Condition => {
    if (typeof value === 'string') {
      strings++;
      return { kind: 'exact', value };
    }
    if (typeof value === 'number') {
      numbers++;
      return exactNumber(value, options);
    }
    return fail('Inside anything but list, start|null|boolean is not supported.');
  });
  if (strings > 0 === numbers > 0) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return { kind: 'anything-but', numeric: numbers > 0, inner };
}

/** `{"anything-but": {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": ...}}`. */
function parseAnythingButObject(operand: Record<string, unknown>, options: ParseOptions): Condition {
  const keys = Object.keys(operand);
  if (keys.length === 0) fail('Anything-But expression name not found');
  const [name] = keys;
  const value = operand[name];
  let inner: Condition[];
  if (name === 'prefix' || name === 'suffix') {
    if (typeof value !== 'string') fail('prefix/suffix match pattern must be a string');
    if (value === '') fail('Null prefix/suffix not allowed');
    inner = [{ kind: name, value, ignoreCase: false }];
  } else if (name === 'equals-ignore-case') {
    inner = stringList(
      value,
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    ).map((text) => ({ kind: 'equals-ignore-case', value: text, ignoreCase: true }));
  } else if (name === 'wildcard' && !options.unsupported.has('wildcard')) {
    inner = stringList(value, 'wildcard match pattern must be a string').map((text) => ({
      kind: 'wildcard',
      value: text,
      regex: compileWildcard(text),
    }));
  } else {
    return fail(`Unsupported anything-but pattern: ${name}`);
  }
  if (keys.length > 1) fail('Only one key allowed in match expression');
  return { kind: 'anything-but', numeric: false, inner };
}

function stringList(value: unknown, message: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(message);
  return list.map((item) => (typeof item === 'string' ? item : fail(message)));
}

function exactNumber(value: number, options: ParseOptions): Condition {
  return { kind: 'exact', value, scaled: scaleOperand(value, options.limits) };
}
