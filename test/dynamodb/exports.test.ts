// Exports to S3: ExportTableToPointInTime / DescribeExport / ListExports, the files in AWS's layout
// (AWSDynamoDB/<ExportId>/manifest-summary.json, manifest-files.json, data/*.json.gz).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  DescribeExportCommand,
  type DynamoDBClient,
  type ExportDescription,
  ExportTableToPointInTimeCommand,
  ListExportsCommand,
  PutItemCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

const MINUTE = 60_000;
const ACCOUNT_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table';

describe('DynamoDB exports to S3', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  let s3: S3Client;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    await createKeyedTable(ddb, 'catalog');
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'catalog',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    for (let i = 1; i <= 3; i++)
      await ddb.send(
        new PutItemCommand({
          TableName: 'catalog',
          Item: {
            pk: { S: `p${i}` },
            sk: { N: String(i) },
            tags: { SS: ['a', 'b'] },
            bin: { B: Buffer.from('hi') },
          },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    s3.destroy();
    await cloud.stop();
  });

  /** Exports are written in the background: poll DescribeExport (each poll lets the writes run). */
  async function finished(arn: string): Promise<ExportDescription> {
    for (let i = 0; i < 200; i++) {
      const { ExportDescription } = await ddb.send(new DescribeExportCommand({ ExportArn: arn }));
      if (ExportDescription?.ExportStatus !== 'IN_PROGRESS') return ExportDescription!;
    }
    throw new Error('the export did not finish');
  }
  const text = async (Key: string) =>
    await (await s3.send(new GetObjectCommand({ Bucket: 'exports', Key }))).Body!.transformToString();
  const gunzip = async (Key: string) => {
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: 'exports', Key }))
    ).Body!.transformToByteArray();
    return gunzipSync(body).toString('utf8');
  };

  it('writes a full DYNAMODB_JSON export with its manifests in AWS layout', async () => {
    const { ExportDescription: started } = await ddb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: `${ACCOUNT_ARN}/catalog`,
        S3Bucket: 'exports',
        S3Prefix: 'snapshots',
      }),
    );
    assert.equal(started?.ExportStatus, 'IN_PROGRESS');
    assert.equal(started?.ExportType, 'FULL_EXPORT');
    assert.equal(started?.ExportFormat, 'DYNAMODB_JSON');
    assert.match(
      started!.ExportArn!,
      /^arn:aws:dynamodb:us-east-1:000000000000:table\/catalog\/export\/\d{14}-[0-9a-f]{8}$/,
    );
    const done = await finished(started!.ExportArn!);
    assert.equal(done.ExportStatus, 'COMPLETED');
    assert.equal(done.ItemCount, 3);
    const exportId = started!.ExportArn!.split('/').pop();
    const base = `snapshots/AWSDynamoDB/${exportId}`;
    assert.equal(done.ExportManifest, `${base}/manifest-summary.json`);
    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: 'exports', Prefix: base }))).Contents!.map(
      (c) => c.Key!,
    );
    for (const name of [
      '_started',
      'manifest-summary.json',
      'manifest-summary.checksum',
      'manifest-files.json',
      'manifest-files.checksum',
    ])
      assert.ok(keys.includes(`${base}/${name}`), name);
    const summary = JSON.parse(await text(`${base}/manifest-summary.json`));
    assert.equal(summary.version, '2020-06-30');
    assert.equal(summary.exportArn, started!.ExportArn);
    assert.equal(summary.itemCount, 3);
    assert.equal(summary.outputFormat, 'DYNAMODB_JSON');
    assert.equal(summary.manifestFilesS3Key, `${base}/manifest-files.json`);
    const files = (await text(`${base}/manifest-files.json`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(files.length, 1);
    assert.match(files[0].dataFileS3Key, new RegExp(`^${base}/data/[a-z0-9]+\\.json\\.gz$`));
    assert.equal(files[0].itemCount, 3);
    const rows = (await gunzip(files[0].dataFileS3Key))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.find((r) => r.Item.pk.S === 'p1'),
      { Item: { pk: { S: 'p1' }, sk: { N: '1' }, tags: { SS: ['a', 'b'] }, bin: { B: 'aGk=' } } },
    );
  });

  it('exports the table as it was at ExportTime', async () => {
    const before = cloud.clock.now();
    cloud.clock.advance(MINUTE);
    await ddb.send(new PutItemCommand({ TableName: 'catalog', Item: { pk: { S: 'late' }, sk: { N: '9' } } }));
    const { ExportDescription } = await ddb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: `${ACCOUNT_ARN}/catalog`,
        S3Bucket: 'exports',
        ExportTime: new Date(before),
      }),
    );
    const done = await finished(ExportDescription!.ExportArn!);
    assert.equal(done.ItemCount, 3);
    const exportId = ExportDescription!.ExportArn!.split('/').pop();
    const files = (await text(`AWSDynamoDB/${exportId}/manifest-files.json`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(!(await gunzip(files[0].dataFileS3Key)).includes('late'));
  });

  it('writes ION with DynamoDB type annotations', async () => {
    const { ExportDescription } = await ddb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: `${ACCOUNT_ARN}/catalog`,
        S3Bucket: 'exports',
        ExportFormat: 'ION',
      }),
    );
    await finished(ExportDescription!.ExportArn!);
    const exportId = ExportDescription!.ExportArn!.split('/').pop();
    const files = (await text(`AWSDynamoDB/${exportId}/manifest-files.json`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.match(files[0].dataFileS3Key, /\.ion\.gz$/);
    const ion = await gunzip(files[0].dataFileS3Key);
    assert.ok(ion.startsWith('$ion_1_0 '));
    assert.ok(ion.includes('{Item:{pk:"p1",sk:1.,tags:$dynamodb_SS::["a","b"],bin:{{aGk=}}}}'), ion);
  });

  it('writes an incremental export of the changes in [ExportFromTime, ExportToTime) with old and new images', async () => {
    await createKeyedTable(ddb, 'changes');
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'changes',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    await ddb.send(
      new PutItemCommand({ TableName: 'changes', Item: { pk: { S: 'k' }, sk: { N: '1' }, v: { N: '1' } } }),
    );
    cloud.clock.advance(MINUTE);
    const from = cloud.clock.now();
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'changes',
        Key: { pk: { S: 'k' }, sk: { N: '1' } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { N: '2' } },
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'changes', Item: { pk: { S: 'n' }, sk: { N: '1' } } }));
    cloud.clock.advance(20 * MINUTE);
    const to = cloud.clock.now();
    cloud.clock.advance(MINUTE);
    await ddb.send(
      new PutItemCommand({ TableName: 'changes', Item: { pk: { S: 'after' }, sk: { N: '1' } } }),
    );
    const { ExportDescription } = await ddb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: `${ACCOUNT_ARN}/changes`,
        S3Bucket: 'exports',
        ExportType: 'INCREMENTAL_EXPORT',
        IncrementalExportSpecification: { ExportFromTime: new Date(from), ExportToTime: new Date(to) },
      }),
    );
    const done = await finished(ExportDescription!.ExportArn!);
    assert.equal(done.ItemCount, 2);
    assert.equal(done.IncrementalExportSpecification?.ExportViewType, 'NEW_AND_OLD_IMAGES');
    const exportId = ExportDescription!.ExportArn!.split('/').pop();
    const files = (await text(`AWSDynamoDB/${exportId}/manifest-files.json`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const rows = (await gunzip(files[0].dataFileS3Key))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const updated = rows.find((r) => r.Keys.pk.S === 'k');
    assert.deepEqual(updated.OldImage, { pk: { S: 'k' }, sk: { N: '1' }, v: { N: '1' } });
    assert.deepEqual(updated.NewImage, { pk: { S: 'k' }, sk: { N: '1' }, v: { N: '2' } });
    assert.match(updated.Metadata.WriteTimestampMicros.N, /^\d{16}$/);
    const inserted = rows.find((r) => r.Keys.pk.S === 'n');
    assert.equal(inserted.OldImage, undefined);
    assert.ok(!rows.some((r) => r.Keys.pk.S === 'after'));
  });

  it('fails the export with S3NoSuchBucket when the bucket does not exist', async () => {
    const { ExportDescription } = await ddb.send(
      new ExportTableToPointInTimeCommand({ TableArn: `${ACCOUNT_ARN}/catalog`, S3Bucket: 'no-such-bucket' }),
    );
    const done = await finished(ExportDescription!.ExportArn!);
    // Observed (moto's AWS-verified test_export_to_missing_s3_bucket).
    assert.equal(done.ExportStatus, 'FAILED');
    assert.equal(done.FailureCode, 'S3NoSuchBucket');
    assert.match(done.FailureMessage!, /The specified bucket does not exist/);
  });

  it('refuses a missing table and a table without PITR in AWS words', async () => {
    // Both observed (moto's AWS-verified export tests).
    await assert.rejects(
      ddb.send(
        new ExportTableToPointInTimeCommand({ TableArn: `${ACCOUNT_ARN}/nothing`, S3Bucket: 'exports' }),
      ),
      { name: 'TableNotFoundException', message: `Table not found: ${ACCOUNT_ARN}/nothing` },
    );
    await createKeyedTable(ddb, 'nopitr');
    await assert.rejects(
      ddb.send(
        new ExportTableToPointInTimeCommand({ TableArn: `${ACCOUNT_ARN}/nopitr`, S3Bucket: 'exports' }),
      ),
      {
        name: 'PointInTimeRecoveryUnavailableException',
        message: "Point in time recovery is not enabled for table 'nopitr'",
      },
    );
    await assert.rejects(
      ddb.send(
        new DescribeExportCommand({ ExportArn: `${ACCOUNT_ARN}/catalog/export/01700000000000-deadbeef` }),
      ),
      { name: 'ExportNotFoundException' },
    );
  });

  it('lists exports by table, with pages of MaxResults', async () => {
    const all = (await ddb.send(new ListExportsCommand({ TableArn: `${ACCOUNT_ARN}/catalog` })))
      .ExportSummaries!;
    assert.ok(all.length >= 4);
    assert.ok(all.every((e) => e.ExportArn!.startsWith(`${ACCOUNT_ARN}/catalog/export/`)));
    const first = await ddb.send(
      new ListExportsCommand({ TableArn: `${ACCOUNT_ARN}/catalog`, MaxResults: 2 }),
    );
    assert.equal(first.ExportSummaries?.length, 2);
    const second = await ddb.send(
      new ListExportsCommand({
        TableArn: `${ACCOUNT_ARN}/catalog`,
        MaxResults: 25,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      [...first.ExportSummaries!, ...second.ExportSummaries!].map((e) => e.ExportArn),
      all.map((e) => e.ExportArn),
    );
  });
});
