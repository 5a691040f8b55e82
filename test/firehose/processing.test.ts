// Processing before delivery: a real Lambda function as the data transformer (AWS's event, its Ok /
// Dropped / ProcessingFailed results, failed records in processing-failed/ as AWS writes them), dynamic
// partitioning by jq query and by the function's partition keys, AppendDelimiterToRecord, and Parquet.
// https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
// https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import {
  CREATING_MS,
  createBucket,
  delivered,
  type FirehoseCloud,
  firehoseCloud,
  ROLE,
  text,
} from './helpers.js';

/** A transformer: upper-cases each record, drops those saying "drop", fails those saying "fail", keeps
 * the event's shape in a record of its own, and gives each record the partition key `kind`. */
const TRANSFORMER = `
exports.handler = async (event) => ({
  records: event.records.map((record) => {
    const text = Buffer.from(record.data, 'base64').toString();
    if (text.includes('drop')) return { recordId: record.recordId, result: 'Dropped' };
    if (text.includes('fail')) return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    const shape = text.includes('shape')
      ? JSON.stringify({ keys: Object.keys(event).sort(), record: Object.keys(record).sort(), arn: event.deliveryStreamArn }) + '\\n'
      : text.toUpperCase();
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: Buffer.from(shape).toString('base64'),
      metadata: { partitionKeys: { kind: text.startsWith('a') ? 'alpha' : 'other' } },
    };
  }),
});`;

describe('Firehose processing', () => {
  let env: FirehoseCloud;
  let lambdaArn: string;
  before(async () => {
    env = await firehoseCloud();
    const created = await createFunction(lambdaClient(env.cloud), 'transformer', { 'index.js': TRANSFORMER });
    lambdaArn = created.FunctionArn!;
  });
  after(() => env?.cloud.stop());

  const lambdaProcessor = () => ({
    Enabled: true,
    Processors: [
      {
        Type: 'Lambda' as const,
        Parameters: [
          { ParameterName: 'LambdaArn' as const, ParameterValue: lambdaArn },
          { ParameterName: 'BufferIntervalInSeconds' as const, ParameterValue: '60' },
        ],
      },
    ],
  });

  async function put(name: string, lines: string[]): Promise<void> {
    await env.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: name,
        Records: lines.map((line) => ({ Data: text(line) })),
      }),
    );
  }

  it('transforms records with a Lambda function and writes failures to processing-failed/', async () => {
    const BucketARN = await createBucket(env.s3, 'transformed');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'transformed',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          Prefix: 'ok/',
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
          ProcessingConfiguration: lambdaProcessor(),
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
    await put('transformed', ['keep one\n', 'drop me\n', 'fail me\n', 'shape\n']);
    env.cloud.clock.advance(60_000);
    const [object] = await delivered(env.s3, 'transformed', 1, 'ok/', 20_000);
    const [first, shape] = object!.body.toString().split('\n');
    assert.equal(first, 'KEEP ONE');
    // The event AWS sends: {invocationId, deliveryStreamArn, region, records: [{recordId, approximateArrivalTimestamp, data}]}.
    assert.deepEqual(JSON.parse(shape!), {
      keys: ['deliveryStreamArn', 'invocationId', 'records', 'region'],
      record: ['approximateArrivalTimestamp', 'data', 'recordId'],
      arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/transformed',
    });
    const [failure] = await delivered(env.s3, 'transformed', 1, 'ok/processing-failed/');
    assert.match(failure!.key, /^ok\/processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/transformed-1-/);
    const error = JSON.parse(failure!.body.toString()) as Record<string, unknown>;
    assert.equal(error.errorCode, 'Lambda.ProcessingFailedStatus');
    assert.equal(error.errorMessage, 'ProcessingFailed status set for record');
    assert.equal(Buffer.from(error.rawData as string, 'base64').toString(), 'fail me\n');
    assert.equal(error.lambdaArn, lambdaArn);
    assert.equal(error.attemptsMade, 1);
    assert.equal(typeof error.arrivalTimestamp, 'number');
  });

  it('partitions by a jq MetadataExtraction query, with unparsable records in the error output', async () => {
    const BucketARN = await createBucket(env.s3, 'partitioned');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'partitioned',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          Prefix: 'customer=!{partitionKeyFromQuery:customer}/year=!{timestamp:yyyy}/',
          ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
          BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
          DynamicPartitioningConfiguration: { Enabled: true },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              {
                Type: 'MetadataExtraction',
                Parameters: [
                  { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{customer: .customer.id}' },
                  { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
                ],
              },
              { Type: 'AppendDelimiterToRecord' },
            ],
          },
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
    await put('partitioned', [
      '{"customer":{"id":"a1"},"n":1}',
      '{"customer":{"id":"b2"},"n":2}',
      '{"customer":{"id":"a1"},"n":3}',
      'not json',
    ]);
    env.cloud.clock.advance(60_000);
    const year = new Date(env.cloud.clock.now()).getUTCFullYear();
    const a = await delivered(env.s3, 'partitioned', 1, `customer=a1/year=${year}/`);
    const b = await delivered(env.s3, 'partitioned', 1, `customer=b2/year=${year}/`);
    assert.equal(a[0]!.body.toString(), '{"customer":{"id":"a1"},"n":1}\n{"customer":{"id":"a1"},"n":3}\n');
    assert.equal(b[0]!.body.toString(), '{"customer":{"id":"b2"},"n":2}\n');
    const [failed] = await delivered(env.s3, 'partitioned', 1, 'errors/partitioning-failed/');
    const error = JSON.parse(failed!.body.toString()) as { rawData: string; errorCode: string };
    assert.equal(Buffer.from(error.rawData, 'base64').toString(), 'not json');
    assert.equal(error.errorCode, 'DynamicPartitioning.MetadataExtractionFailed');
  });

  it('partitions by the keys the Lambda function returns', async () => {
    const BucketARN = await createBucket(env.s3, 'by-lambda');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'by-lambda',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          Prefix: 'kind=!{partitionKeyFromLambda:kind}/',
          ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
          BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
          DynamicPartitioningConfiguration: { Enabled: true },
          ProcessingConfiguration: lambdaProcessor(),
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
    await put('by-lambda', ['apple\n', 'banana\n', 'avocado\n']);
    env.cloud.clock.advance(60_000);
    const alpha = await delivered(env.s3, 'by-lambda', 1, 'kind=alpha/', 20_000);
    const other = await delivered(env.s3, 'by-lambda', 1, 'kind=other/');
    assert.equal(alpha[0]!.body.toString(), 'APPLE\nAVOCADO\n');
    assert.equal(other[0]!.body.toString(), 'BANANA\n');
  });

  it('converts JSON records to Parquet', async () => {
    const BucketARN = await createBucket(env.s3, 'parquet');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'parquet',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
          DataFormatConversionConfiguration: {
            Enabled: true,
            SchemaConfiguration: { RoleARN: ROLE, DatabaseName: 'db', TableName: 'events' },
            InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
            OutputFormatConfiguration: { Serializer: { ParquetSerDe: {} } },
          },
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
    await put('parquet', ['{"id":1,"name":"a"}', '{"id":2,"name":"b","ok":true}']);
    env.cloud.clock.advance(60_000);
    const [object] = await delivered(env.s3, 'parquet');
    assert.ok(object!.key.endsWith('.parquet'), object!.key);
    assert.equal(object!.body.subarray(0, 4).toString(), 'PAR1');
    assert.equal(object!.body.subarray(-4).toString(), 'PAR1');
  });
});
