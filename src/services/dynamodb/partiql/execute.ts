// Runs parsed PartiQL statements on the engine: SELECT becomes a GetItem, a Query (when the WHERE clause
// fixes the partition key) or a Scan, filtered by the whole WHERE clause; INSERT, UPDATE and DELETE are
// single-item writes whose WHERE clause must name the full primary key; EXISTS is a ConditionCheck.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html

import { ServiceError } from '../../../core/errors.js';
import type { DynamoDb } from '../dynamodb.js';
import { validation } from '../errors.js';
import type { Condition, PathOperand } from '../expressions/ast.js';
import { evaluateCondition, project } from '../expressions/evaluate.js';
import { checkKeyNotUpdated, checkPutItem } from '../items.js';
import { read } from '../reads.js';
import { encodedKey, findIndex, type ItemKey, keyAttributes, type Table } from '../table.js';
import type { Action } from '../transact.js';
import type { AttributeValue, Item } from '../values.js';
import { readInPartitions, readOrdered } from './order-by.js';
import type { SelectStatement, Statement } from './parser.js';

export interface SelectResult {
  items: Item[];
  lastKey?: Item;
}

export function runSelect(
  ddb: DynamoDb,
  table: Table,
  statement: SelectStatement,
  options: { limit?: number; startKey?: Item; consistent?: boolean },
): SelectResult {
  const index = statement.index === undefined ? undefined : findIndex(table.spec, statement.index);
  if (statement.index !== undefined && !index)
    throw validation(`The table does not have the specified index: ${statement.index}`);
  if (index?.global && options.consistent)
    throw validation('Consistent reads are not supported on global secondary indexes');
  const finish = (result: SelectResult) => ({
    items: statement.projection ? result.items.map((i) => project(i, statement.projection!)) : result.items,
    lastKey: result.lastKey,
  });
  if (statement.orderBy)
    return finish(
      readOrdered(ddb, { table, index, where: statement.where, orderBy: statement.orderBy, ...options }),
    );
  const { key: equalities } = splitKey(statement.where, []);
  const fullKey = !index && keyAttributes(table.spec).every((a) => equalities.has(a.name));
  if (fullKey) {
    const item = ddb.getItem(table, encodedKey(table.spec, Object.fromEntries(equalities)));
    const matches = item && (!statement.where || evaluateCondition(statement.where, item, 'Statement'));
    return finish({ items: matches ? [item] : [] });
  }
  const hash = equalities.get(index ? index.hash.name : table.spec.hash.name);
  if (!hash) {
    const merged = readInPartitions(ddb, { table, index, where: statement.where, ...options });
    if (merged) return finish(merged);
  }
  const result = read(ddb, {
    table,
    index,
    key: hash ? { hash } : undefined,
    forward: true,
    limit: options.limit,
    startKey: options.startKey,
    filter: statement.where,
  });
  return finish(result);
}

/**
 * A SELECT inside ExecuteTransaction or BatchExecuteStatement reads one item: its WHERE clause is an
 * equality on every key attribute and nothing else.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
 */
export function runSingleItemSelect(
  ddb: DynamoDb,
  table: Table,
  statement: SelectStatement,
  message: string,
) {
  const names = keyAttributes(table.spec).map((a) => a.name);
  const { key, rest } = splitKey(statement.where, names);
  if (rest || !names.every((n) => key.has(n))) throw validation(message);
  const item = ddb.getItem(table, encodedKey(table.spec, Object.fromEntries(key)));
  return item && statement.projection ? project(item, statement.projection) : item;
}

