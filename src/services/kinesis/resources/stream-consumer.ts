// AWS::Kinesis::StreamConsumer: an enhanced fan-out consumer made with RegisterStreamConsumer; ConsumerName
// and StreamARN are create-only (a change registers a new consumer), Tags change in place. Ref is the
// ConsumerARN; GetAtt gives ConsumerARN, ConsumerName, ConsumerStatus, ConsumerCreationTimestamp, StreamARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-streamconsumer.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagChanges,
  tagMap,
} from '../../../core/resources.js';

export const streamConsumer: ResourceType = {
  type: 'AWS::Kinesis::StreamConsumer',
  attributes: ['ConsumerARN', 'ConsumerName', 'ConsumerStatus', 'ConsumerCreationTimestamp', 'StreamARN'],

  async create(properties, ctx) {
    const registered = (await ctx.call('kinesis', 'RegisterStreamConsumer', {
      StreamARN: stringProperty(properties.StreamARN),
      ConsumerName: stringProperty(properties.ConsumerName),
    })) as { Consumer: { ConsumerARN: string } };
    const ResourceARN = registered.Consumer.ConsumerARN;
    const tags = tagMap(properties.Tags);
    if (tags && Object.keys(tags).length > 0)
      await ctx.call('kinesis', 'TagResource', { ResourceARN, Tags: tags });
    return describe(ctx, ResourceARN);
  },

  async update(current, properties, previous, ctx) {
    const ResourceARN = current.physicalId;
    const { set, removed } = tagChanges(properties, previous);
    if (removed.length > 0) await ctx.call('kinesis', 'UntagResource', { ResourceARN, TagKeys: removed });
    if (Object.keys(set).length > 0) await ctx.call('kinesis', 'TagResource', { ResourceARN, Tags: set });
    return describe(ctx, ResourceARN);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('kinesis', 'DeregisterStreamConsumer', { ConsumerARN: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

/** The consumer's attributes; its creation time as ISO 8601, a string as the schema declares it. */
async function describe(ctx: ResourceContext, ConsumerARN: string): Promise<ResourceState> {
  const { ConsumerDescription: consumer } = (await ctx.call('kinesis', 'DescribeStreamConsumer', {
    ConsumerARN,
  })) as {
    ConsumerDescription: {
      ConsumerName: string;
      ConsumerStatus: string;
      ConsumerCreationTimestamp: number;
      StreamARN: string;
    };
  };
  return {
    physicalId: ConsumerARN,
    attributes: {
      ConsumerARN,
      ConsumerName: consumer.ConsumerName,
      ConsumerStatus: consumer.ConsumerStatus,
      ConsumerCreationTimestamp: new Date(consumer.ConsumerCreationTimestamp * 1000).toISOString(),
      StreamARN: consumer.StreamARN,
    },
  };
}
