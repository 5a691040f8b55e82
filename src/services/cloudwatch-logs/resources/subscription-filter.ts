// AWS::Logs::SubscriptionFilter: a subscription filter made with PutSubscriptionFilter. LogGroupName and
// FilterName are create-only (a change replaces it); the others update it in place by putting it again.
// Ref is the filter's name. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-subscriptionfilter.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

/** Filter names are at most 512 characters. */
const MAX_NAME = 512;

export const subscriptionFilter: ResourceType = {
  type: 'AWS::Logs::SubscriptionFilter',

  async create(properties, ctx) {
    const filterName = stringProperty(properties.FilterName) ?? ctx.physicalName({ maxLength: MAX_NAME });
    await ctx.call('cloudwatch-logs', 'PutSubscriptionFilter', input(properties, filterName));
    return { physicalId: filterName, attributes: {} };
  },

  async update(current, properties, _previous, ctx) {
    await ctx.call('cloudwatch-logs', 'PutSubscriptionFilter', input(properties, current.physicalId));
    return { physicalId: current.physicalId, attributes: {} };
  },

  async delete(current, properties, ctx) {
    try {
      await ctx.call('cloudwatch-logs', 'DeleteSubscriptionFilter', {
        logGroupName: stringProperty(properties.LogGroupName),
        filterName: current.physicalId,
      });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function input(properties: Record<string, unknown>, filterName: string): Record<string, unknown> {
  return {
    logGroupName: stringProperty(properties.LogGroupName),
    filterName,
    filterPattern: stringProperty(properties.FilterPattern) ?? '',
    destinationArn: stringProperty(properties.DestinationArn),
    ...(properties.RoleArn !== undefined ? { roleArn: stringProperty(properties.RoleArn) } : {}),
    ...(properties.Distribution !== undefined
      ? { distribution: stringProperty(properties.Distribution) }
      : {}),
    ...(properties.ApplyOnTransformedLogs !== undefined
      ? {
          applyOnTransformedLogs:
            properties.ApplyOnTransformedLogs === true || properties.ApplyOnTransformedLogs === 'true',
        }
      : {}),
  };
}
