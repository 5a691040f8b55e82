// DynamoDB tables through the AWS SDK v3: CreateTable/DescribeTable/ListTables/UpdateTable/DeleteTable,
// waiters, TTL settings and tags. Expected answers follow
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/ (CreateTable, UpdateTable, ListTables).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB tables', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  it('creates a table with GSIs, an LSI, a stream and tags, and describes it', async () => {
    const created = await ddb.send(
      new CreateTableCommand({
        TableName: 'app',
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: 'GSI1PK', AttributeType: 'S' },
          { AttributeName: 'GSI1SK', AttributeType: 'S' },
          { AttributeName: 'LSI1SK', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'LSI1',
            KeySchema: [
              { AttributeName: 'PK', KeyType: 'HASH' },
              { AttributeName: 'LSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    // CreateTable's own answer is CREATING (the API reference's example response), its indexes too.
    assert.equal(created.TableDescription?.TableStatus, 'CREATING');
    assert.equal(created.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus, 'CREATING');
    await waitUntilTableExists({ client: ddb, maxWaitTime: 30 }, { TableName: 'app' });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'app' }));
    assert.equal(Table?.ItemCount, 0);
    assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus, 'ACTIVE');
    assert.equal(Table?.LocalSecondaryIndexes?.[0]?.Projection?.ProjectionType, 'KEYS_ONLY');
    assert.match(
      Table?.LatestStreamArn ?? '',
      /^arn:aws:dynamodb:us-east-1:000000000000:table\/app\/stream\//,
    );
    assert.deepEqual(Table?.StreamSpecification, {
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'core' }]);
    await ddb.send(
      new TagResourceCommand({ ResourceArn: Table?.TableArn, Tags: [{ Key: 'env', Value: 'dev' }] }),
    );
    await ddb.send(new UntagResourceCommand({ ResourceArn: Table?.TableArn, TagKeys: ['team'] }));
    const after = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }));
    assert.deepEqual(after.Tags, [{ Key: 'env', Value: 'dev' }]);
  });

  it('returns ItemCollectionMetrics for writes to a table with an LSI', async () => {
    const put = await ddb.send(
      new PutItemCommand({
        TableName: 'app',
        Item: { PK: { S: 'c#1' }, SK: { S: 'x' }, LSI1SK: { N: '1' } },
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    assert.deepEqual(put.ItemCollectionMetrics, {
      ItemCollectionKey: { PK: { S: 'c#1' } },
      SizeEstimateRangeGB: [0, 1],
    });
    const { Items } = await ddb.send(
      new QueryCommand({
        TableName: 'app',
        IndexName: 'LSI1',
        KeyConditionExpression: 'PK = :pk AND LSI1SK >= :one',
        ExpressionAttributeValues: { ':pk': { S: 'c#1' }, ':one': { N: '1' } },
        Select: 'ALL_ATTRIBUTES',
      }),
    );
    assert.deepEqual(Items, [{ PK: { S: 'c#1' }, SK: { S: 'x' }, LSI1SK: { N: '1' } }]);
  });

  it('rejects a duplicate table with ResourceInUseException', async () => {
    await assert.rejects(
      ddb.send(
        new CreateTableCommand({
          TableName: 'app',
          AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      { name: 'ResourceInUseException', message: 'Table already exists: app' },
    );
  });

  it('rejects key attributes missing from AttributeDefinitions and unused definitions', async () => {
    await assert.rejects(
      ddb.send(
        new CreateTableCommand({
          TableName: 'bad',
          AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      {
        name: 'ValidationException',
        message: /Some index key attributes are not defined in AttributeDefinitions/,
      },
    );
    await assert.rejects(
      ddb.send(
        new CreateTableCommand({
          TableName: 'bad',
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'extra', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      {
        name: 'ValidationException',
        message:
          'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
      },
    );
    await assert.rejects(
      ddb.send(
        new CreateTableCommand({
          TableName: 'x',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
      },
    );
  });

  it('returns ResourceNotFoundException for an unknown table', async () => {
    await assert.rejects(ddb.send(new DescribeTableCommand({ TableName: 'missing' })), {
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found: Table: missing not found',
    });
  });

  it('pages ListTables with Limit and ExclusiveStartTableName', async () => {
    for (const name of ['t-a', 't-b', 't-c']) {
      await ddb.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        }),
      );
    }
    const first = await ddb.send(new ListTablesCommand({ Limit: 2 }));
    assert.deepEqual(first.TableNames, ['app', 't-a']);
    assert.equal(first.LastEvaluatedTableName, 't-a');
    const second = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 't-a' }));
    assert.deepEqual(second.TableNames, ['t-b', 't-c']);
    assert.equal(second.LastEvaluatedTableName, undefined);
  });

  it('adds a GSI to a table with items (backfill) and deletes it', async () => {
    await ddb.send(new PutItemCommand({ TableName: 't-a', Item: { id: { S: '1' }, email: { S: 'a@x' } } }));
    await ddb.send(new PutItemCommand({ TableName: 't-a', Item: { id: { S: '2' } } }));
    const updated = await ddb.send(
      new UpdateTableCommand({
        TableName: 't-a',
        AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'byEmail',
              KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'KEYS_ONLY' },
              ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
            },
          },
        ],
      }),
    );
    assert.equal(updated.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexName, 'byEmail');
    assert.equal(updated.TableDescription?.GlobalSecondaryIndexes?.[0]?.ItemCount, 1);
    const found = await ddb.send(
      new QueryCommand({
        TableName: 't-a',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: 'a@x' } },
      }),
    );
    assert.deepEqual(found.Items, [{ id: { S: '1' }, email: { S: 'a@x' } }]);
    await ddb.send(
      new UpdateTableCommand({
        TableName: 't-a',
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byEmail' } }],
      }),
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 't-a' }));
    assert.equal(Table?.GlobalSecondaryIndexes, undefined);
  });

  it('enables and disables a stream with UpdateTable, a new ARN each time', async () => {
    const enabled = await ddb.send(
      new UpdateTableCommand({
        TableName: 't-b',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const arn = enabled.TableDescription?.LatestStreamArn;
    assert.ok(arn);
    await assert.rejects(
      ddb.send(
        new UpdateTableCommand({
          TableName: 't-b',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      ),
      { name: 'ValidationException' },
    );
    const disabled = await ddb.send(
      new UpdateTableCommand({ TableName: 't-b', StreamSpecification: { StreamEnabled: false } }),
    );
    assert.deepEqual(disabled.TableDescription?.StreamSpecification, { StreamEnabled: false });
  });

  it('enables TTL and describes it', async () => {
    await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: 't-c',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
      }),
    );
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 't-c' }));
    assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });

  it('records point-in-time recovery for DescribeContinuousBackups', async () => {
    const before = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 't-c' }));
    assert.equal(
      before.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      'DISABLED',
    );
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 't-c',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const after = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 't-c' }));
    assert.equal(
      after.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      'ENABLED',
    );
  });

  it('deletes a table and the waiter sees it gone', async () => {
    const deleted = await ddb.send(new DeleteTableCommand({ TableName: 't-c' }));
    assert.equal(deleted.TableDescription?.TableStatus, 'DELETING');
    await waitUntilTableNotExists({ client: ddb, maxWaitTime: 30 }, { TableName: 't-c' });
  });
});
