// Evaluates parsed expressions against an item: document paths, conditions (comparators, BETWEEN, IN,
// AND/OR/NOT and the condition functions), update actions and projections.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html

import { addDecimals, formatDecimal, negateDecimal, parseDecimal } from '../decimal.js';
import { validation } from '../errors.js';
import { type AttributeValue, compareValues, equalValues, type Item, typeOf } from '../values.js';
import type { Condition, Operand, PathElement, PathOperand, UpdateActions } from './ast.js';

/** The value at a document path, or undefined. */
export function resolvePath(item: Item, elements: readonly PathElement[]): AttributeValue | undefined {
  let current: AttributeValue | undefined;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    if ('name' in element) {
      const container = i === 0 ? item : current?.M;
      if (!container || !Object.hasOwn(container, element.name)) return undefined;
      current = container[element.name];
    } else {
      const list = i === 0 ? undefined : current?.L;
      if (!list || element.index >= list.length) return undefined;
      current = list[element.index];
    }
  }
  return current;
}

export function evaluateCondition(condition: Condition, item: Item, label: string): boolean {
  switch (condition.kind) {
    case 'and':
      return (
        evaluateCondition(condition.left, item, label) && evaluateCondition(condition.right, item, label)
      );
    case 'or':
      return (
        evaluateCondition(condition.left, item, label) || evaluateCondition(condition.right, item, label)
      );
    case 'not':
      return !evaluateCondition(condition.condition, item, label);
    case 'compare': {
      const left = operandValue(condition.left, item);
      const right = operandValue(condition.right, item);
      if (condition.op === '=') return !!left && !!right && equalValues(left, right);
      if (condition.op === '<>') return !left || !right || !equalValues(left, right);
      if (!left || !right) return false;
      const order = compareValues(left, right);
      if (order === undefined) return false;
      if (condition.op === '<') return order < 0;
      if (condition.op === '<=') return order <= 0;
      if (condition.op === '>') return order > 0;
      return order >= 0;
    }
    case 'between': {
      const value = operandValue(condition.operand, item);
      const low = operandValue(condition.low, item);
      const high = operandValue(condition.high, item);
      if (!value || !low || !high) return false;
      const bounds = compareValues(low, high);
      if (bounds !== undefined && bounds > 0)
        throw validation(
          `Invalid ${label}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${describeValue(low)}, upper bound operand: AttributeValue: ${describeValue(high)}`,
        );
      const fromLow = compareValues(value, low);
      const toHigh = compareValues(value, high);
      return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
    }
    case 'in': {
      const value = operandValue(condition.operand, item);
      if (!value) return false;
      return condition.list.some((candidate) => {
        const other = operandValue(candidate, item);
        return !!other && equalValues(value, other);
      });
    }
    case 'call':
      return evaluateFunction(condition.name, condition.args, item);
  }
}

/** Applies update actions to a copy of `item`; right-hand sides read the item as it was before. */
export function applyUpdate(item: Item, actions: UpdateActions): Item {
  const result = structuredClone(item);
  const values = actions.set.map((action) => setValue(action.value, item));
  actions.set.forEach((action, i) => {
    writePath(result, action.path, values[i]!);
  });
  // Removing list elements from the highest index down keeps the indexes referring to the original list.
  const removals = [...actions.remove].sort((a, b) => lastIndex(b) - lastIndex(a));
  for (const path of removals) removePath(result, path);
  for (const { path, value } of actions.add) {
    const current = resolvePath(item, path.elements);
    writePath(result, path, addValues(current, value.value));
  }
  for (const { path, value } of actions.delete) {
    const current = resolvePath(item, path.elements);
    if (!current) continue;
    const remaining = deleteFromSet(current, value.value);
    if (remaining) writePath(result, path, remaining);
    else removePath(result, path);
  }
  return result;
}

