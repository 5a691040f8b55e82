// Imports from S3: ImportTable / DescribeImport / ListImports reading DYNAMODB_JSON, CSV and ION objects
// (GZIP or uncompressed) into a new table made by CreateTable's rules.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.Format.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  DescribeExportCommand,
  DescribeImportCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ExportTableToPointInTimeCommand,
  GetItemCommand,
  ImportTableCommand,
  type ImportTableCommandInput,
  type ImportTableDescription,
  ListImportsCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

const KEYS = {
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
};

describe('DynamoDB imports from S3', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  let s3: S3Client;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'imports' }));
  });
  after(async () => {
    ddb.destroy();
    s3.destroy();
    await cloud.stop();
  });

  const put = (Key: string, Body: string | Uint8Array) =>
    s3.send(new PutObjectCommand({ Bucket: 'imports', Key, Body }));
  async function imported(input: ImportTableCommandInput): Promise<ImportTableDescription> {
    const { ImportTableDescription: started } = await ddb.send(new ImportTableCommand(input));
    assert.equal(started?.ImportStatus, 'IN_PROGRESS');
    for (let i = 0; i < 200; i++) {
      const { ImportTableDescription } = await ddb.send(
        new DescribeImportCommand({ ImportArn: started!.ImportArn! }),
      );
      if (ImportTableDescription?.ImportStatus !== 'IN_PROGRESS') return ImportTableDescription!;
    }
    throw new Error('the import did not finish');
  }

  it('imports gzipped DYNAMODB_JSON lines, counting the lines it cannot read', async () => {
    const lines = [
      JSON.stringify({ Item: { id: { S: 'a' }, n: { N: '1' }, tags: { SS: ['x'] } } }),
      JSON.stringify({ Item: { id: { S: 'b' }, m: { M: { k: { BOOL: true } } } } }),
      'not json',
      JSON.stringify({ Item: { n: { N: '3' } } }),
    ];
    await put('json/part-1.json.gz', gzipSync(`${lines.join('\n')}\n`));
    const done = await imported({
      S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: 'json/' },
      InputFormat: 'DYNAMODB_JSON',
      InputCompressionType: 'GZIP',
      TableCreationParameters: { TableName: 'from-json', ...KEYS },
    });
    assert.equal(done.ImportStatus, 'COMPLETED');
    assert.equal(done.ImportedItemCount, 2);
    // One unreadable line, one item without its key.
    assert.equal(done.ErrorCount, 2);
    assert.equal(done.ProcessedItemCount, 4);
    assert.match(
      done.ImportArn!,
      /^arn:aws:dynamodb:us-east-1:000000000000:table\/from-json\/import\/\d{14}-[0-9a-f]{8}$/,
    );
    const { Item } = await ddb.send(new GetItemCommand({ TableName: 'from-json', Key: { id: { S: 'a' } } }));
    assert.deepEqual(Item, { id: { S: 'a' }, n: { N: '1' }, tags: { SS: ['x'] } });
  });

  it('imports CSV with a header row: key attributes typed by their definitions, the rest strings', async () => {
    await put('csv/data.csv', 'id,score,note\nk1,10,"hello, world"\nk2,20,\n');
    const done = await imported({
      S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: 'csv/' },
      InputFormat: 'CSV',
      TableCreationParameters: {
        TableName: 'from-csv',
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'score', AttributeType: 'N' },
        ],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byScore',
            KeySchema: [{ AttributeName: 'score', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    });
    assert.equal(done.ImportedItemCount, 2);
    const { Item } = await ddb.send(new GetItemCommand({ TableName: 'from-csv', Key: { id: { S: 'k1' } } }));
    assert.deepEqual(Item, { id: { S: 'k1' }, score: { N: '10' }, note: { S: 'hello, world' } });
    const byScore = await ddb.send(
      new QueryCommand({
        TableName: 'from-csv',
        IndexName: 'byScore',
        KeyConditionExpression: 'score = :s',
        ExpressionAttributeValues: { ':s': { N: '20' } },
      }),
    );
    assert.deepEqual(byScore.Items, [{ id: { S: 'k2' }, score: { N: '20' } }]);
  });

  it('imports CSV with HeaderList and another delimiter', async () => {
    await put('csv-semi/data.csv', 'k1;x\nk2;y\n');
    const done = await imported({
      S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: 'csv-semi/' },
      InputFormat: 'CSV',
      InputFormatOptions: { Csv: { Delimiter: ';', HeaderList: ['id', 'v'] } },
      TableCreationParameters: { TableName: 'from-csv-semi', ...KEYS },
    });
    assert.equal(done.ImportedItemCount, 2);
    const { Items } = await ddb.send(new ScanCommand({ TableName: 'from-csv-semi' }));
    assert.deepEqual(Items?.map((i) => `${i.id?.S}=${i.v?.S}`).sort(), ['k1=x', 'k2=y']);
  });

  it('round-trips an ION export into a new table', async () => {
    await createKeyedTable(ddb, 'ion-source');
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'ion-source',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const item = {
      pk: { S: 'q "quoted"\n' },
      sk: { N: '-1.5' },
      b: { B: Buffer.from([0, 1, 2]) },
      ns: { NS: ['1', '2.5'] },
      l: { L: [{ NULL: true }, { BOOL: false }, { S: 'x' }] },
      'odd name': { M: { inner: { N: '1000' } } },
    };
    await ddb.send(new PutItemCommand({ TableName: 'ion-source', Item: item }));
    const { ExportDescription } = await ddb.send(
      new ExportTableToPointInTimeCommand({
        TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/ion-source',
        S3Bucket: 'imports',
        S3Prefix: 'ion',
        ExportFormat: 'ION',
      }),
    );
    for (let i = 0; i < 200; i++) {
      const { ExportDescription: e } = await ddb.send(
        new DescribeExportCommand({ ExportArn: ExportDescription!.ExportArn! }),
      );
      if (e?.ExportStatus === 'COMPLETED') break;
    }
    const exportId = ExportDescription!.ExportArn!.split('/').pop();
    const done = await imported({
      S3BucketSource: { S3Bucket: 'imports', S3KeyPrefix: `ion/AWSDynamoDB/${exportId}/data/` },
      InputFormat: 'ION',
      InputCompressionType: 'GZIP',
      TableCreationParameters: {
        TableName: 'from-ion',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    });
    assert.equal(done.ImportedItemCount, 1, JSON.stringify(done));
    const { Items } = await ddb.send(new ScanCommand({ TableName: 'from-ion' }));
    assert.deepEqual(Items?.[0], { ...item, b: { B: new Uint8Array([0, 1, 2]) } });
  });

  it('refuses an existing table and CreateTable-invalid parameters before reading S3', async () => {
    await assert.rejects(
      ddb.send(
        new ImportTableCommand({
          S3BucketSource: { S3Bucket: 'imports' },
          InputFormat: 'DYNAMODB_JSON',
          TableCreationParameters: { TableName: 'from-json', ...KEYS },
        }),
      ),
      { name: 'ResourceInUseException', message: 'Table already exists: from-json' },
    );
    await assert.rejects(
      ddb.send(
        new ImportTableCommand({
          S3BucketSource: { S3Bucket: 'imports' },
          InputFormat: 'DYNAMODB_JSON',
          TableCreationParameters: {
            TableName: 'bad-keys',
            AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          },
        }),
      ),
      {
        name: 'ValidationException',
        message: /Some index key attributes are not defined in AttributeDefinitions/,
      },
    );
    await assert.rejects(ddb.send(new DescribeTableCommand({ TableName: 'bad-keys' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('fails the import with S3NoSuchBucket for a missing bucket, and lists imports', async () => {
    const done = await imported({
      S3BucketSource: { S3Bucket: 'no-such-bucket' },
      InputFormat: 'DYNAMODB_JSON',
      TableCreationParameters: { TableName: 'from-nowhere', ...KEYS },
    });
    assert.equal(done.ImportStatus, 'FAILED');
    assert.equal(done.FailureCode, 'S3NoSuchBucket');
    const { ImportSummaryList } = await ddb.send(new ListImportsCommand({}));
    assert.ok(ImportSummaryList!.length >= 5);
    const one = await ddb.send(
      new ListImportsCommand({ TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/from-csv' }),
    );
    assert.deepEqual(
      one.ImportSummaryList?.map((i) => i.InputFormat),
      ['CSV'],
    );
    await assert.rejects(
      ddb.send(
        new DescribeImportCommand({
          ImportArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/x/import/01700000000000-deadbeef',
        }),
      ),
      { name: 'ImportNotFoundException' },
    );
  });
});
