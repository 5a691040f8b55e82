// Condition functions (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) and the evaluation of the Conditions section:
// each condition once, in any order, referring to parameters and other conditions but never to resources.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html

import { formatError, isRecord, PSEUDO_PARAMETERS, templateError } from './errors.js';
import type { Template } from './parse.js';
import { parseSubString, subArguments } from './sub.js';

/** Resolves a value in the scope of the condition being evaluated. */
export type Resolve = (value: unknown) => unknown;

export function fnEquals(argument: unknown, resolve: Resolve): boolean {
  if (!Array.isArray(argument) || argument.length !== 2) {
    throw templateError('every Fn::Equals object requires a list of 2 string parameters.');
  }
  const [a, b] = argument.map((value) => comparable(resolve(value)));
  return a === b;
}

export function fnAndOr(name: 'Fn::And' | 'Fn::Or', argument: unknown, resolve: Resolve): boolean {
  // Fn::And and Fn::Or take between 2 and 10 conditions.
  if (!Array.isArray(argument) || argument.length < 2 || argument.length > 10) {
    throw templateError(
      `every ${name} object requires a list of at least 2 and at most 10 boolean parameters.`,
    );
  }
  const values = argument.map((value) => booleanOf(name, resolve(value)));
  return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
}

export function fnNot(argument: unknown, resolve: Resolve): boolean {
  if (!Array.isArray(argument) || argument.length !== 1) {
    throw templateError('every Fn::Not object requires a list of 1 boolean parameter.');
  }
  return !booleanOf('Fn::Not', resolve(argument[0]));
}

/** Evaluates every condition of the section. `resolveIn(value, condition)` resolves a value where `Condition: name`
 *  is answered by `condition(name)` (undefined for a condition the section does not declare). */
export function evaluateConditionSection(
  template: Template,
  resolveIn: (value: unknown, condition: (name: string) => boolean | undefined) => unknown,
): Record<string, boolean> {
  const declared = template.Conditions ?? {};
  checkNoResourceReferences(template);
  const results: Record<string, boolean> = {};
  const evaluating: string[] = [];
  const condition = (name: string): boolean | undefined => {
    if (Object.hasOwn(results, name)) return results[name]!;
    if (!Object.hasOwn(declared, name)) return undefined;
    if (evaluating.includes(name)) {
      const cycle = evaluating.slice(evaluating.indexOf(name));
      throw formatError(`Circular dependency between conditions: [${cycle.join(', ')}]`);
    }
    evaluating.push(name);
    const value = resolveIn(declared[name], condition);
    evaluating.pop();
    if (typeof value !== 'boolean') {
      throw formatError('Conditions can only be boolean operations on parameters and other conditions');
    }
    results[name] = value;
    return value;
  };
  for (const name of Object.keys(declared)) condition(name);
  return results;
}

/** Conditions may use parameters and pseudo parameters only; every other Ref or Sub variable is reported at once. */
function checkNoResourceReferences(template: Template): void {
  const parameters = template.Parameters ?? {};
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner);
      else if (key === 'Fn::Sub') {
        const { source, variables } = safeSub(inner);
        if (typeof source === 'string') {
          for (const part of parseSubString(source)) {
            if ('variable' in part && !Object.hasOwn(variables, part.variable)) found.add(part.variable);
          }
        }
        Object.values(variables).forEach(visit);
      } else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string')
        found.add(inner[0]);
      else visit(inner);
    }
  };
  visit(template.Conditions);
  const resources = [...found].filter(
    (name) => !PSEUDO_PARAMETERS.has(name) && !Object.hasOwn(parameters, name),
  );
  if (resources.length) {
    throw formatError(
      `Unresolved dependencies [${resources.join(', ')}]. Cannot reference resources in the Conditions block of the template`,
    );
  }
}

function safeSub(argument: unknown): { source: unknown; variables: Record<string, unknown> } {
  try {
    return subArguments(argument);
  } catch {
    return { source: undefined, variables: {} };
  }
}

function booleanOf(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw templateError(`every ${name} object requires a list of boolean parameters.`);
}

/** Fn::Equals compares values as CloudFormation passes them: scalars as strings (`!Equals [!Ref Count, 1]` holds for "1"). */
function comparable(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return JSON.stringify(value, (_key, inner) =>
    inner !== null && typeof inner !== 'object' ? String(inner) : inner,
  );
}
