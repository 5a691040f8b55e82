// KeyConditionExpression (and legacy KeyConditions) reduced to what Query needs: the partition key value
// and an optional sort-key range, with DynamoDB's messages for conditions it does not support.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html

import { invalidParameter, validation } from './errors.js';
import { type Condition, conditionPaths, type Operand } from './expressions/ast.js';
import type { KeyAttribute } from './table.js';
import type { AttributeValue } from './values.js';

export type RangeCondition =
  | { readonly op: '=' | '<' | '<=' | '>' | '>='; readonly value: AttributeValue }
  | { readonly op: 'between'; readonly low: AttributeValue; readonly high: AttributeValue }
  | { readonly op: 'begins_with'; readonly value: AttributeValue };

export interface KeyCondition {
  readonly hash: AttributeValue;
  readonly range?: RangeCondition;
}

const MIRROR = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

export function analyzeKeyCondition(
  condition: Condition,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
): KeyCondition {
  const parts: Condition[] = [];
  const flatten = (c: Condition) => {
    if (c.kind === 'and') {
      flatten(c.left);
      flatten(c.right);
    } else if (c.kind === 'or' || c.kind === 'not') {
      throw validation(`Invalid operator used in KeyConditionExpression: ${c.kind.toUpperCase()}`);
    } else parts.push(c);
  };
  flatten(condition);
  if (parts.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  let hashValue: AttributeValue | undefined;
  let rangeCondition: RangeCondition | undefined;
  for (const part of parts) {
    const { attribute, condition: parsed } = keyPart(part);
    if (attribute === hash.name) {
      if (hashValue || parsed.op !== '=') throw validation('Query key condition not supported');
      hashValue = checkType(parsed.value, hash);
      // An empty partition key value is refused, not answered with an empty page (as GetItem refuses it).
      if ((hash.type === 'S' && hashValue.S === '') || (hash.type === 'B' && hashValue.B === ''))
        throw validation(
          `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${hash.type === 'S' ? 'string' : 'binary'} value. Key: ${hash.name}`,
        );
    } else if (range && attribute === range.name) {
      if (rangeCondition) throw validation('Query key condition not supported');
      rangeCondition = parsed;
      for (const value of parsed.op === 'between' ? [parsed.low, parsed.high] : [parsed.value])
        checkType(value, range);
    } else {
      throw validation(`Query condition missed key schema element: ${hash.name}`);
    }
  }
  if (!hashValue) throw validation(`Query condition missed key schema element: ${hash.name}`);
  return { hash: hashValue, range: rangeCondition };
}

/** A Query's filter may not read the queried key attributes (the table's, or the index's on an index query):
 * "A filter expression cannot contain partition key or sort key attributes. You need to specify those
 * attributes in the key condition expression, not the filter expression."
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
 * (legacy: "QueryFilter does not allow key attributes", LegacyConditionalParameters.QueryFilter.html).
 * Scan filters may. A path into a key attribute (`pk.x`, `sk[0]`) counts as the key attribute. */
export function checkFilterKeys(
  filter: Condition | undefined,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
  legacy: boolean,
): void {
  if (!filter) return;
  const heads = new Set(
    conditionPaths(filter).map((path) => {
      const first = path.elements[0]!;
      return 'name' in first ? first.name : '';
    }),
  );
  for (const key of range ? [hash, range] : [hash])
    if (heads.has(key.name))
      throw validation(
        `${legacy ? 'QueryFilter' : 'Filter Expression'} can only contain non-primary key attributes: Primary key attribute: ${key.name}`,
      );
}

function keyPart(part: Condition): { attribute: string; condition: RangeCondition } {
  if (part.kind === 'compare' && part.op !== '<>') {
    const leftName = attributeName(part.left);
    if (leftName !== undefined && part.right.kind === 'value')
      return { attribute: leftName, condition: { op: part.op, value: part.right.value } };
    const rightName = attributeName(part.right);
    if (rightName !== undefined && part.left.kind === 'value')
      return { attribute: rightName, condition: { op: MIRROR[part.op], value: part.left.value } };
  }
  if (part.kind === 'between') {
    const name = attributeName(part.operand);
    if (name !== undefined && part.low.kind === 'value' && part.high.kind === 'value')
      return { attribute: name, condition: { op: 'between', low: part.low.value, high: part.high.value } };
  }
  if (part.kind === 'call' && part.name === 'begins_with') {
    const name = attributeName(part.args[0]!);
    const value = part.args[1]!;
    if (name !== undefined && value.kind === 'value')
      return { attribute: name, condition: { op: 'begins_with', value: value.value } };
  }
  if (part.kind === 'call' || part.kind === 'in' || (part.kind === 'compare' && part.op === '<>'))
    throw validation(
      `Invalid operator used in KeyConditionExpression: ${part.kind === 'call' ? part.name : part.kind === 'in' ? 'IN' : '<>'}`,
    );
  throw validation('Query key condition not supported');
}

function attributeName(operand: Operand): string | undefined {
  if (operand.kind !== 'path' || operand.elements.length !== 1) return undefined;
  const element = operand.elements[0]!;
  return 'name' in element ? element.name : undefined;
}

function checkType(value: AttributeValue, attribute: KeyAttribute): AttributeValue {
  if (value[attribute.type] === undefined)
    throw invalidParameter('Condition parameter type does not match schema type');
  return value;
}
