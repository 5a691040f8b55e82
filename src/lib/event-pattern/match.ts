// Turns a parsed pattern into a matcher: closures built once, so matching an event only walks the fields
// the pattern names (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html).

import { inCidr } from './cidr.js';
import { inRange, type NumericLimits, scaleNumber } from './numeric.js';
import { type Condition, isObject, type PatternObject, type Scalar } from './parse.js';

/** Tests the value found at one path of an event; `undefined` means the path is absent. */
export type ValueTest = (value: unknown) => boolean;

type ScalarTest = (value: Scalar, scaled: number | undefined) => boolean;

/**
 * An object level matches when every field and one branch of every `$or` match. An event array in place of
 * the object matches when one of its elements does, so fields under one pattern object must come from the
 * same array element, as in AWS (event-ruler's array consistency).
 */
export function compileObject(node: PatternObject, limits: NumericLimits): ValueTest {
  const names = node.fields.map((field) => field.name);
  const tests = node.fields.map((field) =>
    Array.isArray(field.value)
      ? compileConditions(field.value as readonly Condition[], limits)
      : compileObject(field.value as PatternObject, limits),
  );
  const ors = node.or.map((branches) => branches.map((branch) => compileObject(branch, limits)));
  const test = (value: unknown): boolean => {
    if (Array.isArray(value) && value.length > 0) {
      for (const element of value) if (test(element)) return true;
      return false;
    }
    // A missing object, or a scalar where the pattern expects an object, leaves every field below absent.
    const object = isObject(value) ? value : undefined;
    for (let index = 0; index < tests.length; index++) {
      const name = names[index];
      const child = object !== undefined && Object.hasOwn(object, name) ? object[name] : undefined;
      if (!tests[index](child)) return false;
    }
    for (const branches of ors) {
      let any = false;
      for (const branch of branches) {
        if (branch(value)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  };
  return test;
}

/**
 * A field's array of allowed values: one leaf value matching one condition suffices. Only scalars are
 * leaves; an object (or an array holding only objects) counts as absent, since `exists` works on leaves only.
 */
export function compileConditions(conditions: readonly Condition[], limits: NumericLimits): ValueTest {
  const allowAbsent = conditions.some((condition) => condition.kind === 'exists' && !condition.value);
  const scalar = compileScalarTest(conditions, limits);
  const test = (value: unknown): boolean => {
    if (value === undefined) return allowAbsent;
    if (Array.isArray(value)) {
      let found = false;
      const stack: unknown[] = [value];
      while (stack.length > 0) {
        const next = stack.pop();
        if (Array.isArray(next)) {
          for (let index = next.length - 1; index >= 0; index--) stack.push(next[index]);
        } else if (!isObject(next) && next !== undefined) {
          found = true;
          if (testScalar(next as Scalar)) return true;
        }
      }
      return found ? false : allowAbsent;
    }
    if (isObject(value)) return allowAbsent;
    return testScalar(value as Scalar);
  };
  const testScalar = (value: Scalar): boolean =>
    scalar(value, typeof value === 'number' ? scaleNumber(value, limits) : undefined);
  return test;
}

/** One test for a leaf value against the OR of conditions; exact strings go through a Set. */
function compileScalarTest(conditions: readonly Condition[], limits: NumericLimits): ScalarTest {
  const strings = new Set<string>();
  const scaledNumbers = new Set<number>();
  const rawNumbers = new Set<number>();
  const literals = new Set<boolean | null>();
  const others: ScalarTest[] = [];
  let existsTrue = false;
  for (const condition of conditions) {
    if (condition.kind === 'exact') {
      const value = condition.value;
      if (typeof value === 'string') strings.add(value);
      else if (typeof value === 'number') {
        // Out-of-range numbers (an account id) still match their own literal, as in AWS.
        if (condition.scaled !== undefined) scaledNumbers.add(condition.scaled);
        rawNumbers.add(value);
      } else literals.add(value);
    } else if (condition.kind === 'exists') {
      existsTrue ||= condition.value;
    } else {
      others.push(compileOperator(condition, limits));
    }
  }
  return (value, scaled) => {
    if (existsTrue) return true;
    if (typeof value === 'string') {
      if (strings.has(value)) return true;
    } else if (typeof value === 'number') {
      if (rawNumbers.has(value) || (scaled !== undefined && scaledNumbers.has(scaled))) return true;
    } else if (literals.has(value)) return true;
    for (const other of others) if (other(value, scaled)) return true;
    return false;
  };
}

function compileOperator(condition: Condition, limits: NumericLimits): ScalarTest {
  switch (condition.kind) {
    case 'exact':
    case 'exists':
      return compileScalarTest([condition], limits);
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return compileText(condition.kind, condition.value, condition.ignoreCase);
    case 'wildcard': {
      const regex = condition.regex;
      return (value) => typeof value === 'string' && regex.test(value);
    }
    case 'numeric': {
      const range = condition.range;
      return (_value, scaled) => scaled !== undefined && inRange(scaled, range);
    }
    case 'cidr': {
      const block = condition.block;
      return (value) => typeof value === 'string' && inCidr(value, block);
    }
    case 'anything-but': {
      const inner = compileScalarTest(condition.inner, limits);
      // A numeric anything-but only speaks about numbers; a string one lets any other value through.
      if (condition.numeric) return (value, scaled) => typeof value === 'number' && !inner(value, scaled);
      return (value, scaled) => !inner(value, scaled);
    }
  }
}

function compileText(
  kind: 'prefix' | 'suffix' | 'equals-ignore-case',
  text: string,
  ignoreCase: boolean,
): ScalarTest {
  const wanted = ignoreCase ? text.toLowerCase() : text;
  const fold = (value: string): string => (ignoreCase ? value.toLowerCase() : value);
  if (kind === 'prefix') return (value) => typeof value === 'string' && fold(value).startsWith(wanted);
  if (kind === 'suffix') return (value) => typeof value === 'string' && fold(value).endsWith(wanted);
  return (value) => typeof value === 'string' && fold(value) === wanted;
}
