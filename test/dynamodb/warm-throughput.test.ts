// WarmThroughput on tables and GSIs: CreateTable, UpdateTable with WarmThroughput alone, DescribeTable.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB warm throughput', () => {
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

  const create = (TableName: string, warm?: { ReadUnitsPerSecond?: number; WriteUnitsPerSecond?: number }) =>
    ddb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
            ...(warm ? { WarmThroughput: warm } : {}),
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        ...(warm ? { WarmThroughput: warm } : {}),
      }),
    );
  const describeTable = async (TableName: string) =>
    (await ddb.send(new DescribeTableCommand({ TableName }))).Table!;

  it("reports every table's and GSI's baseline of 12,000 reads and 4,000 writes a second", async () => {
    // Observed in DescribeTable answers of new on-demand and provisioned tables.
    const created = await create('warm-default');
    assert.deepEqual(created.TableDescription?.WarmThroughput, {
      ReadUnitsPerSecond: 12000,
      WriteUnitsPerSecond: 4000,
      Status: 'CREATING',
    });
    const table = await describeTable('warm-default');
    assert.deepEqual(table.WarmThroughput, {
      ReadUnitsPerSecond: 12000,
      WriteUnitsPerSecond: 4000,
      Status: 'ACTIVE',
    });
    assert.deepEqual(table.GlobalSecondaryIndexes?.[0]?.WarmThroughput, {
      ReadUnitsPerSecond: 12000,
      WriteUnitsPerSecond: 4000,
      Status: 'ACTIVE',
    });
  });

  it('keeps the WarmThroughput CreateTable asks for, on the table and its GSI', async () => {
    await create('warm-asked', { ReadUnitsPerSecond: 15000, WriteUnitsPerSecond: 20000 });
    const table = await describeTable('warm-asked');
    assert.equal(table.WarmThroughput?.ReadUnitsPerSecond, 15000);
    assert.equal(table.WarmThroughput?.WriteUnitsPerSecond, 20000);
    assert.equal(table.GlobalSecondaryIndexes?.[0]?.WarmThroughput?.WriteUnitsPerSecond, 20000);
  });

  it('takes UpdateTable with WarmThroughput alone, for the table and for a GSI', async () => {
    await create('warm-updated');
    const { TableDescription } = await ddb.send(
      new UpdateTableCommand({ TableName: 'warm-updated', WarmThroughput: { WriteUnitsPerSecond: 9000 } }),
    );
    assert.equal(TableDescription?.WarmThroughput?.WriteUnitsPerSecond, 9000);
    assert.equal(TableDescription?.WarmThroughput?.ReadUnitsPerSecond, 12000);
    await ddb.send(
      new UpdateTableCommand({
        TableName: 'warm-updated',
        GlobalSecondaryIndexUpdates: [
          { Update: { IndexName: 'byG', WarmThroughput: { ReadUnitsPerSecond: 30000 } } },
        ],
      }),
    );
    const table = await describeTable('warm-updated');
    assert.equal(table.GlobalSecondaryIndexes?.[0]?.WarmThroughput?.ReadUnitsPerSecond, 30000);
    assert.equal(table.WarmThroughput?.WriteUnitsPerSecond, 9000);
  });

  it('reports SSEDescription for a KMS-encrypted table, and drops it when UpdateTable disables encryption', async () => {
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSEDescription.html
    await ddb.send(
      new CreateTableCommand({
        TableName: 'encrypted',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: {
          Enabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      }),
    );
    assert.deepEqual((await describeTable('encrypted')).SSEDescription, {
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    await ddb.send(new UpdateTableCommand({ TableName: 'encrypted', SSESpecification: { Enabled: false } }));
    assert.equal((await describeTable('encrypted')).SSEDescription, undefined);
  });
});
