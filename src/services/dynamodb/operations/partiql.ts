// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (PartiQL).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.multiplestatements.transactions.html

import { ServiceError } from '../../../core/errors.js';
import type { RequestContext } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import type { DynamoDb } from '../dynamodb.js';
import { conditionalCheckFailed, validation } from '../errors.js';
import { duplicate, runSelect, writeAction } from '../partiql/execute.js';
import { parseStatement, type Statement } from '../partiql/parser.js';
import { resolveTable } from '../requests.js';
import { attributeValue, returnConsumedCapacity, returnValuesOnFailure } from '../shapes.js';
import type { Table } from '../table.js';
import { runTransaction } from '../transact.js';
import { type AttributeValue, checkValue, type Item } from '../values.js';
import { operation } from './operation.js';

const statementShape = s.string({ min: 1, max: 8192 });
const parametersShape = s.list(attributeValue, { min: 1 });

export const executeStatement = operation({
  input: s.structure({
    Statement: s.required(statementShape),
    Parameters: s.optional(parametersShape),
    ConsistentRead: s.optional(s.boolean()),
    NextToken: s.optional(s.string({ min: 1, max: 32768 })),
    ReturnConsumedCapacity: s.optional(returnConsumedCapacity),
    Limit: s.optional(s.integer({ min: 1 })),
    ReturnValuesOnConditionCheckFailure: s.optional(returnValuesOnFailure),
  }),
  run: (input, ddb, ctx) => {
    const { statement, table } = prepare(ddb, ctx, input.Statement, input.Parameters);
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
    ddb.store.transaction(() =>
      runWrite(ddb, table, statement, input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD'),
    );
    return { Items: [] };
  },
});

export const batchExecuteStatement = operation({
  input: s.structure({
    Statements: s.required(
      s.list(
        s.structure({
          Statement: s.required(statementShape),
          Parameters: s.optional(parametersShape),
          ConsistentRead: s.optional(s.boolean()),
          ReturnValuesOnConditionCheckFailure: s.optional(returnValuesOnFailure),
        }),
        { min: 1, max: 25 },
      ),
    ),
    ReturnConsumedCapacity: s.optional(returnConsumedCapacity),
  }),
  run: (input, ddb, ctx) => {
    const responses = input.Statements.map((request) => {
      try {
        const { statement, table } = prepare(ddb, ctx, request.Statement, request.Parameters);
        if (statement.kind === 'select') {
          const { items } = runSelect(ddb, table, statement, { consistent: request.ConsistentRead });
          return { TableName: table.spec.name, ...(items[0] ? { Item: items[0] } : {}) };
        }
        ddb.store.transaction(() =>
          runWrite(ddb, table, statement, request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD'),
        );
        return { TableName: table.spec.name };
      } catch (error) {
        if (!(error instanceof ServiceError) || (error.status ?? 400) >= 500) throw error;
        const code = error.code.replace(/Exception$/, '');
        const item = error.fields?.Item as Item | undefined;
        return { Error: { Code: code, Message: error.message, ...(item ? { Item: item } : {}) } };
      }
    });
    return { Responses: responses };
  },
});

export const executeTransaction = operation({
  input: s.structure({
    TransactStatements: s.required(
      s.list(
        s.structure({
          Statement: s.required(statementShape),
          Parameters: s.optional(parametersShape),
          ReturnValuesOnConditionCheckFailure: s.optional(returnValuesOnFailure),
        }),
        { min: 1, max: 100 },
      ),
    ),
    ClientRequestToken: s.optional(s.string({ min: 1, max: 36 })),
    ReturnConsumedCapacity: s.optional(returnConsumedCapacity),
  }),
  run: (input, ddb, ctx) => {
    const prepared = input.TransactStatements.map((request) => ({
      ...prepare(ddb, ctx, request.Statement, request.Parameters),
      returnOld: request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    }));
    const reads = prepared.filter((p) => p.statement.kind === 'select').length;
    if (reads > 0 && reads < prepared.length)
      throw validation('Transaction statements must be either all reads or all writes');
    if (reads > 0) {
      return {
        Responses: prepared.map(({ statement, table }) => {
          const { items } = runSelect(ddb, table, statement as Extract<Statement, { kind: 'select' }>, {});
          return items[0] ? { Item: items[0] } : {};
        }),
      };
    }
    ddb.store.transaction(() =>
      runTransaction(
        ddb,
        prepared.map(({ statement, table, returnOld }) => writeAction(ddb, table, statement, returnOld)),
      ),
    );
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
  return { statement, table };
}

/** One write outside a transaction: a failed condition is ConditionalCheckFailedException. */
function runWrite(ddb: DynamoDb, table: Table, statement: Statement, returnOld: boolean): void {
  const action = writeAction(ddb, table, statement, returnOld);
  try {
    runTransaction(ddb, [action]);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'TransactionCanceledException') {
      const reasons = (error.fields?.CancellationReasons ?? []) as {
        Code: string;
        Message?: string;
        Item?: Item;
      }[];
      const reason = reasons[0];
      if (reason?.Code === 'ConditionalCheckFailed') throw conditionalCheckFailed(reason.Item);
      if (reason?.Code === 'DuplicateItem') throw duplicate();
      throw validation(reason?.Message ?? error.message);
    }
    throw error;
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
