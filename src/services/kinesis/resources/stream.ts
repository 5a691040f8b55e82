// AWS::Kinesis::Stream: CreateStream, then the settings CreateStream does not take (retention, encryption,
// shard-level metrics), each waited on until the stream is ACTIVE again, as CloudFormation waits. An
// update changes the shard count (UpdateShardCount), mode, retention, encryption, metrics and tags in
// place; a new Name replaces the stream (create-only in the schema). Ref is the name, GetAtt Arn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html

import {
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagChanges,
  tagMap,
} from '../../../core/resources.js';

export const stream: ResourceType = {
  type: 'AWS::Kinesis::Stream',

  async create(properties, ctx) {
    const StreamName = stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 128 });
    const mode = streamMode(properties);
    const tags = tagMap(properties.Tags);
    await ctx.call('kinesis', 'CreateStream', {
      StreamName,
      StreamModeDetails: { StreamMode: mode },
      // CloudFormation's ShardCount is required for a provisioned stream unless left to its default of 1.
      ShardCount: mode === 'PROVISIONED' ? (numberProperty(properties.ShardCount) ?? 1) : undefined,
      ...(tags && Object.keys(tags).length > 0 ? { Tags: tags } : {}),
      MaxRecordSizeInKiB: numberProperty(properties.MaxRecordSizeInKiB),
    });
    await waitActive(ctx, StreamName);
    await applySettings(ctx, StreamName, properties, {});
    return state(ctx, StreamName);
  },

  async update(current, properties, previous, ctx) {
    const StreamName = current.physicalId;
    const mode = streamMode(properties);
    if (mode !== streamMode(previous)) {
      await ctx.call('kinesis', 'UpdateStreamMode', {
        StreamARN: arn(ctx, StreamName),
        StreamModeDetails: { StreamMode: mode },
      });
      await waitActive(ctx, StreamName);
    }
    const shardCount = numberProperty(properties.ShardCount);
    if (
      mode === 'PROVISIONED' &&
      shardCount !== undefined &&
      shardCount !== numberProperty(previous.ShardCount)
    ) {
      await ctx.call('kinesis', 'UpdateShardCount', {
        StreamName,
        TargetShardCount: shardCount,
        ScalingType: 'UNIFORM_SCALING',
      });
      await waitActive(ctx, StreamName);
    }
    await applySettings(ctx, StreamName, properties, previous);
    const { set, removed } = tagChanges(properties, previous);
    if (removed.length > 0)
      await ctx.call('kinesis', 'RemoveTagsFromStream', { StreamName, TagKeys: removed });
    if (Object.keys(set).length > 0) await ctx.call('kinesis', 'AddTagsToStream', { StreamName, Tags: set });
    return state(ctx, StreamName);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('kinesis', 'DeleteStream', {
        StreamName: current.physicalId,
        EnforceConsumerDeletion: true,
      });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

/** Retention, encryption and enhanced metrics, changed only where they differ from `previous`. */
async function applySettings(
  ctx: ResourceContext,
  StreamName: string,
  properties: ResourceProperties,
  previous: ResourceProperties,
): Promise<void> {
  const hours = numberProperty(properties.RetentionPeriodHours) ?? 24;
  const before = numberProperty(previous.RetentionPeriodHours) ?? 24;
  if (hours > before)
    await ctx.call('kinesis', 'IncreaseStreamRetentionPeriod', { StreamName, RetentionPeriodHours: hours });
  if (hours < before)
    await ctx.call('kinesis', 'DecreaseStreamRetentionPeriod', { StreamName, RetentionPeriodHours: hours });
  const encryption = encryptionOf(properties);
  const encryptedBefore = encryptionOf(previous);
  if (encryption?.KeyId !== encryptedBefore?.KeyId) {
    if (encryptedBefore) {
      await ctx.call('kinesis', 'StopStreamEncryption', {
        StreamName,
        EncryptionType: 'KMS',
        KeyId: encryptedBefore.KeyId,
      });
      await waitActive(ctx, StreamName);
    }
    if (encryption) {
      await ctx.call('kinesis', 'StartStreamEncryption', { StreamName, ...encryption });
      await waitActive(ctx, StreamName);
    }
  }
  const metrics = stringList(properties.DesiredShardLevelMetrics);
  const metricsBefore = stringList(previous.DesiredShardLevelMetrics);
  const dropped = metricsBefore.filter((metric) => !metrics.includes(metric));
  if (dropped.length > 0)
    await ctx.call('kinesis', 'DisableEnhancedMonitoring', { StreamName, ShardLevelMetrics: dropped });
  const added = metrics.filter((metric) => !metricsBefore.includes(metric));
  if (added.length > 0)
    await ctx.call('kinesis', 'EnableEnhancedMonitoring', { StreamName, ShardLevelMetrics: added });
}

function streamMode(properties: ResourceProperties): string {
  const details = properties.StreamModeDetails as { StreamMode?: unknown } | undefined;
  return stringProperty(details?.StreamMode) ?? 'PROVISIONED';
}

function encryptionOf(properties: ResourceProperties): { EncryptionType: string; KeyId: string } | undefined {
  const encryption = properties.StreamEncryption as { EncryptionType?: unknown; KeyId?: unknown } | undefined;
  const KeyId = stringProperty(encryption?.KeyId);
  return KeyId && stringProperty(encryption?.EncryptionType) === 'KMS'
    ? { EncryptionType: 'KMS', KeyId }
    : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function arn(ctx: ResourceContext, name: string): string {
  return `arn:aws:kinesis:${ctx.region}:${ctx.account}:stream/${name}`;
}

/** Polls until the stream is ACTIVE again: Nimbus's transitional statuses last under a second of the
 * cloud clock (status.ts). */
async function waitActive(ctx: ResourceContext, StreamName: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const summary = (await ctx.call('kinesis', 'DescribeStreamSummary', { StreamName })) as {
      StreamDescriptionSummary?: { StreamStatus?: string };
    };
    if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    if (ctx.signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function state(ctx: ResourceContext, name: string): ResourceState {
  return { physicalId: name, attributes: { Arn: arn(ctx, name) } };
}
