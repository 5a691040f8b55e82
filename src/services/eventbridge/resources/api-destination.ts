// AWS::Events::ApiDestination: CreateApiDestination; an update sends every property again. Ref is the name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-apidestination.html

import {
  isNotFound,
  numberProperty,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { arnForPolicy } from './connection.js';

export const apiDestination: ResourceType = {
  type: 'AWS::Events::ApiDestination',

  async create(properties, ctx) {
    // API destination names are at most 64 characters.
    const Name = stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 64 });
    const { ApiDestinationArn } = await ctx.call(
      'eventbridge',
      'CreateApiDestination',
      input(Name, properties),
    );
    return destinationState(Name, String(ApiDestinationArn));
  },

  async update(state, properties, _previous, ctx) {
    const { ApiDestinationArn } = await ctx.call('eventbridge', 'UpdateApiDestination', {
      ...input(state.physicalId, properties),
      Description: stringProperty(properties.Description) ?? '',
    });
    return destinationState(state.physicalId, String(ApiDestinationArn));
  },

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('eventbridge', 'DeleteApiDestination', { Name: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function input(Name: string, properties: ResourceProperties) {
  return {
    Name,
    Description: stringProperty(properties.Description),
    ConnectionArn: stringProperty(properties.ConnectionArn),
    InvocationEndpoint: stringProperty(properties.InvocationEndpoint),
    HttpMethod: stringProperty(properties.HttpMethod),
    InvocationRateLimitPerSecond: numberProperty(properties.InvocationRateLimitPerSecond),
  };
}

function destinationState(name: string, arn: string) {
  return { physicalId: name, attributes: { Arn: arn, ArnForPolicy: arnForPolicy(arn) } };
}