/** The single-item write (or condition check) a statement makes, as a transaction action. */
export function writeAction(ddb: DynamoDb, table: Table, statement: Statement, returnOld: boolean): Action {
  switch (statement.kind) {
    case 'insert': {
      const { item, key } = checkPutItem(table, statement.item);
      const notThere: Condition = { kind: 'call', name: 'attribute_not_exists', args: [hashPath(table)] };
      return { kind: 'Put', table, key, item, condition: notThere, returnOld, duplicateOnFailure: true };
    }
    case 'update': {
      const key = fullKey(table, statement.where);
      checkKeyNotUpdated(table, statement.update);
      const exists: Condition = { kind: 'call', name: 'attribute_exists', args: [hashPath(table)] };
      const condition = and(exists, statement.where);
      return { kind: 'Update', table, key, update: statement.update, condition, returnOld };
    }
    case 'delete': {
      const key = fullKey(table, statement.where);
      // DELETE of a missing item succeeds whatever the rest of the WHERE clause says.
      const condition = ddb.getItem(table, key) ? statement.where : undefined;
      return { kind: 'Delete', table, key, condition, returnOld };
    }
    case 'exists': {
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-functions.exists.html: "The
      // SELECT statement must specify a full primary key and one other condition."
      const names = keyAttributes(table.spec).map((a) => a.name);
      const { key, rest } = splitKey(statement.select.where, names);
      if (!rest || !names.every((n) => key.has(n)) || statement.select.index !== undefined)
        throw validation('EXISTS() must contain a single item read with additional condition');
      const exists: Condition = { kind: 'call', name: 'attribute_exists', args: [hashPath(table)] };
      const itemKey = encodedKey(table.spec, Object.fromEntries(key));
      return { kind: 'ConditionCheck', table, key: itemKey, condition: and(exists, rest), returnOld };
    }
    case 'select':
      throw validation('Only write statements can be run as a write');
  }
}

export function duplicate(): ServiceError {
  return new ServiceError('DuplicateItemException', 'Duplicate primary key exists in table');
}

/** The paths an UPDATE changes, for RETURNING MODIFIED OLD/NEW. */
export function updatedPaths(statement: Extract<Statement, { kind: 'update' }>): PathOperand[] {
  const { set, remove, add, delete: del } = statement.update;
  return [...set.map((a) => a.path), ...remove, ...add.map((a) => a.path), ...del.map((a) => a.path)];
}

/**
 * `attr = value` conjuncts at the top level of a WHERE clause, by attribute name, and what remains once
 * those on `keyNames` are taken out (every equality is collected; only key ones are removed).
 */
function splitKey(
  where: Condition | undefined,
  keyNames: readonly string[],
): { key: Map<string, AttributeValue>; rest?: Condition } {
  const key = new Map<string, AttributeValue>();
  const visit = (c: Condition): Condition | undefined => {
    if (c.kind === 'and') {
      const left = visit(c.left);
      const right = visit(c.right);
      return left && right ? { kind: 'and', left, right } : (left ?? right);
    }
    if (c.kind === 'compare' && c.op === '=') {
      const [path, value] = c.left.kind === 'path' ? [c.left, c.right] : [c.right, c.left];
      if (path.kind === 'path' && path.elements.length === 1 && value.kind === 'value') {
        const element = path.elements[0]!;
        if ('name' in element && !key.has(element.name)) {
          key.set(element.name, value.value);
          if (keyNames.includes(element.name)) return undefined;
        }
      }
    }
    return c;
  };
  const rest = where ? visit(where) : undefined;
  return { key, rest };
}

function fullKey(table: Table, where: Condition | undefined): ItemKey {
  const { key: equalities } = splitKey(where, []);
  const key: Item = {};
  for (const attribute of keyAttributes(table.spec)) {
    const value = equalities.get(attribute.name);
    if (!value) throw validation('Where clause does not contain a mandatory equality on all key attributes');
    // "Key attribute's data type should match its data type in table's schema" is what a wrong type gets.
    if (value[attribute.type] === undefined)
      throw validation(
        `Key attribute's data type should match its data type in table's schema: Key ${attribute.name}`,
      );
    key[attribute.name] = value;
  }
  return encodedKey(table.spec, key);
}

function hashPath(table: Table): PathOperand {
  return { kind: 'path', elements: [{ name: table.spec.hash.name }] };
}

function and(left: Condition, right: Condition | undefined): Condition {
  return right ? { kind: 'and', left, right } : left;
}
