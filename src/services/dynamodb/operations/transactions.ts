// TransactWriteItems and TransactGetItems: up to 100 actions, all-or-nothing in one SQLite transaction,
// TransactionCanceledException with one CancellationReason per action in request order, and
// ClientRequestToken idempotency for 10 minutes.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html

import { createHash } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import { validation } from '../errors.js';
import { checkKeyNotUpdated, checkPutItem } from '../items.js';
import {
  addUnits,
  compile,
  consumedList,
  projected,
  readUnits,
  resolveTable,
  writeUnits,
} from '../requests.js';
import { type ItemKey, requestKey } from '../table.js';
import { type Action, runOnce, runTransaction } from '../transact.js';
import type { AttributeMap } from '../values.js';
import { checkItem, type Item, itemSize } from '../values.js';
import { checkOneActionPerItem, collectionMetricsByTable } from './batch.js';
import { operation } from './operation.js';

export const transactWriteItems = operation({
  input: model.TransactWriteItemsInput,
  run: (input, ddb, ctx) => {
    // A key of the wrong type or shape cancels the transaction with a ValidationError at its position;
    // only an empty key value is an error of the whole request (DynamoDB's answers; not documented).
    const keyErrors: (string | undefined)[] = [];
    const actions = input.TransactItems.map((entry, i): Action => {
      const kinds = Object.keys(entry);
      if (kinds.length !== 1)
        throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
      const kind = kinds[0] as Action['kind'];
      const request = entry[kind]! as Record<string, unknown> & {
        TableName: string;
        ReturnValuesOnConditionCheckFailure?: string;
      };
      const table = resolveTable(ddb, ctx, request.TableName);
      const compiled = compile(request as never);
      let key: ItemKey;
      let item: Item | undefined;
      try {
        if (kind === 'Put') {
          ({ item, key } = checkPutItem(table, request.Item as AttributeMap));
        } else key = requestKey(table.spec, checkItem(request.Key as AttributeMap));
      } catch (error) {
        if (!isPositionalKeyError(error)) throw error;
        keyErrors[i] = error.message;
        key = { key: {}, pk: Buffer.alloc(0), sk: Buffer.alloc(0) }; // unused: cancelled below
      }
      if (kind === 'Update' && compiled.update) checkKeyNotUpdated(table, compiled.update);
      return {
        kind,
        table,
        key,
        item,
        condition: compiled.condition,
        update: compiled.update,
        returnOld: request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
      };
    });
    if (keyErrors.some((e) => e !== undefined)) {
      const reasons = actions.map((_, i) =>
        keyErrors[i] ? { Code: 'ValidationError', Message: keyErrors[i] } : { Code: 'None' },
      );
      throw new ServiceError(
        'TransactionCanceledException',
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        { fields: { CancellationReasons: reasons } },
      );
    }
    checkOneActionPerItem(actions);
    const token = input.ClientRequestToken;
    const hash = createHash('sha256').update(JSON.stringify(input.TransactItems)).digest('hex');
    runOnce(ddb, ctx, token, hash, () => runTransaction(ddb, actions));
    // Transactional writes cost two write units per KB.
    const units = new Map<string, number>();
    for (const action of actions)
      addUnits(units, action.table.spec.name, 2 * writeUnits(action.item ?? action.key.key));
    return {
      ...collectionMetricsByTable(
        input.ReturnItemCollectionMetrics,
        actions.filter((a) => a.kind !== 'ConditionCheck'),
      ),
      ...consumedList(input.ReturnConsumedCapacity, units),
    };
  },
});

export const transactGetItems = operation({
  input: model.TransactGetItemsInput,
  run: (input, ddb, ctx) => {
    const gets = input.TransactItems.map(({ Get }) => {
      const table = resolveTable(ddb, ctx, Get.TableName);
      const compiled = compile(Get as never);
      return {
        table,
        key: requestKey(table.spec, checkItem(Get.Key as AttributeMap)),
        projection: compiled.projection,
      };
    });
    const responses = gets.map(({ table, key, projection }) => {
      const item = ddb.getItem(table, key);
      return item ? { Item: projected(item, projection) } : {};
    });
    const units = new Map<string, number>();
    gets.forEach(({ table, key }) => {
      const item = ddb.getItem(table, key);
      addUnits(units, table.spec.name, 2 * readUnits(item ? itemSize(item) : 0, true));
    });
    return { Responses: responses, ...consumedList(input.ReturnConsumedCapacity, units) };
  },
});

/** Key problems that cancel a transaction at their position rather than failing the request. */
function isPositionalKeyError(error: unknown): error is ServiceError {
  return (
    error instanceof ServiceError &&
    error.code === 'ValidationException' &&
    /^(One or more parameter values were invalid: (Type mismatch for key|Missing the key)|The provided key element does not match the schema)/.test(
      error.message,
    )
  );
}
