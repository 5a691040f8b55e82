// The legacy (pre-expression) parameters, translated into the same parsed forms expressions produce:
// Expected, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates and AttributesToGet.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html

import { invalidParameter, validation } from './errors.js';
import type { Condition, Operand, PathOperand, UpdateActions, ValueOperand } from './expressions/ast.js';
import { type AttributeValue, checkValue } from './values.js';

export interface LegacyCondition {
  Value?: AttributeValue;
  Exists?: boolean;
  ComparisonOperator?: string;
  AttributeValueList?: AttributeValue[];
}
export interface LegacyInput {
  Expected?: Record<string, LegacyCondition>;
  QueryFilter?: Record<string, LegacyCondition>;
  ScanFilter?: Record<string, LegacyCondition>;
  KeyConditions?: Record<string, LegacyCondition>;
  ConditionalOperator?: string;
  AttributeUpdates?: Record<string, { Value?: AttributeValue; Action?: string }>;
  AttributesToGet?: string[];
}

/** Operators and how many values each takes (undefined: one or more, for IN). */
const ARITY: Record<string, number | undefined> = {
  EQ: 1,
  NE: 1,
  LE: 1,
  LT: 1,
  GE: 1,
  GT: 1,
  NOT_NULL: 0,
  NULL: 0,
  CONTAINS: 1,
  NOT_CONTAINS: 1,
  BEGINS_WITH: 1,
  BETWEEN: 2,
  IN: undefined,
};

export function legacyCondition(
  conditions: Record<string, LegacyCondition> | undefined,
  operator: string | undefined,
  what: string,
): Condition | undefined {
  if (!conditions) return undefined;
  const parts: Condition[] = Object.keys(conditions).map((name) => translate(name, conditions[name]!, what));
  if (parts.length === 0) return undefined;
  return parts.reduce((left, right) => ({ kind: operator === 'OR' ? 'or' : 'and', left, right }));
}

export function legacyUpdate(
  updates: Record<string, { Value?: AttributeValue; Action?: string }> | undefined,
): UpdateActions | undefined {
  if (!updates) return undefined;
  const actions: { -readonly [K in keyof UpdateActions]: UpdateActions[K][number][] } = {
    set: [],
    remove: [],
    add: [],
    delete: [],
  };
  for (const name of Object.keys(updates)) {
    const { Value, Action = 'PUT' } = updates[name]!;
    const path = pathOf(name);
    if (Action === 'PUT') {
      if (!Value)
        throw invalidParameter('Only DELETE action is allowed when no attribute value is specified');
      actions.set.push({ path, value: literal(Value) });
    } else if (Action === 'DELETE') {
      if (Value) actions.delete.push({ path, value: literal(Value) });
      else actions.remove.push(path);
    } else {
      if (!Value)
        throw invalidParameter('Only DELETE action is allowed when no attribute value is specified');
      actions.add.push({ path, value: literal(Value) });
    }
  }
  return actions;
}

export function legacyProjection(names: string[] | undefined): PathOperand[] | undefined {
  return names?.map(pathOf);
}

function translate(name: string, condition: LegacyCondition, what: string): Condition {
  const path = pathOf(name);
  const operator = condition.ComparisonOperator;
  if (!operator) {
    // Expected's older form: { Value } means "equals", { Exists: false } "does not exist".
    if (condition.Exists === false) {
      if (condition.Value)
        throw validation(
          'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: ' +
            name,
        );
      return { kind: 'call', name: 'attribute_not_exists', args: [path] };
    }
    if (!condition.Value)
      throw validation(
        `One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: ${name}`,
      );
    return { kind: 'compare', op: '=', left: path, right: literal(condition.Value) };
  }
  const values = (condition.AttributeValueList ?? []).map(literal);
  const arity = ARITY[operator];
  if ((arity !== undefined && values.length !== arity) || (arity === undefined && values.length === 0))
    throw validation(
      `One or more parameter values were invalid: Invalid number of argument(s) for the ${operator} ComparisonOperator`,
    );
  const [first, second] = values as [ValueOperand, ValueOperand];
  const compare = (op: '=' | '<>' | '<' | '<=' | '>' | '>='): Condition => ({
    kind: 'compare',
    op,
    left: path,
    right: first,
  });
  switch (operator) {
    case 'EQ':
      return compare('=');
    case 'NE':
      return compare('<>');
    case 'LE':
      return compare('<=');
    case 'LT':
      return compare('<');
    case 'GE':
      return compare('>=');
    case 'GT':
      return compare('>');
    case 'NOT_NULL':
      return { kind: 'call', name: 'attribute_exists', args: [path] };
    case 'NULL':
      return { kind: 'call', name: 'attribute_not_exists', args: [path] };
    case 'CONTAINS':
      return { kind: 'call', name: 'contains', args: [path, first] };
    case 'NOT_CONTAINS':
      return { kind: 'not', condition: { kind: 'call', name: 'contains', args: [path, first] } };
    case 'BEGINS_WITH':
      return { kind: 'call', name: 'begins_with', args: [path, first] };
    case 'BETWEEN':
      return { kind: 'between', operand: path, low: first, high: second };
    case 'IN':
      return { kind: 'in', operand: path, list: values as Operand[] };
  }
  throw validation(`Unsupported operator in ${what}: ${operator}`);
}

function pathOf(name: string): PathOperand {
  return { kind: 'path', elements: [{ name }] };
}

function literal(value: AttributeValue): ValueOperand {
  return { kind: 'value', ref: '', value: checkValue(value) };
}
