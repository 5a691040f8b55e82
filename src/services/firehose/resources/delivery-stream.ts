// AWS::KinesisFirehose::DeliveryStream: a stream made with CreateDeliveryStream; a changed destination is
// an UpdateDestination, changed tags Tag/UntagDeliveryStream, changed encryption Start/Stop…Encryption; the
// schema's create-only properties (name, type, source) replace it. Ref is the name, GetAtt Arn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisfirehose-deliverystream.html

import { isDeepStrictEqual } from 'node:util';
import {
  isNotFound,
  type ResourceContext,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { DESTINATION_KINDS } from '../destinations.js';

const DESTINATION_PROPERTIES = [
  'S3DestinationConfiguration',
  ...DESTINATION_KINDS.map((kind) => `${kind}DestinationConfiguration`),
];

export const deliveryStream: ResourceType = {
  type: 'AWS::KinesisFirehose::DeliveryStream',

  async create(properties, ctx) {
    const name = stringProperty(properties.DeliveryStreamName) ?? ctx.physicalName({ maxLength: 64 });
    const input: Record<string, unknown> = { DeliveryStreamName: name };
    for (const key of [
      'DeliveryStreamType',
      'DeliveryStreamEncryptionConfigurationInput',
      'KinesisStreamSourceConfiguration',
      'DirectPutSourceConfiguration',
      ...DESTINATION_PROPERTIES,
    ]) {
      if (properties[key] !== undefined) input[key] = coerce(properties[key]);
    }
    const tags = tagList(properties.Tags);
    if (tags.length > 0) input.Tags = tags;
    const created = await ctx.call('firehose', 'CreateDeliveryStream', input);
    return { physicalId: name, attributes: { Arn: created.DeliveryStreamARN } };
  },

  async update(current, properties, previous, ctx) {
    const DeliveryStreamName = current.physicalId;
    const changed = DESTINATION_PROPERTIES.find(
      (key) => !isDeepStrictEqual(properties[key], previous[key]) && properties[key],
    );
    if (changed) {
      const described = await describe(ctx, DeliveryStreamName);
      const kind =
        changed === 'S3DestinationConfiguration' ? 'S3' : changed.replace(/DestinationConfiguration$/, '');
      const update = renameForUpdate(coerce(properties[changed]) as Record<string, unknown>);
      await ctx.call('firehose', 'UpdateDestination', {
        DeliveryStreamName,
        CurrentDeliveryStreamVersionId: described.VersionId,
        DestinationId: (described.Destinations as { DestinationId: string }[])[0]?.DestinationId,
        [`${kind}DestinationUpdate`]: update,
      });
    }
    const encryption = properties.DeliveryStreamEncryptionConfigurationInput;
    if (!isDeepStrictEqual(encryption, previous.DeliveryStreamEncryptionConfigurationInput)) {
      await ctx.call(
        'firehose',
        encryption ? 'StartDeliveryStreamEncryption' : 'StopDeliveryStreamEncryption',
        encryption
          ? { DeliveryStreamName, DeliveryStreamEncryptionConfigurationInput: encryption }
          : { DeliveryStreamName },
      );
    }
    const now = tagList(properties.Tags);
    const removed = tagList(previous.Tags)
      .map((tag) => tag.Key)
      .filter((key) => !now.some((tag) => tag.Key === key));
    if (removed.length > 0)
      await ctx.call('firehose', 'UntagDeliveryStream', { DeliveryStreamName, TagKeys: removed });
    if (now.length > 0) await ctx.call('firehose', 'TagDeliveryStream', { DeliveryStreamName, Tags: now });
    return current;
  },

  async delete(current, _properties, ctx) {
    // A stream still CREATING cannot be deleted (ResourceInUseException): wait for it, on the cloud's clock.
    for (let tries = 0; tries < 60; tries++) {
      try {
        await ctx.call('firehose', 'DeleteDeliveryStream', { DeliveryStreamName: current.physicalId });
        return;
      } catch (error) {
        if (isNotFound(error, ['ResourceNotFoundException'])) return;
        if (!isNotFound(error, ['ResourceInUseException'])) throw error;
        await new Promise<void>((resolve) => ctx.clock.setTimer(500, resolve));
      }
    }
  },
};

async function describe(ctx: ResourceContext, name: string): Promise<Record<string, unknown>> {
  const described = await ctx.call('firehose', 'DescribeDeliveryStream', { DeliveryStreamName: name });
  return described.DeliveryStreamDescription as Record<string, unknown>;
}

/** A destination configuration as its update is spelled: S3Configuration → S3Update,
 * S3BackupConfiguration → S3BackupUpdate. */
function renameForUpdate(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key === 'S3Configuration' ? 'S3Update' : key === 'S3BackupConfiguration' ? 'S3BackupUpdate' : key] =
      value;
  }
  return out;
}

/** Templates may spell numbers and booleans as strings (`SizeInMBs: "5"`); the API takes them typed. */
function coerce(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => coerce(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, coerce(v, k)]),
    );
  }
  if (typeof value === 'string' && NUMERIC.has(key) && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (typeof value === 'string' && BOOLEAN.has(key) && (value === 'true' || value === 'false'))
    return value === 'true';
  return value;
}

const NUMERIC = new Set([
  'SizeInMBs',
  'IntervalInSeconds',
  'DurationInSeconds',
  'ThroughputHintInMBs',
  'BlockSizeBytes',
  'PageSizeBytes',
  'MaxPaddingBytes',
]);
const BOOLEAN = new Set(['Enabled', 'EnableDictionaryCompression']);

function tagList(tags: unknown): { Key: string; Value: string }[] {
  if (!Array.isArray(tags)) return [];
  return (tags as { Key?: unknown; Value?: unknown }[])
    .filter((tag) => typeof tag?.Key === 'string')
    .map((tag) => ({ Key: tag.Key as string, Value: stringProperty(tag.Value) ?? '' }));
}
