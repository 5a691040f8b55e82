// Secondary indexes and table settings as DynamoDB validates them: index key attributes on writes (each one
// present is checked, even in a sparse index) and the UpdateTable requests DynamoDB refuses.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndexUpdate,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB secondary index keys and UpdateTable', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'gsi',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g1pk', AttributeType: 'S' },
          { AttributeName: 'g1sk', AttributeType: 'N' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'g1pk', KeyType: 'HASH' },
              { AttributeName: 'g1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await ddb.send(
      new CreateTableCommand({
        TableName: 'provisioned',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      }),
    );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  // DynamoDB checks every index key attribute an item has against AttributeDefinitions, also when the item
  // lacks the index's other key and so stays out of the sparse index (the error DocumentClient code meets
  // when it writes `null` for an optional GSI key: "Type mismatch for Index Key … Actual: NULL").
  const mismatch = (name: string, expected: string, actual: string) =>
    `One or more parameter values were invalid: Type mismatch for Index Key ${name} Expected: ${expected} Actual: ${actual} IndexName: GSI1`;
  const badKeys: [string, Record<string, AttributeValue>, string][] = [
    ['only g1sk, of the wrong type', { g1sk: { S: 'x' } }, mismatch('g1sk', 'N', 'S')],
    ['only g1pk, of the wrong type', { g1pk: { N: '1' } }, mismatch('g1pk', 'S', 'N')],
    ['only g1pk, NULL', { g1pk: { NULL: true } }, mismatch('g1pk', 'S', 'NULL')],
    ['only g1sk, NULL', { g1sk: { NULL: true } }, mismatch('g1sk', 'N', 'NULL')],
    ['both, g1pk NULL', { g1pk: { NULL: true }, g1sk: { N: '1' } }, mismatch('g1pk', 'S', 'NULL')],
    [
      'only g1pk, an empty string',
      { g1pk: { S: '' } },
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: GSI1, IndexKey: g1pk',
    ],
  ];
  for (const [label, attributes, message] of badKeys)
    it(`rejects a write with ${label}`, async () => {
      await assert.rejects(
        ddb.send(new PutItemCommand({ TableName: 'gsi', Item: { pk: { S: label }, ...attributes } })),
        { name: 'ValidationException', message },
      );
      await assert.rejects(
        ddb.send(
          new UpdateItemCommand({
            TableName: 'gsi',
            Key: { pk: { S: label } },
            UpdateExpression: `SET ${Object.keys(attributes)
              .map((name) => `${name} = :${name}`)
              .join(', ')}`,
            ExpressionAttributeValues: Object.fromEntries(
              Object.entries(attributes).map(([name, value]) => [`:${name}`, value]),
            ),
          }),
        ),
        { name: 'ValidationException', message },
      );
    });

  it('accepts an item with one valid GSI key and leaves it out of the index', async () => {
    await ddb.send(new PutItemCommand({ TableName: 'gsi', Item: { pk: { S: 'sparse' }, g1pk: { S: 'o' } } }));
    const { Count } = await ddb.send(
      new QueryCommand({
        TableName: 'gsi',
        IndexName: 'GSI1',
        KeyConditionExpression: 'g1pk = :o',
        ExpressionAttributeValues: { ':o': { S: 'o' } },
      }),
    );
    assert.equal(Count, 0);
  });

  // "You can create or delete only one global secondary index per UpdateTable operation."
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
  const create = (name: string): GlobalSecondaryIndexUpdate => ({
    Create: {
      IndexName: name,
      KeySchema: [{ AttributeName: 'g1sk', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  });
  const twoChanges: [string, GlobalSecondaryIndexUpdate[]][] = [
    ['two Creates', [create('byA'), create('byB')]],
    ['a Create and a Delete', [create('byA'), { Delete: { IndexName: 'GSI1' } }]],
  ];
  for (const [label, updates] of twoChanges)
    it(`refuses ${label} in one UpdateTable and changes nothing`, async () => {
      await assert.rejects(
        ddb.send(
          new UpdateTableCommand({
            TableName: 'gsi',
            AttributeDefinitions: [{ AttributeName: 'g1sk', AttributeType: 'N' }],
            GlobalSecondaryIndexUpdates: updates,
          }),
        ),
        {
          name: 'LimitExceededException',
          message:
            'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
        },
      );
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'gsi' }));
      assert.deepEqual(
        Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName),
        ['GSI1'],
      );
    });

  // UpdateTable requests DynamoDB refuses (its messages, as captured against DynamoDB and reproduced by
  // dynalite): nothing to change, PROVISIONED without throughput, the current throughput again.
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
  const refusedUpdates: [string, Omit<UpdateTableCommandInput, 'TableName'>, string][] = [
    [
      'nothing to change',
      {},
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    ],
    [
      'BillingMode PROVISIONED without ProvisionedThroughput',
      { BillingMode: 'PROVISIONED' },
      'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED',
    ],
    [
      'the throughput the table has',
      { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
      'The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    ],
  ];
  for (const [label, update, message] of refusedUpdates)
    it(`refuses an UpdateTable with ${label}`, async () => {
      await assert.rejects(ddb.send(new UpdateTableCommand({ TableName: 'provisioned', ...update })), {
        name: 'ValidationException',
        message,
      });
    });

  it('switches billing modes with the throughput they need', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'switching',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const { TableDescription } = await ddb.send(
      new UpdateTableCommand({
        TableName: 'switching',
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
      }),
    );
    assert.equal(TableDescription?.ProvisionedThroughput?.ReadCapacityUnits, 2);
    assert.equal(TableDescription?.ProvisionedThroughput?.WriteCapacityUnits, 3);
    // A table that was on-demand keeps its BillingModeSummary, now saying PROVISIONED.
    assert.equal(TableDescription?.BillingModeSummary?.BillingMode, 'PROVISIONED');
    assert.ok(TableDescription?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime);
    cloud.clock.advance(60_000);
    const back = await ddb.send(
      new UpdateTableCommand({ TableName: 'switching', BillingMode: 'PAY_PER_REQUEST' }),
    );
    const summary = back.TableDescription?.BillingModeSummary;
    assert.equal(summary?.BillingMode, 'PAY_PER_REQUEST');
    assert.ok(
      summary!.LastUpdateToPayPerRequestDateTime!.getTime() >
        TableDescription!.BillingModeSummary!.LastUpdateToPayPerRequestDateTime!.getTime(),
    );
  });

  // A GSI's backfill leaves out items whose key attribute has the wrong type; such an item must stay
  // deletable and fixable (its old version has no index entry to remove).
  it('deletes and updates an item that a GSI backfill left out for a mistyped key', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'backfilled',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    for (const [pk, g] of [
      ['null', { NULL: true }],
      ['number', { N: '1' }],
    ] as const)
      await ddb.send(new PutItemCommand({ TableName: 'backfilled', Item: { pk: { S: pk }, g } }));
    await ddb.send(
      new UpdateTableCommand({
        TableName: 'backfilled',
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'byG',
              KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'backfilled',
        Key: { pk: { S: 'null' } },
        UpdateExpression: 'SET g = :g',
        ExpressionAttributeValues: { ':g': { S: 'fixed' } },
      }),
    );
    await ddb.send(new DeleteItemCommand({ TableName: 'backfilled', Key: { pk: { S: 'number' } } }));
    const { Items } = await ddb.send(
      new QueryCommand({
        TableName: 'backfilled',
        IndexName: 'byG',
        KeyConditionExpression: 'g = :g',
        ExpressionAttributeValues: { ':g': { S: 'fixed' } },
      }),
    );
    assert.deepEqual(Items, [{ pk: { S: 'null' }, g: { S: 'fixed' } }]);
  });
});
