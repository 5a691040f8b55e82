// AWS::Events::EventBus: CreateEventBus, with the template's Policy set through PutPermission; an update
// changes the description, policy and tags in place. Ref is the bus name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbus.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { syncTags, tagList } from './tags.js';

export const eventBus: ResourceType = {
  type: 'AWS::Events::EventBus',
  attributes: ['Name', 'Policy'],

  async create(properties, ctx) {
    const Name = stringProperty(properties.Name) ?? '';
    const { EventBusArn } = await ctx.call('eventbridge', 'CreateEventBus', {
      Name,
      EventSourceName: stringProperty(properties.EventSourceName),
      Description: stringProperty(properties.Description),
      KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
      DeadLetterConfig: properties.DeadLetterConfig,
      LogConfig: properties.LogConfig,
      Tags: tagList(properties.Tags),
    });
    if (properties.Policy !== undefined && properties.Policy !== null) {
      await ctx.call('eventbridge', 'PutPermission', {
        EventBusName: Name,
        Policy: stringProperty(properties.Policy),
      });
    }
    return busState(Name, String(EventBusArn), properties);
  },

  async update(state, properties, previous, ctx) {
    const Name = state.physicalId;
    const changed = (name: string) => JSON.stringify(properties[name]) !== JSON.stringify(previous[name]);
    if (['Description', 'KmsKeyIdentifier', 'DeadLetterConfig', 'LogConfig'].some(changed)) {
      await ctx.call('eventbridge', 'UpdateEventBus', {
        Name,
        // An empty description is how UpdateEventBus clears one; omitted, it would keep the old.
        Description: stringProperty(properties.Description) ?? '',
        KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
        DeadLetterConfig: properties.DeadLetterConfig,
        LogConfig: properties.LogConfig,
      });
    }
    if (changed('Policy')) await putPolicy(Name, properties.Policy, ctx);
    if (changed('Tags')) await syncTags(String(state.attributes.Arn), properties.Tags, previous.Tags, ctx);
    return busState(Name, String(state.attributes.Arn), properties);
  },

  async delete(state, _properties, ctx) {
    // DeleteEventBus succeeds for a bus that is gone; its rules go with it, as on AWS.
    try {
      await ctx.call('eventbridge', 'DeleteEventBus', { Name: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

async function putPolicy(EventBusName: string, policy: unknown, ctx: ResourceContext): Promise<void> {
  if (policy === undefined || policy === null) {
    await ctx.call('eventbridge', 'RemovePermission', { EventBusName, RemoveAllPermissions: true });
  } else {
    await ctx.call('eventbridge', 'PutPermission', { EventBusName, Policy: stringProperty(policy) });
  }
}

/** Fn::GetAtt gives Arn, Name and Policy (as the template wrote it). */
function busState(name: string, arn: string, properties: ResourceProperties) {
  const policy = properties.Policy;
  return {
    physicalId: name,
    attributes: {
      Arn: arn,
      Name: name,
      ...(policy !== undefined && policy !== null ? { Policy: policy } : {}),
    },
  };
}
