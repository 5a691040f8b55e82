// Single-item writes with their conditions: what PutItem, UpdateItem and DeleteItem do, shared with
// BatchWriteItem and TransactWriteItems. No HTTP here; callers shape the output.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html

import type { DynamoDb } from './dynamodb.js';
import { conditionalCheckFailed, validation } from './errors.js';
import type { Condition, UpdateActions } from './expressions/ast.js';
import { applyUpdate } from './expressions/evaluate.js';
import { conditionHolds } from './requests.js';
import { type ItemKey, itemKey, keyAttributes, type Table } from './table.js';
import { checkItem, type Item, itemSize, MAX_ITEM_BYTES } from './values.js';

export interface WriteResult {
  readonly old: Item | undefined;
  readonly next: Item | undefined;
}

/** Validates a whole item (values, key, size) as PutItem does. */
export function checkPutItem(table: Table, raw: Item): { item: Item; key: ItemKey } {
  const item = checkItem(raw);
  const key = itemKey(table.spec, item);
  if (itemSize(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
  return { item, key };
}

export function putItem(
  ddb: DynamoDb,
  table: Table,
  item: Item,
  key: ItemKey,
  condition: Condition | undefined,
  returnOldOnFailure: boolean,
): WriteResult {
  const old = ddb.getItem(table, key);
  if (!conditionHolds(condition, old)) throw conditionalCheckFailed(returnOldOnFailure ? old : undefined);
  ddb.writeItem(table, key, old, item);
  return { old, next: item };
}

export function deleteItem(
  ddb: DynamoDb,
  table: Table,
  key: ItemKey,
  condition: Condition | undefined,
  returnOldOnFailure: boolean,
): WriteResult {
  const old = ddb.getItem(table, key);
  if (!conditionHolds(condition, old)) throw conditionalCheckFailed(returnOldOnFailure ? old : undefined);
  if (old) ddb.writeItem(table, key, old, undefined);
  return { old, next: undefined };
}

export function updateItem(
  ddb: DynamoDb,
  table: Table,
  key: ItemKey,
  update: UpdateActions | undefined,
  condition: Condition | undefined,
  returnOldOnFailure: boolean,
): WriteResult {
  if (update) checkKeyNotUpdated(table, update);
  const old = ddb.getItem(table, key);
  if (!conditionHolds(condition, old)) throw conditionalCheckFailed(returnOldOnFailure ? old : undefined);
  const base = old ?? { ...key.key };
  const next = update ? checkItem(applyUpdate(base, update)) : base;
  if (itemSize(next) > MAX_ITEM_BYTES)
    throw validation('Item size to update has exceeded the maximum allowed size');
  ddb.writeItem(table, key, old, next);
  return { old, next };
}

/** "Cannot update attribute pk. This attribute is part of the key". */
export function checkKeyNotUpdated(table: Table, update: UpdateActions): void {
  const keyNames = new Set(keyAttributes(table.spec).map((a) => a.name));
  const paths = [
    ...update.set.map((a) => a.path),
    ...update.remove,
    ...update.add.map((a) => a.path),
    ...update.delete.map((a) => a.path),
  ];
  for (const path of paths) {
    const first = path.elements[0]!;
    if ('name' in first && keyNames.has(first.name))
      throw validation(
        `One or more parameter values were invalid: Cannot update attribute ${first.name}. This attribute is part of the key`,
      );
  }
}
