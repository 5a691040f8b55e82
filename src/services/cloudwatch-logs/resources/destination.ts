// AWS::Logs::Destination: a destination made with PutDestination and, when the template gives one, its
// access policy with PutDestinationPolicy. DestinationName is create-only (a change replaces it); the
// target, role and policy update it in place. Ref is the name; GetAtt Arn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-destination.html

import { isNotFound, type ResourceType, stringProperty, tagMap } from '../../../core/resources.js';

export const destination: ResourceType = {
  type: 'AWS::Logs::Destination',
  // Also in AWS's resource schema; declared here so the type stands without it.
  replacementProperties: ['DestinationName'],
  attributes: ['Arn'],

  async create(properties, ctx) {
    const name = stringProperty(properties.DestinationName) ?? ctx.physicalName({ maxLength: 512 });
    return put(name, properties, ctx);
  },

  async update(current, properties, _previous, ctx) {
    return put(current.physicalId, properties, ctx);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cloudwatch-logs', 'DeleteDestination', { destinationName: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

async function put(
  destinationName: string,
  properties: Readonly<Record<string, unknown>>,
  ctx: Parameters<ResourceType['create']>[1],
) {
  const { destination: made } = (await ctx.call('cloudwatch-logs', 'PutDestination', {
    destinationName,
    targetArn: stringProperty(properties.TargetArn),
    roleArn: stringProperty(properties.RoleArn),
    // PutDestination takes tags when it creates a destination only (an update leaves them).
    ...(properties.Tags !== undefined ? { tags: tagMap(properties.Tags) } : {}),
  })) as { destination: { arn: string } };
  // The policy is a JSON string in the template (an object is accepted and written out).
  const accessPolicy = stringProperty(properties.DestinationPolicy);
  if (accessPolicy)
    await ctx.call('cloudwatch-logs', 'PutDestinationPolicy', { destinationName, accessPolicy });
  return { physicalId: destinationName, attributes: { Arn: made.arn } };
}
