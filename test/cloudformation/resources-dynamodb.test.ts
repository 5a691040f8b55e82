// AWS::DynamoDB::Table called directly (create, update, delete) with the context the CloudFormation engine
// gives, checked through the DynamoDB API with the SDK: the table is the one CreateTable would have made.
// Property semantics follow
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import type { ResourceProperties } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';
import { table } from '../../src/services/dynamodb/resources/table.js';
import { client, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const KEYS = {
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
};

describe('AWS::DynamoDB::Table', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = client(cloud, DynamoDBClient);
  });
  after(() => cloud.stop());

  const describeTable = async (name: string) =>
    (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table!;

  it('names an unnamed table <stack>-<logicalId>-<suffix>, and Ref and GetAtt are what DynamoDB reports', async () => {
    const ctx = resourceContext(cloud, 'Orders');
    const state = await table.create(
      { ...KEYS, BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
      ctx,
    );
    assert.match(state.physicalId, /^test-stack-Orders-[A-Z0-9]{12}$/);
    const described = await describeTable(state.physicalId);
    assert.equal(described.TableStatus, 'ACTIVE');
    assert.equal(state.attributes.Arn, described.TableArn);
    assert.equal(state.attributes.StreamArn, described.LatestStreamArn);
    assert.equal(described.StreamSpecification?.StreamViewType, 'NEW_IMAGE');
  });

  it('gives every property to the table: throughput as strings, indexes, TTL, backups, class, protection, tags', async () => {
    const ctx = resourceContext(cloud, 'Full');
    const properties: ResourceProperties = {
      TableName: 'full-table',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'gsi', AttributeType: 'S' },
        { AttributeName: 'lsi', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: '3' },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byGsi',
          KeySchema: [{ AttributeName: 'gsi', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
          ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byLsi',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'lsi', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'expires', Enabled: 'true' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      DeletionProtectionEnabled: 'false',
      Tags: [{ Key: 'team', Value: 'orders' }],
    };
    const state = await table.create(properties, ctx);
    assert.equal(state.physicalId, 'full-table');
    assert.equal(state.attributes.StreamArn, undefined);
    const described = await describeTable('full-table');
    assert.deepEqual(described.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assert.deepEqual(described.ProvisionedThroughput?.WriteCapacityUnits, 3);
    assert.deepEqual(
      described.GlobalSecondaryIndexes?.map((i) => i.IndexName),
      ['byGsi'],
    );
    assert.deepEqual(
      described.LocalSecondaryIndexes?.map((i) => i.IndexName),
      ['byLsi'],
    );
    assert.equal(described.TableClassSummary?.TableClass, 'STANDARD_INFREQUENT_ACCESS');
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'full-table' }));
    assert.equal(ttl.TimeToLiveDescription?.AttributeName, 'expires');
    assert.equal(ttl.TimeToLiveDescription?.TimeToLiveStatus, 'ENABLED');
    const backups = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'full-table' }));
    assert.equal(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      'ENABLED',
    );
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: described.TableArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'orders' }]);
  });

  it('updates in place: stream enabled later, TTL, a GSI added then removed, billing, tags', async () => {
    const ctx = resourceContext(cloud, 'Evolving');
    const v1: ResourceProperties = { ...KEYS, TableName: 'evolving', BillingMode: 'PAY_PER_REQUEST' };
    let state = await table.create(v1, ctx);
    assert.equal(state.attributes.StreamArn, undefined);

    const v2: ResourceProperties = {
      ...v1,
      AttributeDefinitions: [...KEYS.AttributeDefinitions, { AttributeName: 'email', AttributeType: 'S' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      Tags: [{ Key: 'stage', Value: 'dev' }],
    };
    state = await table.update!(state, v2, v1, ctx);
    let described = await describeTable('evolving');
    assert.equal(state.physicalId, 'evolving');
    assert.equal(state.attributes.StreamArn, described.LatestStreamArn);
    assert.equal(described.StreamSpecification?.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.deepEqual(
      described.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]),
      [['byEmail', 'ACTIVE']],
    );
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'evolving' }));
    assert.equal(ttl.TimeToLiveDescription?.TimeToLiveStatus, 'ENABLED');

    // A new view type is a new stream; a dropped GSI, TTL and tag go; PROVISIONED again needs throughput.
    const firstStream = state.attributes.StreamArn;
    const v3: ResourceProperties = {
      ...v1,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    };
    state = await table.update!(state, v3, v2, ctx);
    described = await describeTable('evolving');
    assert.notEqual(state.attributes.StreamArn, firstStream);
    assert.equal(state.attributes.StreamArn, described.LatestStreamArn);
    assert.equal(described.StreamSpecification?.StreamViewType, 'KEYS_ONLY');
    assert.equal(described.GlobalSecondaryIndexes, undefined);
    assert.equal(described.BillingModeSummary?.BillingMode ?? 'PROVISIONED', 'PROVISIONED');
    assert.equal(described.ProvisionedThroughput?.ReadCapacityUnits, 1);
    const ttlAfter = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'evolving' }));
    assert.equal(ttlAfter.TimeToLiveDescription?.TimeToLiveStatus, 'DISABLED');
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: described.TableArn }));
    assert.deepEqual(tags.Tags ?? [], []);

    // Stream removed: disabled, and GetAtt StreamArn no longer offered.
    state = await table.update!(state, v1, v3, ctx);
    described = await describeTable('evolving');
    assert.notEqual(described.StreamSpecification?.StreamEnabled, true);
    assert.equal(state.attributes.StreamArn, undefined);
  });

  it('refuses a KeySchema change in place, and Kinesis streaming, with a clear error', async () => {
    const ctx = resourceContext(cloud, 'Keyed');
    const v1: ResourceProperties = { ...KEYS, BillingMode: 'PAY_PER_REQUEST' };
    const state = await table.create(v1, ctx);
    const v2 = {
      ...v1,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    };
    await assert.rejects(table.update!(state, v2, v1, ctx), /KeySchema cannot be changed in place/);
    await assert.rejects(
      table.create(
        {
          ...v1,
          KinesisStreamSpecification: { StreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' },
        },
        ctx,
      ),
      /KinesisStreamSpecification is not supported by Nimbus/,
    );
  });

  it('deletes the table, and deleting it again succeeds', async () => {
    const ctx = resourceContext(cloud, 'Doomed');
    const properties = { ...KEYS, BillingMode: 'PAY_PER_REQUEST' };
    const state = await table.create(properties, ctx);
    await table.delete(state, properties, ctx);
    await assert.rejects(describeTable(state.physicalId), { name: 'ResourceNotFoundException' });
    await table.delete(state, properties, ctx);
  });
});
