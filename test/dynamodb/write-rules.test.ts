// Rules DynamoDB applies to writes and table changes before it changes anything: condition expressions
// checked at parse time, the 4 KB / 300-operator expression quotas, sets returned in DynamoDB's own order,
// key errors inside BatchWriteItem and TransactWriteItems, and UpdateTable's one-index-at-a-time and
// nothing-to-change rules. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
// Messages the developer guide does not list are DynamoDB's answers to the same requests.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

describe('DynamoDB write rules', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  const key = { pk: { S: 'k' }, sk: { N: '1' } };
  const update = (input: Partial<UpdateItemCommandInput>) =>
    ddb.send(
      new UpdateItemCommand({ TableName: 'writes', Key: key, UpdateExpression: 'SET z = :x', ...input }),
    );
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'writes');
    await ddb.send(new PutItemCommand({ TableName: 'writes', Item: { ...key, a: { S: 'x' } } }));
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const conditions: [string, Partial<UpdateItemCommandInput>, string][] = [
    [
      'redundant parentheses',
      { ConditionExpression: '((attribute_exists(pk)))', ExpressionAttributeValues: { ':x': { N: '1' } } },
      'Invalid ConditionExpression: The expression has redundant parentheses;',
    ],
    [
      'the same operand twice in a function',
      {
        ConditionExpression: 'contains(#a, #a)',
        ExpressionAttributeNames: { '#a': 'a' },
        ExpressionAttributeValues: { ':x': { N: '1' } },
      },
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]',
    ],
    [
      'the same operand on both sides of =',
      { ConditionExpression: 'a = a', ExpressionAttributeValues: { ':x': { N: '1' } } },
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]',
    ],
    [
      'BETWEEN bounds of two types',
      {
        ConditionExpression: 'a BETWEEN :n AND :s',
        ExpressionAttributeValues: { ':x': { N: '1' }, ':n': { N: '1' }, ':s': { S: 'z' } },
      },
      'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:z}',
    ],
    [
      'an expression over 4 KB',
      {
        UpdateExpression: `SET z = :x, ${'#n = :x, '.repeat(455)}#n = :x`.slice(0, 4098),
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':x': { N: '1' } },
      },
      'Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4098',
    ],
    [
      'more than 300 operators',
      {
        ConditionExpression: Array.from({ length: 151 }, () => 'a = :x').join(' OR '),
        ExpressionAttributeValues: { ':x': { N: '1' } },
      },
      'Invalid ConditionExpression: The expression contains too many operators; operator count: 301',
    ],
  ];
  for (const [name, input, message] of conditions)
    it(`refuses ${name} before evaluating anything`, async () => {
      await assert.rejects(update(input), { name: 'ValidationException', message });
    });

  it('accepts one pair of parentheses and distinct operands', async () => {
    await update({
      ConditionExpression: '(attribute_exists(pk)) AND (a <> :x)',
      ExpressionAttributeValues: { ':x': { S: 'y' } },
    });
  });

  it('returns sets in DynamoDB order: strings and binaries by bytes, numbers by value', async () => {
    await ddb.send(
      new PutItemCommand({
        TableName: 'writes',
        Item: {
          pk: { S: 'sets' },
          sk: { N: '1' },
          ss: { SS: ['b', 'a', '', 'B', 'é'] },
          ns: { NS: ['10', '9', '-1', '1.5'] },
          bs: { BS: [Uint8Array.of(2), Uint8Array.of(1), Uint8Array.of(255)] },
        },
      }),
    );
    const { Attributes } = await ddb.send(
      new UpdateItemCommand({
        TableName: 'writes',
        Key: { pk: { S: 'sets' }, sk: { N: '1' } },
        UpdateExpression: 'ADD ss :s, ns :n',
        ExpressionAttributeValues: { ':s': { SS: ['c', '0'] }, ':n': { NS: ['100', '0'] } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    assert.deepEqual(Attributes?.ss?.SS, ['', '0', 'B', 'a', 'b', 'c', 'é']);
    assert.deepEqual(Attributes?.ns?.NS, ['-1', '0', '1.5', '9', '10', '100']);
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: 'writes', Key: { pk: { S: 'sets' }, sk: { N: '1' } } }),
    );
    assert.deepEqual(
      Item?.bs?.BS?.map((b) => b[0]),
      [1, 2, 255],
    );
  });

  it('answers "The provided key element does not match the schema" for a bad key in a BatchWriteItem put', async () => {
    for (const item of [
      { pk: { N: '5' }, sk: { N: '1' } },
      { pk: { L: [] }, sk: { N: '1' } },
      { sk: { N: '1' } },
    ])
      await assert.rejects(
        ddb.send(
          new BatchWriteItemCommand({ RequestItems: { writes: [{ PutRequest: { Item: item as never } }] } }),
        ),
        { name: 'ValidationException', message: 'The provided key element does not match the schema' },
      );
  });

  it('cancels a transaction with a positional ValidationError for a wrong-typed key', async () => {
    const ok = { Put: { TableName: 'writes', Item: { pk: { S: 'tx' }, sk: { N: '1' } } } };
    const cases: [Record<string, unknown>, string][] = [
      [
        { Put: { TableName: 'writes', Item: { pk: { N: '5' }, sk: { N: '1' } } } },
        'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N',
      ],
      [
        {
          Update: {
            TableName: 'writes',
            Key: { pk: { N: '5' }, sk: { N: '1' } },
            UpdateExpression: 'SET a = :a',
            ExpressionAttributeValues: { ':a': { S: 'x' } },
          },
        },
        'The provided key element does not match the schema',
      ],
      [
        { Delete: { TableName: 'writes', Key: { pk: { L: [] }, sk: { N: '1' } } } },
        'The provided key element does not match the schema',
      ],
      [
        {
          ConditionCheck: {
            TableName: 'writes',
            Key: { pk: { N: '5' }, sk: { N: '1' } },
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        'The provided key element does not match the schema',
      ],
    ];
    for (const [action, message] of cases)
      await assert.rejects(
        ddb.send(new TransactWriteItemsCommand({ TransactItems: [ok, action] as never })),
        (error: Error & { CancellationReasons?: unknown }) => {
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
      new GetItemCommand({ TableName: 'writes', Key: { pk: { S: 'tx' }, sk: { N: '1' } } }),
    );
    assert.equal(Item, undefined, 'nothing written');
  });

  describe('UpdateTable', () => {
    before(async () => {
      await ddb.send(
        new CreateTableCommand({
          TableName: 'provisioned',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }),
      );
    });
    const gsi = (IndexName: string) => ({
      Create: {
        IndexName,
        KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }],
        Projection: { ProjectionType: 'ALL' as const },
      },
    });
    const refused: [string, Record<string, unknown>, string, string][] = [
      [
        'two index creations in one request',
        {
          TableName: 'writes',
          AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [gsi('gsi1'), gsi('gsi2')],
        },
        'LimitExceededException',
        'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
      ],
      [
        'PROVISIONED without throughput',
        { TableName: 'writes', BillingMode: 'PROVISIONED' },
        'ValidationException',
        'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED',
      ],
      [
        'nothing to update',
        { TableName: 'writes' },
        'ValidationException',
        'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
      ],
      [
        'the current throughput again',
        { TableName: 'provisioned', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
        'ValidationException',
        'The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
      ],
    ];
    for (const [name, input, code, message] of refused)
      it(`refuses ${name}`, async () => {
        await assert.rejects(ddb.send(new UpdateTableCommand(input as never)), { name: code, message });
      });

    it('creates one index per request, and changes throughput', async () => {
      await ddb.send(
        new UpdateTableCommand({
          TableName: 'writes',
          AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [gsi('gsi1')],
        }),
      );
      const { TableDescription } = await ddb.send(
        new UpdateTableCommand({
          TableName: 'provisioned',
          ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 5 },
        }),
      );
      assert.equal(TableDescription?.ProvisionedThroughput?.ReadCapacityUnits, 6);
    });
  });
});
