// Checks DynamoDB makes on a parsed expression before evaluating anything, with its wording: overlapping
// document paths, repeated operands, BETWEEN's literal bounds, and how operands are named in messages.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html

import { validation } from '../errors.js';
import { type AttributeValue, compareValues, typeOf } from '../values.js';
import { describePath, type Operand, type PathElement, type PathOperand } from './ast.js';
import { describeValue } from './evaluate.js';

/** `a = a`, `contains(#a, #a)`: "The first operand must be distinct from the remaining operands". */
export function checkDistinct(label: string, operator: string, first: Operand, second: Operand): void {
  if (first.kind !== 'path' || second.kind !== 'path') return;
  const described = describePath(first);
  if (described === describePath(second))
    throw validation(
      `Invalid ${label}: The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${described}`,
    );
}

/** BETWEEN's literal bounds: of one type, lower ≤ upper (checked when parsed, whatever the item). */
export function checkBounds(label: string, low: AttributeValue, high: AttributeValue): void {
  const bounds = `lower bound operand: AttributeValue: ${describeValue(low)}, upper bound operand: AttributeValue: ${describeValue(high)}`;
  if (typeOf(low) !== typeOf(high))
    throw validation(
      `Invalid ${label}: The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`,
    );
  const order = compareValues(low, high);
  if (order !== undefined && order > 0)
    throw validation(
      `Invalid ${label}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
    );
}

export function operandType(operand: Operand): string {
  if (operand.kind === 'value') return Object.keys(operand.value)[0] ?? 'NULL';
  if (operand.kind === 'path') return 'PATH';
  return operand.kind === 'function' ? operand.name.toUpperCase() : 'ARITHMETIC';
}

/** "Two document paths overlap with each other" (one is a prefix of the other) or "conflict" (they part
 * where one indexes a list and the other names a map key). */
export function checkOverlaps(paths: readonly PathOperand[], label: string): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = paths[j]!.elements;
      const b = paths[i]!.elements;
      const shorter = Math.min(a.length, b.length);
      let k = 0;
      while (k < shorter && elementKey(a[k]!) === elementKey(b[k]!)) k++;
      const relation =
        k === shorter ? 'overlap' : 'name' in a[k]! !== 'name' in b[k]! ? 'conflict' : undefined;
      if (relation)
        throw validation(
          `Invalid ${label}: Two document paths ${relation} with each other; must remove or rewrite one of these paths; path one: ${describePath(paths[j]!)}, path two: ${describePath(paths[i]!)}`,
        );
    }
  }
}

function elementKey(element: PathElement): string {
  return 'name' in element ? `n:${element.name}` : `i:${element.index}`;
}