/** The item cut down to `paths` (lists keep the projected elements, in index order). */
export function project(item: Item, paths: readonly PathOperand[]): Item {
  const root: Sparse = { entries: new Map() };
  for (const path of paths) {
    const value = resolvePath(item, path.elements);
    if (value === undefined) continue;
    let node = root;
    for (const element of path.elements) {
      const key = 'name' in element ? element.name : element.index;
      let child = node.entries!.get(key);
      if (!child) {
        child = { entries: new Map() };
        node.entries!.set(key, child);
      }
      node = child;
    }
    node.value = value;
  }
  const out: Item = {};
  for (const [key, child] of root.entries!) out[key as string] = materialize(child);
  return out;
}

function materialize(node: Sparse): AttributeValue {
  if (node.value) return node.value;
  const keys = [...node.entries!.keys()];
  if (typeof keys[0] === 'number') {
    const indexes = (keys as number[]).sort((a, b) => a - b);
    return { L: indexes.map((index) => materialize(node.entries!.get(index)!)) };
  }
  const map: Record<string, AttributeValue> = {};
  for (const key of keys) map[key as string] = materialize(node.entries!.get(key)!);
  return { M: map };
}

function operandValue(operand: Operand, item: Item): AttributeValue | undefined {
  switch (operand.kind) {
    case 'path':
      return resolvePath(item, operand.elements);
    case 'value':
      return operand.value;
    case 'function': {
      const value = resolvePath(item, (operand.args[0] as PathOperand).elements);
      const size = value === undefined ? undefined : sizeOf(value);
      return size === undefined ? undefined : { N: String(size) };
    }
    case 'arithmetic':
      return undefined;
  }
}

function sizeOf(value: AttributeValue): number | undefined {
  // "Returns a number representing an attribute's size in bytes": UTF-8 bytes for a string.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-functions.size.html
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.B !== undefined) return Buffer.byteLength(value.B, 'base64');
  const collection = value.SS ?? value.NS ?? value.BS ?? value.L;
  if (collection) return collection.length;
  if (value.M) return Object.keys(value.M).length;
  return undefined;
}

function evaluateFunction(name: string, args: readonly Operand[], item: Item): boolean {
  const first = operandValue(args[0]!, item);
  switch (name) {
    case 'attribute_exists':
      return first !== undefined;
    case 'attribute_not_exists':
      return first === undefined;
    case 'attribute_type':
      return first !== undefined && typeOf(first) === operandValue(args[1]!, item)?.S;
    case 'begins_with': {
      const prefix = operandValue(args[1]!, item);
      if (!first || !prefix) return false;
      if (first.S !== undefined && prefix.S !== undefined) return first.S.startsWith(prefix.S);
      if (first.B !== undefined && prefix.B !== undefined) {
        const bytes = Buffer.from(first.B, 'base64');
        const start = Buffer.from(prefix.B, 'base64');
        return bytes.subarray(0, start.length).equals(start);
      }
      return false;
    }
    case 'contains': {
      const needle = operandValue(args[1]!, item);
      if (!first || !needle) return false;
      if (first.S !== undefined) return needle.S !== undefined && first.S.includes(needle.S);
      if (first.B !== undefined)
        return (
          needle.B !== undefined && Buffer.from(first.B, 'base64').includes(Buffer.from(needle.B, 'base64'))
        );
      if (first.SS) return needle.S !== undefined && first.SS.includes(needle.S);
      if (first.BS) return needle.B !== undefined && first.BS.includes(needle.B);
      if (first.NS) return needle.N !== undefined && first.NS.some((n) => equalValues({ N: n }, needle));
      if (first.L) return first.L.some((element) => equalValues(element, needle));
      return false;
    }
  }
  return false;
}

