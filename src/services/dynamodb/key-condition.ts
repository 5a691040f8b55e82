// KeyConditionExpression (and legacy KeyConditions) reduced to what Query needs: the partition key value
// and an optional sort-key range, with DynamoDB's messages for conditions it does not support.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html

import { invalidParameter, validation } from './errors.js';
import { type Condition, conditionPaths, type Operand } from './expressions/ast.js';
import { describeValue } from './expressions/evaluate.js';
import type { KeyAttribute } from './table.js';
import { type AttributeValue, compareValues, encodeKeyValue, equalValues, type Item } from './values.js';

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
  if (legacy && parts.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  const analyzed = parts.map(keyPart);
  // DynamoDB's wording for the two common over-long key conditions, captured against DynamoDB (a second
  // range on the sort key is the one developers meet):
  // `pk = :p AND sk > :a AND sk < :b` → "… KeyConditionExpressions must only contain one condition per key";
  // `pk = :p AND sk > :a AND x = :b` → "The number of query conditions (3) exceeds the number of key
  // attributes defined in the schema (2)". https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
  const names = analyzed.map((part) => part.attribute);
  if (new Set(names).size < names.length)
    throw validation(
      'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
    );
  const keyCount = range ? 2 : 1;
  if (parts.length > keyCount)
    throw validation(
      `The number of query conditions (${parts.length}) exceeds the number of key attributes defined in the schema (${keyCount})`,
    );
  let hashValue: AttributeValue | undefined;
  let rangeCondition: RangeCondition | undefined;
  for (const { attribute, condition: parsed } of analyzed) {
    if (attribute === hash.name) {
      if (parsed.op !== '=') throw validation('Query key condition not supported');
      hashValue = checkType(parsed.value, hash, parsed.op, legacy);
      // An empty partition key value is refused, not answered with an empty page (as GetItem refuses it).
      if ((hash.type === 'S' && hashValue.S === '') || (hash.type === 'B' && hashValue.B === ''))
        throw validation(
          `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${hash.type === 'S' ? 'string' : 'binary'} value. Key: ${hash.name}`,
        );
    } else if (range && attribute === range.name) {
      rangeCondition = parsed;
      if (parsed.op === 'between') {
        checkType(parsed.low, range, 'BETWEEN', legacy);
        checkType(parsed.high, range, 'BETWEEN', legacy);
        // https://github.com/architect/dynalite/issues/55 records DynamoDB's answer; the same check
        // FilterExpression and ConditionExpression make.
        if (!legacy && compareValues(parsed.low, parsed.high)! > 0)
          throw validation(
            `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(parsed.low)}, upper bound operand: AttributeValue: ${describeValue(parsed.high)}`,
          );
      } else checkType(parsed.value, range, parsed.op, legacy);
    } else {
      throw validation(`Query condition missed key schema element: ${hash.name}`);
    }
  }
  if (!hashValue) throw validation(`Query condition missed key schema element: ${hash.name}`);
  return { hash: hashValue, range: rangeCondition };
}

/** An ExclusiveStartKey must lie inside the key condition, with DynamoDB's three messages (as dynalite,
 * modelled on DynamoDB, reproduces them in its tests "ExclusiveStartKey with incorrect hash key" / "with
 * non-matching range key"). Keys missing from `startKey` are left to the starting-key shape check. */
export function checkStartKey(
  key: KeyCondition,
  startKey: Item,
  hash: KeyAttribute,
  range: KeyAttribute | undefined,
): void {
  const hashValue = startKey[hash.name];
  if (!hashValue) return;
  const sameHash = equalValues(hashValue, key.hash);
  if (!key.range || !range) {
    if (!sameHash)
      throw validation('The provided starting key is outside query boundaries based on provided conditions');
    return;
  }
  const rangeValue = startKey[range.name];
  if (!rangeValue) return;
  if (!rangeHolds(key.range, rangeValue))
    throw validation('The provided starting key does not match the range key predicate');
  if (!sameHash) throw validation('The query can return at most one row and cannot be restarted');
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

function checkType(
  value: AttributeValue,
  attribute: KeyAttribute,
  op: string,
  legacy: boolean,
): AttributeValue {
  // A range comparison with an operand no key can have is refused by type, before the schema check
  // (captured against DynamoDB: `sk < :v` with a BOOL).
  const type = Object.keys(value)[0]!;
  if (!legacy && op !== '=' && !['S', 'N', 'B'].includes(type))
    throw validation(
      `Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${type}`,
    );
  if (value[attribute.type] === undefined)
    throw invalidParameter('Condition parameter type does not match schema type');
  return value;
}

function rangeHolds(range: RangeCondition, value: AttributeValue): boolean {
  if (range.op === 'between') {
    const low = compareValues(value, range.low);
    const high = compareValues(value, range.high);
    return low !== undefined && high !== undefined && low >= 0 && high <= 0;
  }
  if (range.op === 'begins_with') {
    const prefix = encodeKeyValue(range.value);
    return encodeKeyValue(value).subarray(0, prefix.length).equals(prefix);
  }
  const order = compareValues(value, range.value);
  if (order === undefined) return false;
  switch (range.op) {
    case '=':
      return order === 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}
