// Point-in-time recovery: UpdateContinuousBackups / DescribeContinuousBackups on the cloud clock, and
// RestoreTableToPointInTime restoring the table as it was at a past time.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteItemCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { table as tableResource } from '../../src/services/dynamodb/resources/table.js';
import { startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The cloud's clock runs on between the test's reading and the server's (and timestamps travel as
 * fractional seconds), so times are compared to within a second. */
function near(actual: Date | undefined, expected: number): void {
  assert.ok(actual, 'a timestamp');
  assert.ok(
    Math.abs(actual.getTime() - expected) < 1000,
    `${actual.toISOString()} ≈ ${new Date(expected).toISOString()}`,
  );
}

async function rejects(promise: Promise<unknown>, name: string, message?: string | RegExp) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

describe('DynamoDB point-in-time recovery', () => {
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

  const enable = (TableName: string, RecoveryPeriodInDays?: number) =>
    ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays },
      }),
    );
  const describeWindow = async (TableName: string) =>
    (await ddb.send(new DescribeContinuousBackupsCommand({ TableName }))).ContinuousBackupsDescription;
  const scanKeys = async (TableName: string) =>
    (await ddb.send(new ScanCommand({ TableName }))).Items?.map((i) => `${i.sk?.N}:${i.v?.S}`).sort();

  it('answers TableNotFoundException for a missing table, as AWS words it', async () => {
    await rejects(
      ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' })),
      'TableNotFoundException',
      'Table not found: nope',
    );
    await rejects(enable('nope'), 'TableNotFoundException', 'Table not found: nope');
  });

  it('reports the window on the clock: earliest from enabling, latest five minutes ago', async () => {
    await createKeyedTable(ddb, 'window');
    assert.deepEqual(await describeWindow('window'), {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    });
    const enabledAt = cloud.clock.now();
    const { ContinuousBackupsDescription } = await enable('window');
    const right = ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    assert.equal(right?.PointInTimeRecoveryStatus, 'ENABLED');
    assert.equal(right?.RecoveryPeriodInDays, 35);
    near(right?.EarliestRestorableDateTime, enabledAt);
    // Not before the earliest, right after enabling.
    near(right?.LatestRestorableDateTime, enabledAt);
    cloud.clock.advance(60 * MINUTE);
    const later = (await describeWindow('window'))?.PointInTimeRecoveryDescription;
    near(later?.EarliestRestorableDateTime, enabledAt);
    near(later?.LatestRestorableDateTime, cloud.clock.now() - 5 * MINUTE);
  });

  it('keeps RecoveryPeriodInDays (1-35) and slides the earliest time with it', async () => {
    await createKeyedTable(ddb, 'period');
    await enable('period', 7);
    cloud.clock.advance(10 * DAY);
    const pitr = (await describeWindow('period'))?.PointInTimeRecoveryDescription;
    assert.equal(pitr?.RecoveryPeriodInDays, 7);
    near(pitr?.EarliestRestorableDateTime, cloud.clock.now() - 7 * DAY);
    await rejects(
      enable('period', 36),
      'ValidationException',
      "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35",
    );
  });

  it('restores the table as it was at each past time, from the history kept since enabling', async () => {
    await createKeyedTable(ddb, 'history');
    await ddb.send(
      new PutItemCommand({
        TableName: 'history',
        Item: { pk: { S: 'p' }, sk: { N: '1' }, v: { S: 'before' } },
      }),
    );
    await enable('history');
    // Each mark is taken a minute after one write and a minute before the next.
    const mark = () => {
      cloud.clock.advance(MINUTE);
      const at = cloud.clock.now();
      cloud.clock.advance(MINUTE);
      return at;
    };
    const beforeA = mark();
    await ddb.send(
      new PutItemCommand({ TableName: 'history', Item: { pk: { S: 'p' }, sk: { N: '2' }, v: { S: 'a' } } }),
    );
    const afterA = mark();
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'history',
        Key: { pk: { S: 'p' }, sk: { N: '2' } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { S: 'b' } },
      }),
    );
    await ddb.send(new DeleteItemCommand({ TableName: 'history', Key: { pk: { S: 'p' }, sk: { N: '1' } } }));
    const afterB = mark();
    await ddb.send(
      new PutItemCommand({ TableName: 'history', Item: { pk: { S: 'p' }, sk: { N: '3' }, v: { S: 'c' } } }),
    );
    const afterC = mark();
    cloud.clock.advance(10 * MINUTE);

    const restore = async (target: string, at: number) => {
      const { TableDescription } = await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'history',
          TargetTableName: target,
          RestoreDateTime: new Date(at),
        }),
      );
      assert.equal(TableDescription?.TableStatus, 'CREATING');
      assert.equal(TableDescription?.RestoreSummary?.RestoreInProgress, true);
      near(TableDescription?.RestoreSummary?.RestoreDateTime, at);
      assert.equal(
        TableDescription?.RestoreSummary?.SourceTableArn,
        'arn:aws:dynamodb:us-east-1:000000000000:table/history',
      );
      return scanKeys(target);
    };
    assert.deepEqual(await restore('history-t0', beforeA), ['1:before']);
    assert.deepEqual(await restore('history-t1', afterA), ['1:before', '2:a']);
    assert.deepEqual(await restore('history-t2', afterB), ['2:b']);
    assert.deepEqual(await restore('history-t3', afterC), ['2:b', '3:c']);
    // Today's table is untouched, and the restored one is a table of its own.
    assert.deepEqual(await scanKeys('history'), ['2:b', '3:c']);
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'history-t2' }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.RestoreSummary?.RestoreInProgress, false);
    assert.deepEqual((await describeWindow('history-t2'))?.PointInTimeRecoveryDescription, {
      PointInTimeRecoveryStatus: 'DISABLED',
    });
  });

  it('restores to LatestRestorableDateTime, leaving out the last five minutes of writes', async () => {
    await createKeyedTable(ddb, 'latest');
    await enable('latest');
    await ddb.send(
      new PutItemCommand({ TableName: 'latest', Item: { pk: { S: 'p' }, sk: { N: '1' }, v: { S: 'old' } } }),
    );
    cloud.clock.advance(10 * MINUTE);
    await ddb.send(
      new PutItemCommand({ TableName: 'latest', Item: { pk: { S: 'p' }, sk: { N: '2' }, v: { S: 'new' } } }),
    );
    const { TableDescription } = await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/latest',
        TargetTableName: 'latest-restored',
        UseLatestRestorableTime: true,
      }),
    );
    near(TableDescription?.RestoreSummary?.RestoreDateTime, cloud.clock.now() - 5 * MINUTE);
    assert.deepEqual(await scanKeys('latest-restored'), ['1:old']);
  });

  it('refuses a time outside the window with InvalidRestoreTimeException', async () => {
    await createKeyedTable(ddb, 'bounds');
    const enabledAt = cloud.clock.now();
    await enable('bounds');
    cloud.clock.advance(30 * MINUTE);
    for (const at of [enabledAt - 1000, cloud.clock.now() - 4 * MINUTE])
      await rejects(
        ddb.send(
          new RestoreTableToPointInTimeCommand({
            SourceTableName: 'bounds',
            TargetTableName: 'bounds-restored',
            RestoreDateTime: new Date(at),
          }),
        ),
        'InvalidRestoreTimeException',
        /RestoreDateTime must be between/,
      );
  });

  it('answers PointInTimeRecoveryUnavailableException, TableNotFoundException and TableAlreadyExistsException', async () => {
    await createKeyedTable(ddb, 'plain');
    const restore = (SourceTableName: string, TargetTableName: string) =>
      ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName,
          TargetTableName,
          UseLatestRestorableTime: true,
        }),
      );
    // Observed (moto's AWS-verified export test): "Point in time recovery is not enabled for table '<name>'".
    await rejects(
      restore('plain', 'plain-restored'),
      'PointInTimeRecoveryUnavailableException',
      "Point in time recovery is not enabled for table 'plain'",
    );
    // The model lists TableNotFoundException (not SourceTableNotFoundException) for this operation.
    await rejects(restore('absent', 'absent-restored'), 'TableNotFoundException', 'Table not found: absent');
    await enable('plain');
    await rejects(restore('plain', 'plain'), 'TableAlreadyExistsException', 'Table already exists: plain');
  });

  it('starts the history afresh when PITR is disabled and enabled again', async () => {
    await createKeyedTable(ddb, 'reset');
    await enable('reset');
    cloud.clock.advance(60 * MINUTE);
    const disabled = await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'reset',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
    assert.deepEqual(disabled.ContinuousBackupsDescription?.PointInTimeRecoveryDescription, {
      PointInTimeRecoveryStatus: 'DISABLED',
    });
    cloud.clock.advance(MINUTE);
    const again = await enable('reset');
    near(
      again.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.EarliestRestorableDateTime,
      cloud.clock.now(),
    );
  });

  it('takes AWS::DynamoDB::Table PointInTimeRecoverySpecification: the history is kept from creation', async () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
    const properties = {
      TableName: 'cfn-pitr',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 3 },
    };
    await tableResource.create(properties, resourceContext(cloud, 'PitrTable'));
    const pitr = (await describeWindow('cfn-pitr'))?.PointInTimeRecoveryDescription;
    assert.equal(pitr?.PointInTimeRecoveryStatus, 'ENABLED');
    assert.equal(pitr?.RecoveryPeriodInDays, 3);
    cloud.clock.advance(MINUTE);
    const empty = cloud.clock.now();
    cloud.clock.advance(MINUTE);
    await ddb.send(new PutItemCommand({ TableName: 'cfn-pitr', Item: { pk: { S: 'x' } } }));
    cloud.clock.advance(10 * MINUTE);
    await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'cfn-pitr',
        TargetTableName: 'cfn-pitr-restored',
        RestoreDateTime: new Date(empty),
      }),
    );
    assert.equal((await ddb.send(new ScanCommand({ TableName: 'cfn-pitr-restored' }))).Count, 0);
  });

  it('still restores the earliest time after the window has slid and old history was pruned', async () => {
    await createKeyedTable(ddb, 'sliding');
    await enable('sliding', 1);
    await ddb.send(
      new PutItemCommand({ TableName: 'sliding', Item: { pk: { S: 'p' }, sk: { N: '1' }, v: { S: 'v1' } } }),
    );
    cloud.clock.advance(2 * DAY);
    await ddb.send(
      new PutItemCommand({ TableName: 'sliding', Item: { pk: { S: 'p' }, sk: { N: '1' }, v: { S: 'v2' } } }),
    );
    cloud.clock.advance(10 * MINUTE);
    const pitr = (await describeWindow('sliding'))?.PointInTimeRecoveryDescription;
    near(pitr?.EarliestRestorableDateTime, cloud.clock.now() - DAY);
    await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'sliding',
        TargetTableName: 'sliding-earliest',
        RestoreDateTime: new Date(cloud.clock.now() - DAY + 1000),
      }),
    );
    assert.deepEqual(await scanKeys('sliding-earliest'), ['1:v1']);
  });
});
