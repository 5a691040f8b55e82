// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (PartiQL).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.transactions.html

import { createHash } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import type { RequestContext } from '../../../core/service.js';
import type { DynamoDb } from '../dynamodb.js';
import { conditionalCheckFailed, validation } from '../errors.js';
import { deleteItem, putItem, updateItem } from '../items.js';
import { checkDecomposedReads } from '../partiql/decomposed-reads.js';
import { duplicate, runSelect, runSingleItemSelect, updatedPaths, writeAction } from '../partiql/execute.js';
import { parseStatement, type Statement } from '../partiql/parser.js';
import { resolveTable, returnValues } from '../requests.js';
import { findIndex, type Table } from '../table.js';
import { runOnce, runTransaction } from '../transact.js';
import { type AttributeValue, checkValue, type Item } from '../values.js';
import { checkOneActionPerItem } from './batch.js';
import { operation } from './operation.js';

const EXISTS_OUTSIDE = 'EXISTS can only be used in ExecuteTransaction write requests.';

export const executeStatement = operation({
  input: model.ExecuteStatementInput,
  run: (input, ddb, ctx) => {
    const { statement, table } = prepare(ddb, ctx, input.Statement, input.Parameters);
    if (statement.kind === 'exists') throw validation(EXISTS_OUTSIDE);
    if (statement.kind === 'select') {
      const startKey = input.NextToken ? decodeToken(input.NextToken) : undefined;
      const result = runSelect(ddb, table, statement, {
        limit: input.Limit,
        startKey,
        consistent: input.ConsistentRead,
      });
      return {
        Items: result.items,
        ...(result.lastKey
          ? { NextToken: encodeToken(result.lastKey), LastEvaluatedKey: result.lastKey }
          : {}),
      };
    }
    const returnOld = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
    const returned = ddb.store.transaction(() => runWrite(ddb, table, statement, returnOld));
    return { Items: returned ? [returned] : [] };
  },
});

export const batchExecuteStatement = operation({
  input: model.BatchExecuteStatementInput,
  run: (input, ddb, ctx) => {
    // "The entire batch must consist of either read statements or write statements" (the message is
    // inferred from ExecuteTransaction's). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html
    const reads = input.Statements.filter((r) => /^\s*SELECT\b/i.test(r.Statement)).length;
    if (reads > 0 && reads < input.Statements.length)
      throw validation(
        'BatchExecuteStatement API does not support both read and write operations in the same request.',
      );
    const responses = input.Statements.map((request) => {
      try {
        const { statement, table } = prepare(ddb, ctx, request.Statement, request.Parameters);
        if (statement.kind === 'exists') throw validation(EXISTS_OUTSIDE);
        if (statement.kind === 'select') {
          const item = runSingleItemSelect(ddb, table, statement, 'Only single item select is supported');
          return { TableName: table.spec.name, ...(item ? { Item: item } : {}) };
        }
        if ('returning' in statement && statement.returning)
          throw validation('RETURNING is not supported in BatchExecuteStatement'); // inferred wording
        const returnOld = request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
        ddb.store.transaction(() => runWrite(ddb, table, statement, returnOld));
        return { TableName: table.spec.name };
      } catch (error) {
        if (!(error instanceof ServiceError) || (error.status ?? 400) >= 500) throw error;
        const code = error.code.replace(/Exception$/, '').replace(/^Validation$/, 'ValidationError');
        const item = error.fields?.Item as Item | undefined;
        return { Error: { Code: code, Message: error.message, ...(item ? { Item: item } : {}) } };
      }
    });
    return { Responses: responses };
  },
});

export const executeTransaction = operation({
  input: model.ExecuteTransactionInput,
  run: (input, ddb, ctx) => {
    // A statement that does not parse or validate is named by its position.
    const inStatement = <T>(i: number, fn: () => T): T => {
      try {
        return fn();
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'ValidationException')
          throw validation(`Validation failed in TransactStatements[${i}]: ${error.message}`);
        throw error;
      }
    };
    const prepared = input.TransactStatements.map((request, i) =>
      inStatement(i, () => {
        const ready = prepare(ddb, ctx, request.Statement, request.Parameters);
        if ('returning' in ready.statement && ready.statement.returning)
          throw validation('RETURNING is not supported in ExecuteTransaction'); // inferred wording
        return { ...ready, returnOld: request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' };
      }),
    );
    const reads = prepared.filter((p) => p.statement.kind === 'select').length;
    if (reads > 0 && reads < prepared.length)
      throw validation(
        'ExecuteTransaction API does not support both read and write operations in the same request.',
      );
    if (reads > 0) {
      return {
        Responses: prepared.map(({ statement, table }, i) =>
          inStatement(i, () => {
            const select = statement as Extract<Statement, { kind: 'select' }>;
            if (select.index !== undefined)
              throw validation('Reads on indices are not supported within transactions.');
            const item = runSingleItemSelect(
              ddb,
              table,
              select,
              'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
            );
            return item ? { Item: item } : {};
          }),
        ),
      };
    }
    const actions = prepared.map(({ statement, table, returnOld }, i) =>
      inStatement(i, () => writeAction(ddb, table, statement, returnOld)),
    );
    checkOneActionPerItem(actions);
    const hash = createHash('sha256').update(JSON.stringify(input.TransactStatements)).digest('hex');
    runOnce(ddb, ctx, input.ClientRequestToken, hash, () => runTransaction(ddb, actions));
    return {};
  },
});

function prepare(
  ddb: DynamoDb,
  ctx: RequestContext,
  text: string,
  parameters: unknown[] | undefined,
): { statement: Statement; table: Table } {
  const values = (parameters ?? []).map((p) => checkValue(p as AttributeValue));
  const statement = parseStatement(text, values);
  const table = resolveTable(ddb, ctx, statement.table);
  if (statement.kind === 'select') {
    // Checked before what a batch or a transaction asks of a read, as DynamoDB does.
    const index = statement.index === undefined ? undefined : findIndex(table.spec, statement.index);
    const keys = index ?? table.spec;
    checkDecomposedReads(statement.where, keys.hash.name, keys.range?.name);
  }
  return { statement, table };
}

/**
 * One write outside a transaction: a failed condition is ConditionalCheckFailedException (with the item
 * when ReturnValuesOnConditionCheckFailure is ALL_OLD), an INSERT of an existing key
 * DuplicateItemException. Answers what RETURNING asks for.
 */
function runWrite(ddb: DynamoDb, table: Table, statement: Statement, returnOld: boolean): Item | undefined {
  const action = writeAction(ddb, table, statement, returnOld);
  switch (action.kind) {
    case 'Put':
      try {
        putItem(ddb, table, action.item!, action.key, action.condition, false);
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'ConditionalCheckFailedException')
          throw duplicate();
        throw error;
      }
      return undefined;
    case 'Update': {
      const { old, next } = updateItem(ddb, table, action.key, action.update, action.condition, returnOld);
      if (statement.kind !== 'update' || !statement.returning) return undefined;
      return returnValues(statement.returning, old, next, updatedPaths(statement));
    }
    case 'Delete': {
      const { old } = deleteItem(ddb, table, action.key, action.condition, returnOld);
      return statement.kind === 'delete' && statement.returning ? old : undefined;
    }
    default:
      throw conditionalCheckFailed();
  }
}

function encodeToken(key: Item): string {
  return Buffer.from(JSON.stringify(key)).toString('base64');
}

function decodeToken(token: string): Item {
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Item;
  } catch {
    throw validation('Invalid NextToken');
  }
}
