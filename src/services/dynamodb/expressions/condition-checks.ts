// Checks DynamoDB makes on a condition when it parses it, before any item is read: an operator's first
// operand must differ from the others, and BETWEEN's bounds must have one type. The wording is
// DynamoDB's (captured from its answers; the developer guide states only the rules).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html

import { typeOf } from '../values.js';
import { describePath, type Operand } from './ast.js';
import { describeValue } from './evaluate.js';

/** `a = a`, `contains(#a, #a)`, `a BETWEEN a AND :b`, `a IN (a)`: the first operand repeated. */
export function distinctOperandsProblem(
  operator: string,
  first: Operand,
  rest: readonly Operand[],
): string | undefined {
  if (first.kind !== 'path' && first.kind !== 'value') return undefined;
  const same = rest.some((other) =>
    first.kind === 'value'
      ? other.kind === 'value' && other.ref !== '' && other.ref === first.ref
      : other.kind === 'path' && JSON.stringify(other.elements) === JSON.stringify(first.elements),
  );
  if (!same) return undefined;
  const described = first.kind === 'path' ? describePath(first) : first.ref;
  return `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${described}`;
}

/** BETWEEN :n AND :s with a number and a string. */
export function betweenTypesProblem(low: Operand, high: Operand): string | undefined {
  if (low.kind !== 'value' || high.kind !== 'value' || typeOf(low.value) === typeOf(high.value))
    return undefined;
  return `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: ${describeValue(low.value)}, upper bound operand: AttributeValue: ${describeValue(high.value)}`;
}
