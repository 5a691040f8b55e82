// PutItem, GetItem, UpdateItem, DeleteItem.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html

import * as model from '../../../core/generated/dynamodb.js';
import { validation } from '../errors.js';
import { checkPutItem, deleteItem, putItem, updateItem } from '../items.js';
import {
  compile,
  consumed,
  projected,
  readUnits,
  resolveTable,
  returnValues,
  writeResult,
  writeUnits,
} from '../requests.js';
import { requestKey } from '../table.js';
import type { AttributeMap } from '../values.js';
import { checkItem, itemSize } from '../values.js';
import { operation } from './operation.js';

export const putItemOperation = operation({
  input: model.PutItemInput,
  run: (input, ddb, ctx) => {
    if (input.ReturnValues && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD')
      throw validation('ReturnValues can only be ALL_OLD or NONE');
    const table = resolveTable(ddb, ctx, input.TableName);
    const compiled = compile(input as never);
    const { item, key } = checkPutItem(table, input.Item as AttributeMap);
    const failureOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const { old } = ddb.store.transaction(() =>
      putItem(ddb, table, item, key, compiled.condition, failureOld),
    );
    const attributes = returnValues(input.ReturnValues, old, item);
    return writeResult(input, table, key.key, attributes, writeUnits(item));
  },
});

export const getItemOperation = operation({
  input: model.GetItemInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName);
    const compiled = compile(input as never);
    const key = requestKey(table.spec, checkItem(input.Key as AttributeMap));
    const item = ddb.getItem(table, key);
    const units = readUnits(item ? itemSize(item) : 0, input.ConsistentRead);
    return {
      ...(item ? { Item: projected(item, compiled.projection) } : {}),
      ...consumed(input.ReturnConsumedCapacity, table, units),
    };
  },
});

export const updateItemOperation = operation({
  input: model.UpdateItemInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName);
    const compiled = compile(input as never);
    const key = requestKey(table.spec, checkItem(input.Key as AttributeMap));
    const failureOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const { old, next } = ddb.store.transaction(() =>
      updateItem(ddb, table, key, compiled.update, compiled.condition, failureOld),
    );
    const update = compiled.update;
    const updatedPaths = update && [
      ...update.set.map((a) => a.path),
      ...update.add.map((a) => a.path),
      ...update.delete.map((a) => a.path),
      ...update.remove,
    ];
    const attributes = returnValues(input.ReturnValues, old, next, updatedPaths);
    return writeResult(input, table, key.key, attributes, writeUnits(next));
  },
});

export const deleteItemOperation = operation({
  input: model.DeleteItemInput,
  run: (input, ddb, ctx) => {
    if (input.ReturnValues && input.ReturnValues !== 'NONE' && input.ReturnValues !== 'ALL_OLD')
      throw validation('ReturnValues can only be ALL_OLD or NONE');
    const table = resolveTable(ddb, ctx, input.TableName);
    const compiled = compile(input as never);
    const key = requestKey(table.spec, checkItem(input.Key as AttributeMap));
    const failureOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const { old } = ddb.store.transaction(() => deleteItem(ddb, table, key, compiled.condition, failureOld));
    const attributes = returnValues(input.ReturnValues, old, undefined);
    return writeResult(input, table, key.key, attributes, writeUnits(old));
  },
});
