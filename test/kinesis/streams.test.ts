// Streams: CreateStream in both capacity modes, DescribeStream(Summary), ListStreams and ListShards with
// their paging and filters, DeleteStream, and the settings (retention, mode, encryption, metrics), tags,
// resource policies and DescribeLimits, with AWS's errors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteResourcePolicyCommand,
  DeleteStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  GetResourcePolicyCommand,
  IncreaseStreamRetentionPeriodCommand,
  type KinesisClient,
  ListShardsCommand,
  ListStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  PutResourcePolicyCommand,
  RemoveTagsFromStreamCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStreamModeCommand,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { createStream, kinesisCloud, rejectsWith } from './helpers.js';

const ARN = (name: string) => `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;

describe('Kinesis streams', () => {
  let cloud: Cloud;
  let kinesis: KinesisClient;
  before(async () => {
    ({ cloud, kinesis } = await kinesisCloud());
  });
  after(() => cloud?.stop());

  it('creates a provisioned stream whose shards divide the 2^128 hash key space evenly, as AWS does', async () => {
    await createStream(kinesis, 'even', 3);
    const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'even' }));
    assert.equal(d?.StreamStatus, 'ACTIVE');
    assert.equal(d?.StreamARN, ARN('even'));
    assert.deepEqual(d?.StreamModeDetails, { StreamMode: 'PROVISIONED' });
    assert.equal(d?.RetentionPeriodHours, 24);
    assert.equal(d?.EncryptionType, 'NONE');
    // AWS's ranges for three shards (observed with DescribeStream on a new 3-shard stream).
    assert.deepEqual(
      d?.Shards?.map((s) => [s.ShardId, s.HashKeyRange?.StartingHashKey, s.HashKeyRange?.EndingHashKey]),
      [
        ['shardId-000000000000', '0', '113427455640312821154458202477256070484'],
        [
          'shardId-000000000001',
          '113427455640312821154458202477256070485',
          '226854911280625642308916404954512140969',
        ],
        [
          'shardId-000000000002',
          '226854911280625642308916404954512140970',
          '340282366920938463463374607431768211455',
        ],
      ],
    );
    for (const shard of d?.Shards ?? [])
      assert.match(shard.SequenceNumberRange!.StartingSequenceNumber!, /^49\d{54}$/);
  });

  it('creates an on-demand stream with 4 shards when no shard count is given', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'od' }));
    const { StreamDescriptionSummary: s } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamARN: ARN('od') }),
    );
    assert.deepEqual(
      [s?.StreamModeDetails?.StreamMode, s?.OpenShardCount, s?.ConsumerCount],
      ['ON_DEMAND', 4, 0],
    );
    await rejectsWith(
      kinesis.send(
        new CreateStreamCommand({
          StreamName: 'od2',
          ShardCount: 2,
          StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        }),
      ),
      'InvalidArgumentException',
      'ShardCount is not expected when StreamMode=ON_DEMAND',
    );
  });

  it('answers ResourceInUseException for a name taken and ResourceNotFoundException for an unknown stream', async () => {
    await createStream(kinesis, 'taken');
    await rejectsWith(
      createStream(kinesis, 'taken'),
      'ResourceInUseException',
      'Stream taken under account 000000000000 already exists.',
    );
    // "Stream X under account Y not found." (kinesalite and moto, from AWS's answer)
    await rejectsWith(
      kinesis.send(new DescribeStreamCommand({ StreamName: 'missing' })),
      'ResourceNotFoundException',
      'Stream missing under account 000000000000 not found.',
    );
    await rejectsWith(kinesis.send(new DescribeStreamSummaryCommand({})), 'InvalidArgumentException');
    await rejectsWith(
      kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'taken', StreamARN: ARN('other') })),
      'InvalidArgumentException',
    );
    // The model's pattern, in AWS's validation wording.
    await rejectsWith(
      createStream(kinesis, 'bad name'),
      'ValidationException',
      "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });

  it('pages ListStreams by Limit and NextToken, and by ExclusiveStartStreamName', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await createStream(kinesis, name);
    const first = await kinesis.send(new ListStreamsCommand({ Limit: 2, ExclusiveStartStreamName: 'p' }));
    assert.deepEqual(first.StreamNames, ['page-a', 'page-b']);
    assert.equal(first.HasMoreStreams, true);
    assert.equal(first.StreamSummaries?.[0]?.StreamARN, ARN('page-a'));
    const second = await kinesis.send(new ListStreamsCommand({ Limit: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.StreamNames?.slice(0, 1), ['page-c']);
  });

  it('pages DescribeStream shards with Limit, ExclusiveStartShardId and HasMoreShards', async () => {
    await createStream(kinesis, 'many', 5);
    const page = await kinesis.send(
      new DescribeStreamCommand({
        StreamName: 'many',
        Limit: 2,
        ExclusiveStartShardId: 'shardId-000000000001',
      }),
    );
    assert.deepEqual(
      page.StreamDescription?.Shards?.map((s) => s.ShardId),
      ['shardId-000000000002', 'shardId-000000000003'],
    );
    assert.equal(page.StreamDescription?.HasMoreShards, true);
  });

  it('pages ListShards by MaxResults and NextToken, and refuses NextToken with StreamName', async () => {
    const first = await kinesis.send(new ListShardsCommand({ StreamName: 'many', MaxResults: 3 }));
    assert.equal(first.Shards?.length, 3);
    const rest = await kinesis.send(new ListShardsCommand({ NextToken: first.NextToken }));
    assert.deepEqual(
      rest.Shards?.map((s) => s.ShardId),
      ['shardId-000000000003', 'shardId-000000000004'],
    );
    assert.equal(rest.NextToken, undefined);
    // kinesalite's wording, from AWS.
    await rejectsWith(
      kinesis.send(new ListShardsCommand({ StreamName: 'many', NextToken: first.NextToken })),
      'InvalidArgumentException',
      'NextToken and StreamName cannot be provided together.',
    );
    const after = await kinesis.send(
      new ListShardsCommand({
        StreamName: 'many',
        ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000003' },
      }),
    );
    assert.deepEqual(
      after.Shards?.map((s) => s.ShardId),
      ['shardId-000000000004'],
    );
    for (const Type of ['AT_LATEST', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON'] as const) {
      const listed = await kinesis.send(new ListShardsCommand({ StreamName: 'many', ShardFilter: { Type } }));
      assert.equal(listed.Shards?.length, 5, Type);
    }
    const atTime = await kinesis.send(
      new ListShardsCommand({
        StreamName: 'many',
        ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: new Date(cloud.clock.now()) },
      }),
    );
    assert.equal(atTime.Shards?.length, 5);
  });

  it('keeps the retention period within 24 and 8760 hours with AWS messages', async () => {
    await createStream(kinesis, 'kept');
    await kinesis.send(
      new IncreaseStreamRetentionPeriodCommand({ StreamName: 'kept', RetentionPeriodHours: 48 }),
    );
    // moto's and kinesalite's wording of AWS's messages.
    await rejectsWith(
      kinesis.send(
        new IncreaseStreamRetentionPeriodCommand({ StreamName: 'kept', RetentionPeriodHours: 30 }),
      ),
      'InvalidArgumentException',
      'Requested retention period (30 hours) for stream kept can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
    );
    await rejectsWith(
      kinesis.send(
        new IncreaseStreamRetentionPeriodCommand({ StreamName: 'kept', RetentionPeriodHours: 9000 }),
      ),
      'InvalidArgumentException',
      'Maximum allowed retention period is 8760 hours. Requested retention period (9000 hours) is too long.',
    );
    await rejectsWith(
      kinesis.send(
        new DecreaseStreamRetentionPeriodCommand({ StreamName: 'kept', RetentionPeriodHours: 12 }),
      ),
      'InvalidArgumentException',
      'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.',
    );
    await kinesis.send(
      new DecreaseStreamRetentionPeriodCommand({ StreamName: 'kept', RetentionPeriodHours: 24 }),
    );
    const { StreamDescriptionSummary: s } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'kept' }),
    );
    assert.equal(s?.RetentionPeriodHours, 24);
  });

  it('switches capacity mode and encryption through UPDATING, and refuses a change while UPDATING', async () => {
    await createStream(kinesis, 'modal');
    await kinesis.send(
      new UpdateStreamModeCommand({
        StreamARN: ARN('modal'),
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      }),
    );
    const updating = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'modal' }));
    assert.equal(updating.StreamDescriptionSummary?.StreamStatus, 'UPDATING');
    // kinesalite's wording of AWS's message.
    await rejectsWith(
      kinesis.send(
        new StartStreamEncryptionCommand({
          StreamName: 'modal',
          EncryptionType: 'KMS',
          KeyId: 'alias/aws/kinesis',
        }),
      ),
      'ResourceInUseException',
      'Stream modal under account 000000000000 not ACTIVE, instead in state UPDATING',
    );
    cloud.clock.advance(1000);
    await kinesis.send(
      new StartStreamEncryptionCommand({
        StreamName: 'modal',
        EncryptionType: 'KMS',
        KeyId: 'alias/aws/kinesis',
      }),
    );
    cloud.clock.advance(1000);
    const { StreamDescriptionSummary: s } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'modal' }),
    );
    assert.deepEqual(
      [s?.StreamStatus, s?.StreamModeDetails?.StreamMode, s?.EncryptionType, s?.KeyId],
      ['ACTIVE', 'ON_DEMAND', 'KMS', 'alias/aws/kinesis'],
    );
    await kinesis.send(
      new StopStreamEncryptionCommand({
        StreamName: 'modal',
        EncryptionType: 'KMS',
        KeyId: 'alias/aws/kinesis',
      }),
    );
    cloud.clock.advance(1000);
    const stopped = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'modal' }));
    assert.equal(stopped.StreamDescriptionSummary?.EncryptionType, 'NONE');
  });

  it('enables and disables shard-level metrics, ALL standing for the seven', async () => {
    await createStream(kinesis, 'metered');
    const enabled = await kinesis.send(
      new EnableEnhancedMonitoringCommand({ StreamName: 'metered', ShardLevelMetrics: ['ALL'] }),
    );
    assert.deepEqual(enabled.CurrentShardLevelMetrics, []);
    assert.equal(enabled.DesiredShardLevelMetrics?.length, 7);
    const disabled = await kinesis.send(
      new DisableEnhancedMonitoringCommand({ StreamName: 'metered', ShardLevelMetrics: ['IncomingBytes'] }),
    );
    assert.equal(disabled.DesiredShardLevelMetrics?.length, 6);
    const { StreamDescription: d } = await kinesis.send(new DescribeStreamCommand({ StreamName: 'metered' }));
    assert.equal(d?.EnhancedMonitoring?.[0]?.ShardLevelMetrics?.length, 6);
  });

  it('tags a stream by name and by ARN, lists tags in key order with HasMoreTags, and caps them at 50', async () => {
    await createStream(kinesis, 'tagged');
    await kinesis.send(
      new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { b: '2', a: '1', c: '3' } }),
    );
    const page = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', Limit: 2 }));
    assert.deepEqual(page.Tags, [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    assert.equal(page.HasMoreTags, true);
    const next = await kinesis.send(
      new ListTagsForStreamCommand({ StreamName: 'tagged', ExclusiveStartTagKey: 'b' }),
    );
    assert.deepEqual(next.Tags, [{ Key: 'c', Value: '3' }]);
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['a'] }));
    await kinesis.send(new TagResourceCommand({ ResourceARN: ARN('tagged'), Tags: { d: '4' } }));
    await kinesis.send(new UntagResourceCommand({ ResourceARN: ARN('tagged'), TagKeys: ['b'] }));
    const byArn = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: ARN('tagged') }));
    assert.deepEqual(byArn.Tags, [
      { Key: 'c', Value: '3' },
      { Key: 'd', Value: '4' },
    ]);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await rejectsWith(
      kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: many })),
      'InvalidArgumentException',
      /cannot have more than 50 tags/,
    );
  });

  it('keeps, returns and deletes a resource policy', async () => {
    await createStream(kinesis, 'governed');
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: ARN('governed'), Policy }));
    assert.equal(
      (await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: ARN('governed') }))).Policy,
      Policy,
    );
    await kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: ARN('governed') }));
    assert.equal(
      (await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: ARN('governed') }))).Policy,
      '{}',
    );
    await rejectsWith(
      kinesis.send(new GetResourcePolicyCommand({ ResourceARN: ARN('nothing') })),
      'ResourceNotFoundException',
      'Stream nothing under account 000000000000 not found.',
    );
  });

  it('reports the shard quota, and refuses a stream that would exceed it with AWS message', async () => {
    const limits = await kinesis.send(new DescribeLimitsCommand({}));
    assert.equal(limits.ShardLimit, 500);
    assert.equal(limits.OnDemandStreamCountLimit, 50);
    assert.ok((limits.OpenShardCount ?? 0) > 0);
    await rejectsWith(
      createStream(kinesis, 'huge', 500),
      'LimitExceededException',
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: \d+\. Limit: 500\. Number of additional shards that would have resulted from this request: 500\./,
    );
  });

  it('deletes a stream, after which it is not found', async () => {
    await createStream(kinesis, 'doomed');
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'doomed' }));
    await rejectsWith(
      kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'doomed' })),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      kinesis.send(new DeleteStreamCommand({ StreamName: 'doomed' })),
      'ResourceNotFoundException',
    );
  });
});
