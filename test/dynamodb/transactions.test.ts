// BatchGetItem/BatchWriteItem and TransactWriteItems/TransactGetItems through the AWS SDK v3.
// Expected answers follow https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// (CancellationReasons in request order, idempotency for 10 minutes) and API_BatchWriteItem.html.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  TransactGetItemsCommand,
  type TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB batches and transactions', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    for (const name of ['accounts', 'ledger']) {
      await ddb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    }
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const balance = async (id: string) =>
    (await ddb.send(new GetItemCommand({ TableName: 'accounts', Key: { id: { S: id } } }))).Item?.balance?.N;

  it('writes and reads batches across tables', async () => {
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          accounts: [
            { PutRequest: { Item: { id: { S: 'a' }, balance: { N: '100' } } } },
            { PutRequest: { Item: { id: { S: 'b' }, balance: { N: '0' } } } },
            { PutRequest: { Item: { id: { S: 'tmp' } } } },
          ],
          ledger: [{ PutRequest: { Item: { id: { S: 'l1' } } } }],
        },
      }),
    );
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { accounts: [{ DeleteRequest: { Key: { id: { S: 'tmp' } } } }] },
      }),
    );
    const read = await ddb.send(
      new BatchGetItemCommand({
        RequestItems: {
          accounts: { Keys: [{ id: { S: 'a' } }, { id: { S: 'tmp' } }], ProjectionExpression: 'balance' },
          ledger: { Keys: [{ id: { S: 'l1' } }] },
        },
      }),
    );
    assert.deepEqual(read.Responses?.accounts, [{ balance: { N: '100' } }]);
    assert.deepEqual(read.Responses?.ledger, [{ id: { S: 'l1' } }]);
    assert.deepEqual(read.UnprocessedKeys, {});
  });

  it('reports ConsumedCapacity per table when asked', async () => {
    const written = await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { ledger: [{ PutRequest: { Item: { id: { S: 'cap' } } } }] },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(written.ConsumedCapacity, [{ TableName: 'ledger', CapacityUnits: 1 }]);
    const transacted = await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: 'ledger', Item: { id: { S: 'cap2' } } } }],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    // Transactional writes cost twice: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
    assert.deepEqual(transacted.ConsumedCapacity, [{ TableName: 'ledger', CapacityUnits: 2 }]);
  });

  it('rejects duplicate keys and more than 25 writes in a batch', async () => {
    await assert.rejects(
      ddb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            accounts: [
              { PutRequest: { Item: { id: { S: 'x' } } } },
              { DeleteRequest: { Key: { id: { S: 'x' } } } },
            ],
          },
        }),
      ),
      { name: 'ValidationException', message: 'Provided list of item keys contains duplicates' },
    );
    const many = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { id: { S: `m${i}` } } } }));
    await assert.rejects(ddb.send(new BatchWriteItemCommand({ RequestItems: { accounts: many } })), {
      name: 'ValidationException',
    });
  });

  it('commits a transfer with a ConditionCheck atomically', async () => {
    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'a' } },
              UpdateExpression: 'SET balance = balance - :amt',
              ConditionExpression: 'balance >= :amt',
              ExpressionAttributeValues: { ':amt': { N: '30' } },
            },
          },
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'b' } },
              UpdateExpression: 'SET balance = balance + :amt',
              ExpressionAttributeValues: { ':amt': { N: '30' } },
            },
          },
          { Put: { TableName: 'ledger', Item: { id: { S: 't1' }, amount: { N: '30' } } } },
          {
            ConditionCheck: {
              TableName: 'ledger',
              Key: { id: { S: 'l1' } },
              ConditionExpression: 'attribute_exists(id)',
            },
          },
        ],
      }),
    );
    assert.equal(await balance('a'), '70');
    assert.equal(await balance('b'), '30');
  });

  it('cancels everything with reasons in request order when one condition fails', async () => {
    await assert.rejects(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'accounts',
                Key: { id: { S: 'b' } },
                UpdateExpression: 'SET balance = balance + :amt',
                ExpressionAttributeValues: { ':amt': { N: '1000' } },
              },
            },
            {
              Update: {
                TableName: 'accounts',
                Key: { id: { S: 'a' } },
                UpdateExpression: 'SET balance = balance - :amt',
                ConditionExpression: 'balance >= :amt',
                ExpressionAttributeValues: { ':amt': { N: '1000' } },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      ),
      (error: TransactionCanceledException) => {
        assert.equal(error.name, 'TransactionCanceledException');
        assert.equal(
          error.message,
          'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
        );
        assert.deepEqual(error.CancellationReasons, [
          { Code: 'None' },
          {
            Code: 'ConditionalCheckFailed',
            Message: 'The conditional request failed',
            Item: { id: { S: 'a' }, balance: { N: '70' } },
          },
        ]);
        return true;
      },
    );
    assert.equal(await balance('b'), '30');
  });

  it('rejects two operations on one item', async () => {
    await assert.rejects(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'ledger', Item: { id: { S: 'same' } } } },
            { Delete: { TableName: 'ledger', Key: { id: { S: 'same' } } } },
          ],
        }),
      ),
      {
        name: 'ValidationException',
        message: 'Transaction request cannot include multiple operations on one item',
      },
    );
  });

  it('applies a ClientRequestToken once and rejects its reuse with other parameters', async () => {
    const request = (amount: string) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: 'token-1',
        TransactItems: [
          {
            Update: {
              TableName: 'accounts',
              Key: { id: { S: 'b' } },
              UpdateExpression: 'ADD balance :amt',
              ExpressionAttributeValues: { ':amt': { N: amount } },
            },
          },
        ],
      });
    await ddb.send(request('5'));
    await ddb.send(request('5'));
    assert.equal(await balance('b'), '35');
    await assert.rejects(ddb.send(request('6')), { name: 'IdempotentParameterMismatchException' });
    cloud.clock.advance(11 * 60 * 1000);
    await ddb.send(request('6'));
    assert.equal(await balance('b'), '41');
  });

  it('reads several items in one TransactGetItems, absent ones as empty responses', async () => {
    const { Responses } = await ddb.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'accounts', Key: { id: { S: 'a' } } } },
          { Get: { TableName: 'accounts', Key: { id: { S: 'nobody' } } } },
          { Get: { TableName: 'ledger', Key: { id: { S: 't1' } }, ProjectionExpression: 'amount' } },
        ],
      }),
    );
    assert.deepEqual(Responses, [
      { Item: { id: { S: 'a' }, balance: { N: '70' } } },
      {},
      { Item: { amount: { N: '30' } } },
    ]);
  });

  // Inside BatchWriteItem a PutRequest's key problems are worded as for a Key parameter (captured against
  // DynamoDB by paritysuite/dynamodb-conformance); PutItem itself says "Type mismatch…" / "Missing the key…".
  const batchKeys: [string, Record<string, AttributeValue>][] = [
    ['a mistyped key', { id: { N: '5' } }],
    ['a non-scalar key', { id: { L: [{ S: 'x' }] } }],
    ['no key', { other: { S: 'x' } }],
  ];
  for (const [label, item] of batchKeys)
    it(`rejects a BatchWriteItem PutRequest with ${label} as a schema mismatch`, async () => {
      await assert.rejects(
        ddb.send(new BatchWriteItemCommand({ RequestItems: { accounts: [{ PutRequest: { Item: item } }] } })),
        { name: 'ValidationException', message: 'The provided key element does not match the schema' },
      );
    });

  // A mistyped key cancels the transaction with a ValidationError reason in its position; only an empty key
  // value fails the request itself (captured against DynamoDB, eu-west-2 and eu-central-1).
  const mismatch = 'The provided key element does not match the schema';
  const transactKeys: [string, TransactWriteItem, string][] = [
    [
      'Put',
      { Put: { TableName: 'accounts', Item: { id: { N: '5' } } } },
      'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N',
    ],
    [
      'Update',
      { Update: { TableName: 'accounts', Key: { id: { L: [] } }, UpdateExpression: 'REMOVE x' } },
      mismatch,
    ],
    ['Delete', { Delete: { TableName: 'accounts', Key: { id: { N: '5' } } } }, mismatch],
    [
      'ConditionCheck',
      {
        ConditionCheck: {
          TableName: 'accounts',
          Key: { id: { B: new Uint8Array([1]) } },
          ConditionExpression: 'attribute_exists(id)',
        },
      },
      mismatch,
    ],
  ];
  for (const [kind, action, message] of transactKeys)
    it(`cancels a transaction whose ${kind} has a mistyped key, with a ValidationError reason`, async () => {
      await assert.rejects(
        ddb.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ Put: { TableName: 'ledger', Item: { id: { S: `typed-${kind}` } } } }, action],
          }),
        ),
        (error: TransactionCanceledException) => {
          assert.equal(error.name, 'TransactionCanceledException');
          assert.equal(
            error.message,
            'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]',
          );
          assert.deepEqual(error.CancellationReasons, [
            { Code: 'None' },
            { Code: 'ValidationError', Message: message },
          ]);
          return true;
        },
      );
      const { Item } = await ddb.send(
        new GetItemCommand({ TableName: 'ledger', Key: { id: { S: `typed-${kind}` } } }),
      );
      assert.equal(Item, undefined);
    });

  it('fails a transaction with an empty key value as a request error', async () => {
    await assert.rejects(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Delete: { TableName: 'accounts', Key: { id: { S: '' } } } }],
        }),
      ),
      { name: 'ValidationException', message: /cannot contain an empty string value/ },
    );
  });
});
