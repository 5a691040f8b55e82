// KeyConditionExpression (and legacy KeyConditions) reduced to what Query needs: the partition key value
// and an optional sort-key range, with DynamoDB's messages for conditions it does not support.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html

import { invalidParameter, validation } from './errors.js';
import type { Condition, Operand } from './expressions/ast.js';
import { describeValue } from './expressions/evaluate.js';
import type { KeyAttribute } from './table.js';
import { type AttributeValue, compareValues, typeOf } from './values.js';

export type RangeCondition =
  | { readonly op: '=' | '<' | '<=' | '>' | '>='; readonly value: AttributeValue }
  | { readonly op: 'between'; readonly low: AttributeValue; readonly high: AttributeValue }
  | { readonly op: 'begins_with'; readonly value: AttributeValue };

export interface KeyCondition {
  readonly hash: AttributeValue;
  readonly range?: RangeCondition;
}

const MIRROR = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/**
 * The partition-key value and sort-key range of a key condition, with DynamoDB's messages. `legacy` is
 * true for KeyConditions, whose messages differ from KeyConditionExpression's (these were captured from
 * DynamoDB's answers; the developer guide does not list them).
 */
export function analyzeKeyCondition(
  condition: Condition,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
  legacy = false,
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
  const keyed = parts.map((part) => keyPart(part));
  const names = keyed.map((k) => k.attribute);
  const repeated = names.some((name, i) => names.indexOf(name) !== i);
  if (!legacy && repeated)
    throw validation(
      'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
    );
  const keyCount = range ? 2 : 1;
  if (parts.length > 2) {
    if (legacy) throw validation('Conditions can be of length 1 or 2 only');
    throw validation(
      `The number of query conditions (${parts.length}) exceeds the number of key attributes defined in the schema (${keyCount})`,
    );
  }
  let hashValue: AttributeValue | undefined;
  let rangeCondition: RangeCondition | undefined;
  for (const { attribute, condition: parsed } of keyed) {
    if (attribute === hash.name) {
      if (hashValue || parsed.op !== '=') throw validation('Query key condition not supported');
      hashValue = checkType(parsed.value, hash, '=');
    } else if (range && attribute === range.name) {
      if (rangeCondition) throw validation('Query key condition not supported');
      rangeCondition = parsed;
      const op = parsed.op === 'between' ? 'BETWEEN' : parsed.op;
      for (const value of parsed.op === 'between' ? [parsed.low, parsed.high] : [parsed.value])
        checkType(value, range, op);
      if (parsed.op === 'between' && (compareValues(parsed.low, parsed.high) ?? 0) > 0)
        throw validation(
          `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(parsed.low)}, upper bound operand: AttributeValue: ${describeValue(parsed.high)}`,
        );
    } else {
      throw validation(`Query condition missed key schema element: ${hash.name}`);
    }
  }
  if (!hashValue) throw validation(`Query condition missed key schema element: ${hash.name}`);
  return { hash: hashValue, range: rangeCondition };
}

/** Whether a key (as LastEvaluatedKey carries it) lies inside the query's partition and sort-key range. */
/** DynamoDB's three answers for an ExclusiveStartKey outside the key condition, as dynalite (modelled on
 * DynamoDB) tests them ("ExclusiveStartKey with non-matching range key", "… matching range but non-matching
 * hash key") and as DynamoDB Local and production logs show for a sort key outside the range. */
export function checkStartKey(
  startKey: Record<string, AttributeValue>,
  condition: KeyCondition,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
): void {
  const hashValue = startKey[hash.name];
  const sameHash = !!hashValue && compareValues(hashValue, condition.hash) === 0;
  if (!condition.range || !range || !startKey[range.name]) {
    if (!sameHash)
      throw validation('The provided starting key is outside query boundaries based on provided conditions');
    return;
  }
  if (!keyInCondition({ ...startKey, [hash.name]: condition.hash }, condition, hash, range))
    throw validation('The provided starting key does not match the range key predicate');
  if (!sameHash) throw validation('The query can return at most one row and cannot be restarted');
}

export function keyInCondition(
  key: Record<string, AttributeValue>,
  condition: KeyCondition,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
): boolean {
  const hashValue = key[hash.name];
  if (!hashValue || compareValues(hashValue, condition.hash) !== 0) return false;
  const value = range ? key[range.name] : undefined;
  const r = condition.range;
  if (!r || !value) return true;
  const cmp = (other: AttributeValue) => compareValues(value, other) ?? Number.NaN;
  switch (r.op) {
    case '=':
      return cmp(r.value) === 0;
    case '<':
      return cmp(r.value) < 0;
    case '<=':
      return cmp(r.value) <= 0;
    case '>':
      return cmp(r.value) > 0;
    case '>=':
      return cmp(r.value) >= 0;
    case 'between':
      return cmp(r.low) >= 0 && cmp(r.high) <= 0;
    case 'begins_with': {
      if (value.S !== undefined && r.value.S !== undefined) return value.S.startsWith(r.value.S);
      if (value.B === undefined || r.value.B === undefined) return false;
      const bytes = Buffer.from(value.B, 'base64');
      const prefix = Buffer.from(r.value.B, 'base64');
      return bytes.subarray(0, prefix.length).equals(prefix);
    }
  }
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

function checkType(value: AttributeValue, attribute: KeyAttribute, op: string): AttributeValue {
  const type = typeOf(value);
  // An ordering operator needs a scalar operand; `=` only needs the schema's type.
  if (op !== '=' && !['S', 'N', 'B'].includes(type))
    throw validation(
      `Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${type}`,
    );
  if (value[attribute.type] === undefined)
    throw invalidParameter('Condition parameter type does not match schema type');
  // "One or more parameter values are not valid" (sic: not the usual "were invalid").
  if (value.S === '' || value.B === '')
    throw validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${attribute.name}`,
    );
  return value;
}