function setValue(operand: Operand, item: Item): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const value = resolvePath(item, operand.elements);
      if (value === undefined)
        throw validation('The provided expression refers to an attribute that does not exist in the item');
      return value;
    }
    case 'arithmetic': {
      const left = setValue(operand.left, item);
      const right = setValue(operand.right, item);
      if (left.N === undefined || right.N === undefined) throw incorrectType();
      const b = parseDecimal(right.N);
      return {
        N: formatDecimal(addDecimals(parseDecimal(left.N), operand.op === '-' ? negateDecimal(b) : b)),
      };
    }
    case 'function': {
      if (operand.name === 'if_not_exists') {
        const existing = resolvePath(item, (operand.args[0] as PathOperand).elements);
        return existing ?? setValue(operand.args[1]!, item);
      }
      const left = setValue(operand.args[0]!, item);
      const right = setValue(operand.args[1]!, item);
      if (!left.L || !right.L) throw incorrectType();
      return { L: [...left.L, ...right.L] };
    }
  }
}

function addValues(current: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if (value.N !== undefined) {
    if (current === undefined) return value;
    if (current.N === undefined) throw incorrectType();
    return { N: formatDecimal(addDecimals(parseDecimal(current.N), parseDecimal(value.N))) };
  }
  for (const type of ['SS', 'NS', 'BS'] as const) {
    const added = value[type];
    if (!added) continue;
    if (current === undefined) return value;
    const existing = current[type];
    if (!existing) throw incorrectType();
    const merged = [...existing];
    for (const element of added)
      if (!merged.some((e) => equalValues({ [type[0]!]: e }, { [type[0]!]: element }))) merged.push(element);
    return { [type]: merged };
  }
  throw validation(
    `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${typeOf(value) === 'S' ? 'STRING' : typeName(value)}`,
  );
}

function deleteFromSet(current: AttributeValue, value: AttributeValue): AttributeValue | undefined {
  for (const type of ['SS', 'NS', 'BS'] as const) {
    const removed = value[type];
    if (!removed) continue;
    const existing = current[type];
    if (!existing) throw incorrectType();
    const kept = existing.filter(
      (e) => !removed.some((r) => equalValues({ [type[0]!]: e }, { [type[0]!]: r })),
    );
    return kept.length > 0 ? { [type]: kept } : undefined;
  }
  throw validation(
    `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${typeName(value)}`,
  );
}

function writePath(item: Item, path: PathOperand, value: AttributeValue): void {
  const elements = path.elements;
  if (elements.length === 1) {
    item[(elements[0] as { name: string }).name] = value;
    return;
  }
  const parent = resolvePath(item, elements.slice(0, -1));
  const last = elements[elements.length - 1]!;
  if ('name' in last && parent?.M) parent.M[last.name] = value;
  else if ('index' in last && parent?.L) {
    // An index past the end appends. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
  } else throw invalidPath();
}

function removePath(item: Item, path: PathOperand): void {
  const elements = path.elements;
  if (elements.length === 1) {
    delete item[(elements[0] as { name: string }).name];
    return;
  }
  const parent = resolvePath(item, elements.slice(0, -1));
  const last = elements[elements.length - 1]!;
  if ('name' in last) {
    if (parent?.M) delete parent.M[last.name];
    else if (parent) throw invalidPath();
  } else if (parent?.L) {
    if (last.index < parent.L.length) parent.L.splice(last.index, 1);
  } else if (parent) throw invalidPath();
}

function lastIndex(path: PathOperand): number {
  const last = path.elements[path.elements.length - 1]!;
  return 'index' in last ? last.index : -1;
}

function incorrectType() {
  return validation('An operand in the update expression has an incorrect data type');
}

function invalidPath() {
  return validation('The document path provided in the update expression is invalid for update');
}

function typeName(value: AttributeValue): string {
  const names: Record<string, string> = {
    S: 'STRING',
    N: 'NUMBER',
    B: 'BINARY',
    BOOL: 'BOOLEAN',
    NULL: 'NULL',
    L: 'LIST',
    M: 'MAP',
    SS: 'SET',
    NS: 'SET',
    BS: 'SET',
  };
  return names[typeOf(value)] ?? typeOf(value);
}

export function describeValue(value: AttributeValue): string {
  const type = typeOf(value);
  return `{${type}:${JSON.stringify(value[type]).replace(/^"|"$/g, '')}}`;
}

interface Sparse {
  value?: AttributeValue;
  entries?: Map<string | number, Sparse>;
}
