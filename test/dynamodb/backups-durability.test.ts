// Durability of backups and of the point-in-time history: an acknowledged CreateBackup and the changes
// PITR recorded survive `kill -9` of `nimbus start`, and restores after the restart see them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateBackupCommand,
  DeleteItemCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  ListBackupsCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { kill9, startNimbusProcess as startNimbus, TEST_CREDENTIALS } from '../support/helpers.js';
import { createKeyedTable } from './helpers.js';

describe('DynamoDB backups durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-backups-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a backup and the PITR history across SIGKILL', async () => {
    const first = await startNimbus(dataDir);
    const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    let ddb = new DynamoDBClient(config(first.endpoint));
    await createKeyedTable(ddb, 'kept');
    for (let i = 0; i < 20; i++)
      await ddb.send(
        new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'p' }, sk: { N: String(i) } } }),
      );
    const { BackupDetails } = await ddb.send(
      new CreateBackupCommand({ TableName: 'kept', BackupName: 'before-kill' }),
    );
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'kept',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    // After the backup and after PITR began: in neither the backup nor a restore to the earliest time
    // (the latest restorable time stays at the earliest for PITR's first five minutes).
    await ddb.send(new DeleteItemCommand({ TableName: 'kept', Key: { pk: { S: 'p' }, sk: { N: '0' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'q' }, sk: { N: '1' } } }));
    ddb.destroy();
    await kill9(first.child);

    const second = await startNimbus(dataDir);
    ddb = new DynamoDBClient(config(second.endpoint));
    try {
      const listed = await ddb.send(new ListBackupsCommand({ TableName: 'kept' }));
      assert.deepEqual(
        listed.BackupSummaries?.map((b) => b.BackupArn),
        [BackupDetails!.BackupArn],
      );
      await ddb.send(
        new RestoreTableFromBackupCommand({
          TargetTableName: 'from-backup',
          BackupArn: BackupDetails!.BackupArn!,
        }),
      );
      assert.equal((await ddb.send(new ScanCommand({ TableName: 'from-backup' }))).Count, 20);
      const pitr = (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'kept' })))
        .ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      assert.equal(pitr?.PointInTimeRecoveryStatus, 'ENABLED');
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'kept',
          TargetTableName: 'from-history',
          UseLatestRestorableTime: true,
        }),
      );
      const restored = await ddb.send(new ScanCommand({ TableName: 'from-history' }));
      assert.equal(restored.Count, 20);
      assert.ok(!restored.Items?.some((i) => i.pk?.S === 'q'));
      assert.ok(restored.Items?.some((i) => i.sk?.N === '0'));
      // The live table has both changes.
      const live = await ddb.send(new ScanCommand({ TableName: 'kept' }));
      assert.equal(live.Count, 20);
      assert.ok(live.Items?.some((i) => i.pk?.S === 'q'));
    } finally {
      ddb.destroy();
      await kill9(second.child);
    }
  });
});
