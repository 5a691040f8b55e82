// TransactWriteItems and TransactGetItems: up to 100 actions, all-or-nothing in one SQLite transaction,
// TransactionCanceledException with one CancellationReason per action in request order, and
// ClientRequestToken idempotency for 10 minutes.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html

import { createHash } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { validation } from '../errors.js';
import type { Condition, UpdateActions } from '../expressions/ast.js';
import { applyUpdate } from '../expressions/evaluate.js';
import { checkPutItem } from '../items.js';
import { compile, conditionHolds, projected, resolveTable } from '../requests.js';
import {
  type AttributeMap,
  attributeMap,
  expressionNames,
  expressionValues,
  returnConsumedCapacity,
  returnItemCollectionMetrics,
  returnValuesOnFailure,
  tableNameOrArn,
} from '../shapes.js';
import { type ItemKey, keyAttributes, requestKey, type Table } from '../table.js';
import { checkItem, type Item, itemSize, MAX_ITEM_BYTES } from '../values.js';
import { checkDuplicates } from './batch.js';
import { operation } from './operation.js';

const TOKEN_TTL_MS = 10 * 60 * 1000;
const conditionMembers = {
  TableName: s.required(tableNameOrArn),
  ConditionExpression: s.optional(s.string()),
  ExpressionAttributeNames: s.optional(expressionNames),
  ExpressionAttributeValues: s.optional(expressionValues),
  ReturnValuesOnConditionCheckFailure: s.optional(returnValuesOnFailure),
};

export const transactWriteItems = operation({
  input: s.structure({
    TransactItems: s.required(
      s.list(
        s.structure({
          ConditionCheck: s.optional(
            s.structure({
              Key: s.required(attributeMap),
              ...conditionMembers,
              ConditionExpression: s.required(s.string()),
            }),
          ),
          Put: s.optional(s.structure({ Item: s.required(attributeMap), ...conditionMembers })),
          Delete: s.optional(s.structure({ Key: s.required(attributeMap), ...conditionMembers })),
          Update: s.optional(
            s.structure({
              Key: s.required(attributeMap),
              UpdateExpression: s.required(s.string()),
              ...conditionMembers,
            }),
          ),
        }),
        { min: 1, max: 100 },
      ),
    ),
    ReturnConsumedCapacity: s.optional(returnConsumedCapacity),
    ReturnItemCollectionMetrics: s.optional(returnItemCollectionMetrics),
    ClientRequestToken: s.optional(s.string({ min: 1, max: 36 })),
  }),
  run: (input, ddb, ctx) => {
    const actions = input.TransactItems.map((entry): Action => {
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
      if (kind === 'Put') {
        ({ item, key } = checkPutItem(table, request.Item as AttributeMap));
      } else key = requestKey(table.spec, checkItem(request.Key as AttributeMap));
      if (kind === 'Update' && compiled.update) {
        const keyNames = new Set(keyAttributes(table.spec).map((a) => a.name));
        for (const path of [...compiled.update.set.map((a) => a.path), ...compiled.update.remove]) {
          const first = path.elements[0]!;
          if ('name' in first && keyNames.has(first.name))
            throw validation(
              `One or more parameter values were invalid: Cannot update attribute ${first.name}. This attribute is part of the key`,
            );
        }
      }
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
    // One item may appear only once in a transaction.
    const perTable = new Map<number, ItemKey[]>();
    for (const action of actions)
      perTable.set(action.table.id, [...(perTable.get(action.table.id) ?? []), action.key]);
    try {
      for (const keys of perTable.values()) checkDuplicates(keys);
    } catch {
      throw validation('Transaction request cannot include multiple operations on one item');
    }
    const token = input.ClientRequestToken;
    const hash = createHash('sha256').update(JSON.stringify(input.TransactItems)).digest('hex');
    ddb.store.transaction(() => {
      const now = ddb.clock.now();
      if (token !== undefined) {
        ddb.sql.trimTokens.run(now - TOKEN_TTL_MS);
        const seen = ddb.sql.findToken.get(ctx.account, ctx.region, token) as
          | { request_hash: string }
          | undefined;
        if (seen) {
          if (seen.request_hash !== hash)
            throw new ServiceError(
              'IdempotentParameterMismatchException',
              'Request token has already been used with different parameters; idempotent token is reused with different request parameters',
            );
          return; // The same request again within 10 minutes: already applied.
        }
      }
      runTransaction(ddb, actions);
      if (token !== undefined) ddb.sql.putToken.run(ctx.account, ctx.region, token, hash, now);
    });
    return {};
  },
});

export const transactGetItems = operation({
  input: s.structure({
    TransactItems: s.required(
      s.list(
        s.structure({
          Get: s.required(
            s.structure({
              Key: s.required(attributeMap),
              TableName: s.required(tableNameOrArn),
              ProjectionExpression: s.optional(s.string()),
              ExpressionAttributeNames: s.optional(expressionNames),
            }),
          ),
        }),
        { min: 1, max: 100 },
      ),
    ),
    ReturnConsumedCapacity: s.optional(returnConsumedCapacity),
  }),
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
    return { Responses: responses };
  },
});

interface Action {
  readonly kind: 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
  readonly table: Table;
  readonly key: ItemKey;
  readonly item?: Item;
  readonly condition?: Condition;
  readonly update?: UpdateActions;
  readonly returnOld: boolean;
}

/** Checks every condition first; any failure cancels the whole transaction with reasons in order. */
function runTransaction(ddb: Parameters<typeof transactWriteItems.run>[1], actions: Action[]): void {
  const olds = actions.map((action) => ddb.getItem(action.table, action.key));
  const nexts: (Item | undefined)[] = [];
  const reasons = actions.map((action, i) => {
    const old = olds[i];
    try {
      if (!conditionHolds(action.condition, old))
        return {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          ...(action.returnOld && old ? { Item: old } : {}),
        };
      if (action.kind === 'Update') {
        const next = checkItem(applyUpdate(old ?? { ...action.key.key }, action.update!));
        if (itemSize(next) > MAX_ITEM_BYTES)
          return {
            Code: 'ValidationError',
            Message: 'Item size to update has exceeded the maximum allowed size',
          };
        nexts[i] = next;
      } else if (action.kind === 'Put') nexts[i] = action.item;
      return { Code: 'None' };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'ValidationException')
        return { Code: 'ValidationError', Message: error.message };
      throw error;
    }
  });
  if (reasons.some((reason) => reason.Code !== 'None')) {
    throw new ServiceError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { fields: { CancellationReasons: reasons } },
    );
  }
  actions.forEach((action, i) => {
    if (action.kind === 'ConditionCheck') return;
    if (action.kind === 'Delete' && !olds[i]) return;
    ddb.writeItem(action.table, action.key, olds[i], action.kind === 'Delete' ? undefined : nexts[i]);
  });
}
