// BatchGetItem and BatchWriteItem: up to 100 keys / 25 writes over several tables. Everything asked is
// processed (UnprocessedKeys/UnprocessedItems come back empty) except reads past the 16 MB response limit.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html

import * as model from '../../../core/generated/dynamodb.js';
import { keySchemaMismatch, validation } from '../errors.js';
import { checkPutItem, deleteItem, putItem } from '../items.js';
import {
  addUnits,
  collectionMetrics,
  compile,
  consumedList,
  projected,
  readUnits,
  resolveTable,
  writeUnits,
} from '../requests.js';
import { type ItemKey, keyAttributes, requestKey, type Table } from '../table.js';
import type { AttributeMap } from '../values.js';
import { checkItem, type Item, itemSize } from '../values.js';
import { operation } from './operation.js';

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export const batchGetItem = operation({
  input: model.BatchGetItemInput,
  run: (input, ddb, ctx) => {
    const requests = Object.entries(input.RequestItems);
    if (requests.length === 0)
      throw validation(
        "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    const total = requests.reduce((sum, [, request]) => sum + request.Keys.length, 0);
    if (total > 100) throw validation('Too many items requested for the BatchGetItem call');
    const plans = requests.map(([name, request]) => {
      const table = resolveTable(ddb, ctx, name);
      const compiled = compile(request as never);
      const keys = request.Keys.map((key) => requestKey(table.spec, checkItem(key as AttributeMap)));
      checkDuplicates(keys);
      return { name, table, keys, rawKeys: request, projection: compiled.projection };
    });
    const responses: Record<string, Item[]> = {};
    const unprocessed: Record<string, { Keys: Item[] } & Record<string, unknown>> = {};
    let bytes = 0;
    const units = new Map<string, number>();
    for (const plan of plans) {
      responses[plan.name] = [];
      for (const key of plan.keys) {
        if (bytes > MAX_RESPONSE_BYTES) {
          unprocessed[plan.name] ??= { ...plan.rawKeys, Keys: [] };
          unprocessed[plan.name]!.Keys.push(key.key);
          continue;
        }
        const item = ddb.getItem(plan.table, key);
        addUnits(
          units,
          plan.table.spec.name,
          readUnits(item ? itemSize(item) : 0, plan.rawKeys.ConsistentRead),
        );
        if (!item) continue;
        bytes += itemSize(item);
        responses[plan.name]!.push(projected(item, plan.projection));
      }
    }
    return {
      Responses: responses,
      UnprocessedKeys: unprocessed,
      ...consumedList(input.ReturnConsumedCapacity, units),
    };
  },
});

export const batchWriteItem = operation({
  input: model.BatchWriteItemInput,
  run: (input, ddb, ctx) => {
    const requests = Object.entries(input.RequestItems);
    const total = requests.reduce((sum, [, list]) => sum + list.length, 0);
    if (requests.length === 0 || total > 25)
      throw validation(
        `1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`,
      );
    const writes: { table: Table; key: ItemKey; item?: Item }[] = [];
    for (const [name, list] of requests) {
      const table = resolveTable(ddb, ctx, name);
      const keys: ItemKey[] = [];
      for (const request of list) {
        if ((request.PutRequest === undefined) === (request.DeleteRequest === undefined))
          throw validation(
            'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
          );
        if (request.PutRequest) {
          // Inside BatchWriteItem a missing or wrong-typed key is "The provided key element does not
          // match the schema", not PutItem's wording (DynamoDB's answers; not documented).
          const raw = request.PutRequest.Item as AttributeMap;
          for (const attribute of keyAttributes(table.spec))
            if (raw[attribute.name]?.[attribute.type] === undefined) throw keySchemaMismatch();
          const { item, key } = checkPutItem(table, raw);
          writes.push({ table, key, item });
          keys.push(key);
        } else {
          const key = requestKey(table.spec, checkItem(request.DeleteRequest!.Key as AttributeMap));
          writes.push({ table, key });
          keys.push(key);
        }
      }
      checkDuplicates(keys);
    }
    const units = new Map<string, number>();
    for (const write of writes) addUnits(units, write.table.spec.name, writeUnits(write.item));
    ddb.store.transaction(() => {
      for (const write of writes) {
        if (write.item) putItem(ddb, write.table, write.item, write.key, undefined, false);
        else deleteItem(ddb, write.table, write.key, undefined, false);
      }
    });
    return {
      UnprocessedItems: {},
      ...collectionMetricsByTable(input.ReturnItemCollectionMetrics, writes),
      ...consumedList(input.ReturnConsumedCapacity, units),
    };
  },
});

/** "Provided list of item keys contains duplicates". */
/** A transaction may act on each item once: "Transaction request cannot include multiple operations on one item". */
export function checkOneActionPerItem(
  actions: readonly { readonly table: { readonly id: number }; readonly key: ItemKey }[],
): void {
  const perTable = new Map<number, ItemKey[]>();
  for (const action of actions)
    perTable.set(action.table.id, [...(perTable.get(action.table.id) ?? []), action.key]);
  try {
    for (const keys of perTable.values()) checkDuplicates(keys);
  } catch {
    throw validation('Transaction request cannot include multiple operations on one item');
  }
}

export function checkDuplicates(keys: readonly ItemKey[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const id = `${key.pk.toString('hex')}/${key.sk.toString('hex')}`;
    if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
    seen.add(id);
  }
}

/** ItemCollectionMetrics of a multi-item write: per table, one entry per item written to an LSI table. */
export function collectionMetricsByTable(
  mode: string | undefined,
  writes: readonly { table: Table; key: ItemKey }[],
): { ItemCollectionMetrics?: Record<string, unknown[]> } {
  const byTable: Record<string, unknown[]> = {};
  for (const write of writes) {
    const metrics = collectionMetrics(mode, write.table, write.key.key);
    if (!metrics) continue;
    const list = byTable[write.table.spec.name] ?? [];
    list.push(metrics);
    byTable[write.table.spec.name] = list;
  }
  return Object.keys(byTable).length > 0 ? { ItemCollectionMetrics: byTable } : {};
}
