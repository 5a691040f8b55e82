// The stream API: create, describe (status on the cloud's clock, defaults AWS fills in), list with its
// filters and paging, update with the version check, tags, encryption state, delete, and AWS's errors.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  StartDeliveryStreamEncryptionCommand,
  StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
  UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { CREATING_MS, type FirehoseCloud, firehoseCloud, ROLE, rejectsWith, text } from './helpers.js';

const BUCKET_ARN = 'arn:aws:s3:::streams-bucket';
const S3 = { RoleARN: ROLE, BucketARN: BUCKET_ARN };

describe('Firehose streams', () => {
  let env: FirehoseCloud;
  before(async () => {
    env = await firehoseCloud();
  });
  after(() => env?.cloud.stop());

  const create = (name: string, extra: Record<string, unknown> = {}) =>
    env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        ExtendedS3DestinationConfiguration: S3,
        ...extra,
      }),
    );
  const describeStream = async (name: string) =>
    (await env.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })))
      .DeliveryStreamDescription!;

  it('creates a stream that is CREATING, then ACTIVE, described with AWS defaults', async () => {
    const created = await create('orders', { Tags: [{ Key: 'team', Value: 'data' }] });
    assert.equal(created.DeliveryStreamARN, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/orders');
    assert.equal((await describeStream('orders')).DeliveryStreamStatus, 'CREATING');
    env.cloud.clock.advance(CREATING_MS);
    const description = await describeStream('orders');
    assert.equal(description.DeliveryStreamStatus, 'ACTIVE');
    assert.equal(description.DeliveryStreamType, 'DirectPut');
    assert.equal(description.VersionId, '1');
    assert.equal(description.HasMoreDestinations, false);
    assert.deepEqual(description.DeliveryStreamEncryptionConfiguration, { Status: 'DISABLED' });
    const [destination] = description.Destinations!;
    assert.equal(destination!.DestinationId, 'destinationId-000000000001');
    const extended = destination!.ExtendedS3DestinationDescription!;
    assert.deepEqual(extended.BufferingHints, { SizeInMBs: 5, IntervalInSeconds: 300 });
    assert.equal(extended.CompressionFormat, 'UNCOMPRESSED');
    assert.deepEqual(extended.EncryptionConfiguration, { NoEncryptionConfig: 'NoEncryption' });
    assert.equal(extended.S3BackupMode, 'Disabled');
    assert.equal(destination!.S3DestinationDescription!.BucketARN, BUCKET_ARN);
    const paged = await env.firehose.send(
      new DescribeDeliveryStreamCommand({
        DeliveryStreamName: 'orders',
        ExclusiveStartDestinationId: 'destinationId-000000000001',
      }),
    );
    assert.deepEqual(paged.DeliveryStreamDescription!.Destinations, []);
  });

  it('describes the deprecated S3DestinationConfiguration as an extended S3 destination', async () => {
    await env.firehose.send(
      new CreateDeliveryStreamCommand({ DeliveryStreamName: 'legacy', S3DestinationConfiguration: S3 }),
    );
    const [destination] = (await describeStream('legacy')).Destinations!;
    assert.equal(destination!.ExtendedS3DestinationDescription!.BucketARN, BUCKET_ARN);
    assert.equal(destination!.S3DestinationDescription!.CompressionFormat, 'UNCOMPRESSED');
  });

  it('answers AWS errors for a duplicate name, a missing stream and a wrong destination count', async () => {
    await rejectsWith(
      create('orders'),
      'ResourceInUseException',
      'Firehose orders under accountId 000000000000 already exists',
    );
    await rejectsWith(
      env.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'nope' })),
      'ResourceNotFoundException',
      'Firehose nope under account 000000000000 not found.',
    );
    await rejectsWith(
      env.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'none' })),
      'InvalidArgumentException',
      'Exactly one destination configuration is supported for a Firehose',
    );
    await rejectsWith(
      env.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'two',
          S3DestinationConfiguration: S3,
          ExtendedS3DestinationConfiguration: S3,
        }),
      ),
      'InvalidArgumentException',
    );
    await rejectsWith(
      create('bad name!'),
      'ValidationException',
      /Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejectsWith(
      create('source', {
        KinesisStreamSourceConfiguration: {
          KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
          RoleARN: ROLE,
        },
      }),
      'InvalidArgumentException',
      'KinesisSourceStreamConfig is only applicable for KinesisStreamAsSource stream type',
    );
  });

  it('checks prefix rules as AWS words them', async () => {
    await rejectsWith(
      create('prefixed', { ExtendedS3DestinationConfiguration: { ...S3, Prefix: 'a/!{timestamp:yyyy}/' } }),
      'InvalidArgumentException',
      'Ths supplied prefix(es) do not satisfy the following constraint: ErrorOutputPrefix cannot be null or empty when Prefix contains expressions',
    );
    await rejectsWith(
      create('prefixed', {
        ExtendedS3DestinationConfiguration: { ...S3, Prefix: 'a/!{nope:x}/', ErrorOutputPrefix: 'e/' },
      }),
      'InvalidArgumentException',
      /not a valid namespace/,
    );
    await rejectsWith(
      create('prefixed', {
        ExtendedS3DestinationConfiguration: {
          ...S3,
          Prefix: 'a/!{timestamp:yyyy}/',
          ErrorOutputPrefix: 'e/!{timestamp:yyyy}/',
        },
      }),
      'InvalidArgumentException',
      /error-output-type/,
    );
    await rejectsWith(
      create('prefixed', {
        ExtendedS3DestinationConfiguration: {
          ...S3,
          Prefix: 'k=!{partitionKeyFromQuery:k}/',
          ErrorOutputPrefix: 'e/',
        },
      }),
      'InvalidArgumentException',
      /dynamic partitioning/,
    );
  });

  it('lists streams in name order, by type, a page at a time', async () => {
    for (const name of ['list-c', 'list-a', 'list-b']) await create(name);
    const page = await env.firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'list' }),
    );
    assert.deepEqual(page.DeliveryStreamNames, ['list-a', 'list-b']);
    assert.equal(page.HasMoreDeliveryStreams, true);
    const next = await env.firehose.send(
      new ListDeliveryStreamsCommand({
        Limit: 2,
        ExclusiveStartDeliveryStreamName: 'list-b',
        DeliveryStreamType: 'DirectPut',
      }),
    );
    assert.deepEqual(next.DeliveryStreamNames?.slice(0, 1), ['list-c']);
    const kinesis = await env.firehose.send(
      new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }),
    );
    assert.deepEqual(kinesis.DeliveryStreamNames, []);
  });

  it('updates the destination, merging it, only at the current version', async () => {
    await rejectsWith(
      env.firehose.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'orders',
          CurrentDeliveryStreamVersionId: '7',
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationUpdate: { Prefix: 'new/' },
        }),
      ),
      'ConcurrentModificationException',
      /current version id: 1 and specified version id: 7/,
    );
    await env.firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'orders',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: {
          Prefix: 'new/',
          BufferingHints: { SizeInMBs: 10, IntervalInSeconds: 60 },
        },
      }),
    );
    const description = await describeStream('orders');
    assert.equal(description.VersionId, '2');
    const extended = description.Destinations![0]!.ExtendedS3DestinationDescription!;
    assert.equal(extended.Prefix, 'new/');
    assert.equal(extended.BucketARN, BUCKET_ARN);
    assert.deepEqual(extended.BufferingHints, { SizeInMBs: 10, IntervalInSeconds: 60 });
    assert.ok(description.LastUpdateTimestamp instanceof Date);
    await rejectsWith(
      env.firehose.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'orders',
          CurrentDeliveryStreamVersionId: '2',
          DestinationId: 'destinationId-000000000009',
          ExtendedS3DestinationUpdate: { Prefix: 'x/' },
        }),
      ),
      'InvalidArgumentException',
      'Destination Id destinationId-000000000009 not found',
    );
  });

  it('tags, lists tags a page at a time and untags', async () => {
    await env.firehose.send(
      new TagDeliveryStreamCommand({
        DeliveryStreamName: 'orders',
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'team', Value: 'ops' },
        ],
      }),
    );
    const first = await env.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders', Limit: 1 }),
    );
    assert.deepEqual(first.Tags, [{ Key: 'team', Value: 'ops' }]);
    assert.equal(first.HasMoreTags, true);
    const rest = await env.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders', ExclusiveStartTagKey: 'team' }),
    );
    assert.deepEqual(rest.Tags, [{ Key: 'env', Value: 'dev' }]);
    await env.firehose.send(
      new UntagDeliveryStreamCommand({ DeliveryStreamName: 'orders', TagKeys: ['team'] }),
    );
    const left = await env.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'orders' }),
    );
    assert.deepEqual(left.Tags, [{ Key: 'env', Value: 'dev' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(
      env.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'orders', Tags: many })),
      'LimitExceededException',
    );
  });

  it('keeps the encryption state and reports Encrypted on puts', async () => {
    await env.firehose.send(
      new StartDeliveryStreamEncryptionCommand({
        DeliveryStreamName: 'orders',
        DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
      }),
    );
    assert.deepEqual((await describeStream('orders')).DeliveryStreamEncryptionConfiguration, {
      Status: 'ENABLED',
      KeyType: 'AWS_OWNED_CMK',
    });
    const put = await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: text('x') } }),
    );
    assert.equal(put.Encrypted, true);
    await rejectsWith(
      env.firehose.send(
        new StartDeliveryStreamEncryptionCommand({
          DeliveryStreamName: 'orders',
          DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' },
        }),
      ),
      'InvalidArgumentException',
    );
    await env.firehose.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'orders' }));
    assert.deepEqual((await describeStream('orders')).DeliveryStreamEncryptionConfiguration, {
      Status: 'DISABLED',
    });
  });

  it('answers PutRecordBatch with a RecordId per record and checks its limits', async () => {
    const batch = await env.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'orders',
        Records: [{ Data: text('a') }, { Data: text('b') }],
      }),
    );
    assert.equal(batch.FailedPutCount, 0);
    assert.equal(batch.RequestResponses?.length, 2);
    assert.ok(
      batch.RequestResponses?.every((entry) => typeof entry.RecordId === 'string' && !entry.ErrorCode),
    );
    await rejectsWith(
      env.firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: 'orders',
          Records: Array.from({ length: 501 }, () => ({ Data: text('a') })),
        }),
      ),
      'ValidationException',
      /Member must have length less than or equal to 500/,
    );
    const big = Buffer.alloc(1_000_000, 'b');
    await rejectsWith(
      env.firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: 'orders',
          Records: Array.from({ length: 5 }, () => ({ Data: big })),
        }),
      ),
      'InvalidArgumentException',
      /4 MiB/,
    );
    await rejectsWith(
      env.firehose.send(
        new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: Buffer.alloc(1_024_001) } }),
      ),
      'ValidationException',
      /Member must have length less than or equal to 1024000/,
    );
    await rejectsWith(
      env.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'missing', Record: { Data: text('a') } })),
      'ResourceNotFoundException',
      'Firehose missing under account 000000000000 not found.',
    );
  });

  it('refuses to delete a CREATING stream, then deletes it once ACTIVE', async () => {
    await create('short-lived');
    await rejectsWith(
      env.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'short-lived' })),
      'ResourceInUseException',
    );
    env.cloud.clock.advance(CREATING_MS);
    await env.firehose.send(
      new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'short-lived', AllowForceDelete: true }),
    );
    await rejectsWith(
      env.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'short-lived' })),
      'ResourceNotFoundException',
    );
  });
});
