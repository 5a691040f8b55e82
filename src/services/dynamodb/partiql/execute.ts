// Runs parsed PartiQL statements on the engine: SELECT becomes a GetItem, a Query (when the WHERE clause
// fixes the partition key) or a Scan, filtered by the whole WHERE clause; INSERT, UPDATE and DELETE are
// single-item writes whose WHERE clause must name the full primary key.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html

import { ServiceError } from '../../../core/errors.js';
import type { DynamoDb } from '../dynamodb.js';
import { validation } from '../errors.js';
import type { Condition, PathOperand, UpdateActions } from '../expressions/ast.js';
import { evaluateCondition, project } from '../expressions/evaluate.js';
import { checkKeyNotUpdated, checkPutItem } from '../items.js';
import { read } from '../reads.js';
import { encodedKey, findIndex, type ItemKey, keyAttributes, type Table } from '../table.js';
import type { Action } from '../transact.js';
import type { AttributeValue, Item } from '../values.js';
import type { Statement } from './parser.js';

export interface SelectResult {
  items: Item[];
  lastKey?: Item;
}

export function runSelect(
  ddb: DynamoDb,
  table: Table,
  statement: Extract<Statement, { kind: 'select' }>,
  options: { limit?: number; startKey?: Item; consistent?: boolean },
): SelectResult {
  const index = statement.index === undefined ? undefined : findIndex(table.spec, statement.index);
  if (statement.index !== undefined && !index)
    throw validation(`The table does not have the specified index: ${statement.index}`);
  if (index?.global && options.consistent)
    throw validation('Consistent reads are not supported on global secondary indexes');
  const equalities = keyEqualities(statement.where);
  const hashName = index ? index.hash.name : table.spec.hash.name;
  const finish = (items: Item[]) =>
    statement.projection ? items.map((i) => project(i, statement.projection!)) : items;
  const fullKey = !index && keyAttributes(table.spec).every((a) => equalities.has(a.name));
  if (fullKey) {
    const item = ddb.getItem(table, encodedKey(table.spec, Object.fromEntries(equalities)));
    const matches = item && (!statement.where || evaluateCondition(statement.where, item, 'Statement'));
    return { items: finish(matches ? [item] : []) };
  }
  const hash = equalities.get(hashName);
  const result = read(ddb, {
    table,
    index,
    key: hash ? { hash } : undefined,
    forward: true,
    limit: options.limit,
    startKey: options.startKey,
    filter: statement.where,
  });
  return { items: finish(result.items), lastKey: result.lastKey };
}

/** The single-item write a DML statement makes, as a transaction action (conditions included). */
export function writeAction(ddb: DynamoDb, table: Table, statement: Statement, returnOld: boolean): Action {
  switch (statement.kind) {
    case 'insert': {
      const { item, key } = checkPutItem(table, statement.item);
      const notThere: Condition = {
        kind: 'call',
        name: 'attribute_not_exists',
        args: [{ kind: 'path', elements: [{ name: table.spec.hash.name }] }],
      };
      return { kind: 'Put', table, key, item, condition: notThere, returnOld, duplicateOnFailure: true };
    }
    case 'update': {
      const key = fullKey(table, statement.where);
      const update: UpdateActions = { set: statement.set, remove: statement.remove, add: [], delete: [] };
      checkKeyNotUpdated(table, update);
      const exists: Condition = { kind: 'call', name: 'attribute_exists', args: [hashPath(table)] };
      return { kind: 'Update', table, key, update, condition: and(exists, statement.where), returnOld };
    }
    case 'delete': {
      const key = fullKey(table, statement.where);
      const condition = ddb.getItem(table, key) ? statement.where : undefined;
      return { kind: 'Delete', table, key, condition, returnOld };
    }
    case 'select':
      throw validation('Only write statements can be run as a write');
  }
}

export function duplicate(): ServiceError {
  return new ServiceError('DuplicateItemException', 'Duplicate primary key exists in table');
}

/** `attr = value` conjuncts at the top level of a WHERE clause, by attribute name. */
function keyEqualities(where: Condition | undefined): Map<string, AttributeValue> {
  const found = new Map<string, AttributeValue>();
  const visit = (c: Condition) => {
    if (c.kind === 'and') {
      visit(c.left);
      visit(c.right);
    } else if (c.kind === 'compare' && c.op === '=') {
      const [path, value] = c.left.kind === 'path' ? [c.left, c.right] : [c.right as PathOperand, c.left];
      if (path.kind === 'path' && path.elements.length === 1 && value.kind === 'value') {
        const element = path.elements[0]!;
        if ('name' in element) found.set(element.name, value.value);
      }
    }
  };
  if (where) visit(where);
  return found;
}

function fullKey(table: Table, where: Condition | undefined): ItemKey {
  const equalities = keyEqualities(where);
  const key: Item = {};
  for (const attribute of keyAttributes(table.spec)) {
    const value = equalities.get(attribute.name);
    if (!value || value[attribute.type] === undefined)
      throw validation('Where clause does not contain a mandatory equality on all key attributes');
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
