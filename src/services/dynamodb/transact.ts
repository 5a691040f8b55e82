// The all-or-nothing core of TransactWriteItems (and PartiQL's ExecuteTransaction): every condition is
// checked first; any failure cancels the whole transaction with one reason per action, in order.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html

import { ServiceError } from '../../core/errors.js';
import type { DynamoDb } from './dynamodb.js';
import type { Condition, UpdateActions } from './expressions/ast.js';
import { applyUpdate } from './expressions/evaluate.js';
import { conditionHolds } from './requests.js';
import type { ItemKey, Table } from './table.js';
import { checkItem, type Item, itemSize, MAX_ITEM_BYTES } from './values.js';

export interface Action {
  readonly kind: 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
  readonly table: Table;
  readonly key: ItemKey;
  readonly item?: Item;
  readonly condition?: Condition;
  readonly update?: UpdateActions;
  readonly returnOld: boolean;
  /** PartiQL's INSERT reports a failed "not there yet" check as DuplicateItem. */
  readonly duplicateOnFailure?: boolean;
}

/** Checks every condition first; any failure cancels the whole transaction with reasons in order. */
export function runTransaction(ddb: DynamoDb, actions: readonly Action[]): void {
  const olds = actions.map((action) => ddb.getItem(action.table, action.key));
  const nexts: (Item | undefined)[] = [];
  const reasons = actions.map((action, i) => {
    const old = olds[i];
    try {
      if (!conditionHolds(action.condition, old)) {
        if (action.duplicateOnFailure)
          return { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' };
        return {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          ...(action.returnOld && old ? { Item: old } : {}),
        };
      }
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

/** "ClientRequestToken … idempotent for 10 minutes": a repeat answers success without running again. */
const TOKEN_TTL_MS = 10 * 60 * 1000;

/**
 * Runs a transaction once per ClientRequestToken: the same token with the same request within 10 minutes
 * is already applied; with another request it is IdempotentParameterMismatchException.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
 */
export function runOnce(
  ddb: DynamoDb,
  scope: { account: string; region: string },
  token: string | undefined,
  requestHash: string,
  run: () => void,
): void {
  ddb.store.transaction(() => {
    const now = ddb.clock.now();
    if (token !== undefined) {
      ddb.sql.trimTokens.run(now - TOKEN_TTL_MS);
      const seen = ddb.sql.findToken.get(scope.account, scope.region, token) as
        | { request_hash: string }
        | undefined;
      if (seen) {
        if (seen.request_hash !== requestHash)
          throw new ServiceError(
            'IdempotentParameterMismatchException',
            'Request token has already been used with different parameters; idempotent token is reused with different request parameters',
          );
        return;
      }
    }
    run();
    if (token !== undefined) ddb.sql.putToken.run(scope.account, scope.region, token, requestHash, now);
  });
}
