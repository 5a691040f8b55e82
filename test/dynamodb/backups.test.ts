// On-demand backups: CreateBackup / DescribeBackup / ListBackups / DeleteBackup / RestoreTableFromBackup.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBackupCommand,
  CreateTableCommand,
  DeleteBackupCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListBackupsCommand,
  type ListBackupsCommandInput,
  PutItemCommand,
  QueryCommand,
  RestoreTableFromBackupCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

async function rejects(promise: Promise<unknown>, name: string, message?: string) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

describe('DynamoDB on-demand backups', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
          { AttributeName: 'status', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byStatus',
            KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (let i = 1; i <= 3; i++)
      await ddb.send(
        new PutItemCommand({
          TableName: 'orders',
          Item: { pk: { S: 'c1' }, sk: { N: String(i) }, status: { S: i === 3 ? 'open' : 'done' } },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  it('answers CreateBackup CREATING with an ARN under the table, then DescribeBackup AVAILABLE', async () => {
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'orders', BackupName: 'first' }),
    );
    assert.equal(BackupDetails?.BackupStatus, 'CREATING');
    assert.equal(BackupDetails?.BackupType, 'USER');
    // ARN form observed: …:table/t/backup/01681997703770-aa93528e (14-digit epoch ms, 8 hex digits).
    assert.match(
      BackupDetails!.BackupArn!,
      /^arn:aws:dynamodb:us-east-1:000000000000:table\/orders\/backup\/\d{14}-[0-9a-f]{8}$/,
    );
    const { BackupDescription } = await ddb.send(
      new DescribeBackupCommand({ BackupArn: BackupDetails!.BackupArn! }),
    );
    assert.equal(BackupDescription?.BackupDetails?.BackupStatus, 'AVAILABLE');
    assert.equal(BackupDescription?.SourceTableDetails?.ItemCount, 3);
    assert.equal(BackupDescription?.SourceTableDetails?.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(BackupDescription?.SourceTableDetails?.KeySchema, [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    assert.equal(
      BackupDescription?.SourceTableFeatureDetails?.GlobalSecondaryIndexes?.[0]?.IndexName,
      'byStatus',
    );
  });

  it('restores the items as they were when backed up, not as the table is now', async () => {
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'orders', BackupName: 'snapshot' }),
    );
    await ddb.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { pk: { S: 'c1' }, sk: { N: '4' }, status: { S: 'open' } },
      }),
    );
    await ddb.send(new DeleteItemCommand({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { N: '1' } } }));
    const restored = await ddb.send(
      new RestoreTableFromBackupCommand({
        TargetTableName: 'orders-restored',
        BackupArn: BackupDetails!.BackupArn!,
      }),
    );
    assert.equal(restored.TableDescription?.TableStatus, 'CREATING');
    assert.equal(restored.TableDescription?.RestoreSummary?.RestoreInProgress, true);
    assert.equal(restored.TableDescription?.RestoreSummary?.SourceBackupArn, BackupDetails!.BackupArn);
    assert.equal(
      restored.TableDescription?.RestoreSummary?.SourceTableArn,
      'arn:aws:dynamodb:us-east-1:000000000000:table/orders',
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'orders-restored' }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.RestoreSummary?.RestoreInProgress, false);
    assert.equal(Table?.ItemCount, 3);
    const { Items } = await ddb.send(new ScanCommand({ TableName: 'orders-restored' }));
    assert.deepEqual(Items?.map((i) => i.sk?.N).sort(), ['1', '2', '3']);
    // The GSI is rebuilt with the items.
    const open = await ddb.send(
      new QueryCommand({
        TableName: 'orders-restored',
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'open' } },
      }),
    );
    assert.deepEqual(
      open.Items?.map((i) => i.sk?.N),
      ['3'],
    );
  });

  it('applies BillingMode, ProvisionedThroughput, GSI and SSE overrides on restore', async () => {
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'orders', BackupName: 'overrides' }),
    );
    const { TableDescription } = await ddb.send(
      new RestoreTableFromBackupCommand({
        TargetTableName: 'orders-provisioned',
        BackupArn: BackupDetails!.BackupArn!,
        BillingModeOverride: 'PROVISIONED',
        ProvisionedThroughputOverride: { ReadCapacityUnits: 7, WriteCapacityUnits: 3 },
        GlobalSecondaryIndexOverride: [],
        SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/mine' },
      }),
    );
    assert.equal(TableDescription?.ProvisionedThroughput?.ReadCapacityUnits, 7);
    assert.equal(TableDescription?.ProvisionedThroughput?.WriteCapacityUnits, 3);
    assert.equal(TableDescription?.GlobalSecondaryIndexes, undefined);
    assert.deepEqual(TableDescription?.AttributeDefinitions?.map((d) => d.AttributeName).sort(), [
      'pk',
      'sk',
    ]);
    assert.deepEqual(TableDescription?.SSEDescription, {
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: 'arn:aws:kms:us-east-1:000000000000:alias/mine',
    });
  });

  it('refuses a restore onto an existing table with TableAlreadyExistsException', async () => {
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'orders', BackupName: 'again' }),
    );
    await rejects(
      ddb.send(
        new RestoreTableFromBackupCommand({
          TargetTableName: 'orders',
          BackupArn: BackupDetails!.BackupArn!,
        }),
      ),
      'TableAlreadyExistsException',
      'Table already exists: orders',
    );
  });

  it('answers TableNotFoundException and BackupNotFoundException in AWS words', async () => {
    await rejects(
      ddb.send(new CreateBackupCommand({ TableName: 'missing', BackupName: 'bak' })),
      'TableNotFoundException',
      'Table not found: missing',
    );
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/backup/01700000000000-deadbeef';
    const message = `Backup not found: ${arn}`;
    await rejects(
      ddb.send(new DescribeBackupCommand({ BackupArn: arn })),
      'BackupNotFoundException',
      message,
    );
    await rejects(ddb.send(new DeleteBackupCommand({ BackupArn: arn })), 'BackupNotFoundException', message);
    await rejects(
      ddb.send(new RestoreTableFromBackupCommand({ BackupArn: arn, TargetTableName: 'x-restored' })),
      'BackupNotFoundException',
      message,
    );
  });

  it('lists backups by table, time range (lower inclusive, upper exclusive), type and page', async () => {
    await createKeyedTable(ddb, 'listed');
    const start = cloud.clock.now();
    const arns: string[] = [];
    for (const name of ['lb1', 'lb2', 'lb3']) {
      const { BackupDetails } = await ddb.send(
        new CreateBackupCommand({ TableName: 'listed', BackupName: name }),
      );
      arns.push(BackupDetails!.BackupArn!);
      cloud.clock.advance(1000);
    }
    const list = async (input: ListBackupsCommandInput) =>
      (await ddb.send(new ListBackupsCommand(input))).BackupSummaries?.map((b) => b.BackupName);
    assert.deepEqual(await list({ TableName: 'listed' }), ['lb1', 'lb2', 'lb3']);
    assert.deepEqual(
      await list({
        TableName: 'arn:aws:dynamodb:us-east-1:000000000000:table/listed',
        TimeRangeLowerBound: new Date(start + 1000),
        TimeRangeUpperBound: new Date(start + 2000),
      }),
      ['lb2'],
    );
    const first = await ddb.send(new ListBackupsCommand({ TableName: 'listed', Limit: 2 }));
    assert.deepEqual(
      first.BackupSummaries?.map((b) => b.BackupName),
      ['lb1', 'lb2'],
    );
    assert.equal(first.LastEvaluatedBackupArn, arns[1]);
    const second = await ddb.send(
      new ListBackupsCommand({
        TableName: 'listed',
        Limit: 2,
        ExclusiveStartBackupArn: first.LastEvaluatedBackupArn,
      }),
    );
    assert.deepEqual(
      second.BackupSummaries?.map((b) => b.BackupName),
      ['lb3'],
    );
    assert.equal(second.LastEvaluatedBackupArn, undefined);
    const summary = second.BackupSummaries![0]!;
    assert.equal(summary.TableName, 'listed');
    assert.equal(summary.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/listed');
    assert.equal(summary.BackupStatus, 'AVAILABLE');
  });

  it('makes a 35-day SYSTEM backup when a table with PITR enabled is deleted', async () => {
    await createKeyedTable(ddb, 'doomed');
    await ddb.send(new PutItemCommand({ TableName: 'doomed', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'doomed',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    await ddb.send(new DeleteTableCommand({ TableName: 'doomed' }));
    assert.deepEqual(
      (await ddb.send(new ListBackupsCommand({ TableName: 'doomed' }))).BackupSummaries,
      [],
      'USER is the default BackupType',
    );
    const { BackupSummaries } = await ddb.send(
      new ListBackupsCommand({ TableName: 'doomed', BackupType: 'SYSTEM' }),
    );
    assert.equal(BackupSummaries?.length, 1);
    const system = BackupSummaries![0]!;
    assert.equal(system.BackupType, 'SYSTEM');
    assert.equal(
      system.BackupExpiryDateTime!.getTime() - system.BackupCreationDateTime!.getTime(),
      35 * 86_400_000,
    );
    await ddb.send(
      new RestoreTableFromBackupCommand({ TargetTableName: 'doomed', BackupArn: system.BackupArn! }),
    );
    assert.equal((await ddb.send(new ScanCommand({ TableName: 'doomed' }))).Count, 1);
    const all = await ddb.send(new ListBackupsCommand({ TableName: 'doomed', BackupType: 'ALL' }));
    assert.equal(all.BackupSummaries?.length, 1);
    cloud.clock.advance(35 * 86_400_000);
    await rejects(
      ddb.send(new DescribeBackupCommand({ BackupArn: system.BackupArn! })),
      'BackupNotFoundException',
    );
  });

  it('deletes a backup: DeleteBackup answers DELETED, then the backup is not found', async () => {
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'orders', BackupName: 'gone' }),
    );
    const arn = BackupDetails!.BackupArn!;
    const { BackupDescription } = await ddb.send(new DeleteBackupCommand({ BackupArn: arn }));
    assert.equal(BackupDescription?.BackupDetails?.BackupStatus, 'DELETED');
    await rejects(ddb.send(new DescribeBackupCommand({ BackupArn: arn })), 'BackupNotFoundException');
    const names = (await ddb.send(new ListBackupsCommand({ TableName: 'orders' }))).BackupSummaries?.map(
      (b) => b.BackupName,
    );
    assert.ok(!names?.includes('gone'));
  });

  it('checks BackupName against the model (3-255 characters of [a-zA-Z0-9_.-])', async () => {
    await rejects(
      ddb.send(new CreateBackupCommand({ TableName: 'orders', BackupName: 'a b' })),
      'ValidationException',
      "1 validation error detected: Value 'a b' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });

  it('refuses empty GlobalSecondaryIndexes and LocalSecondaryIndexes lists in CreateTable', async () => {
    // Observed DynamoDB messages (quoted by mhart/dynalite's and moto's tests).
    const base = {
      TableName: 'empty-lists',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' as const },
        { AttributeName: 'sk', AttributeType: 'S' as const },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' as const },
        { AttributeName: 'sk', KeyType: 'RANGE' as const },
      ],
      BillingMode: 'PAY_PER_REQUEST' as const,
    };
    await rejects(
      ddb.send(new CreateTableCommand({ ...base, GlobalSecondaryIndexes: [] })),
      'ValidationException',
      'One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty',
    );
    await rejects(
      ddb.send(new CreateTableCommand({ ...base, LocalSecondaryIndexes: [] })),
      'ValidationException',
      'One or more parameter values were invalid: List of LocalSecondaryIndexes is empty',
    );
  });
});
