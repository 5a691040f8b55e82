// AWS::Events::Connection: CreateConnection (CloudFormation's AuthParameters are the API's); an update
// sends the description, authorization type and parameters again. Ref is the connection name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-connection.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const connection: ResourceType = {
  type: 'AWS::Events::Connection',

  async create(properties, ctx) {
    // Connection names are at most 64 characters.
    const Name = stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 64 });
    await ctx.call('eventbridge', 'CreateConnection', {
      Name,
      Description: stringProperty(properties.Description),
      AuthorizationType: stringProperty(properties.AuthorizationType),
      AuthParameters: properties.AuthParameters,
      InvocationConnectivityParameters: properties.InvocationConnectivityParameters,
      KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
    });
    return connectionState(Name, ctx);
  },

  async update(state, properties, _previous, ctx) {
    await ctx.call('eventbridge', 'UpdateConnection', {
      Name: state.physicalId,
      Description: stringProperty(properties.Description) ?? '',
      AuthorizationType: stringProperty(properties.AuthorizationType),
      AuthParameters: properties.AuthParameters,
      InvocationConnectivityParameters: properties.InvocationConnectivityParameters,
      KmsKeyIdentifier: stringProperty(properties.KmsKeyIdentifier),
    });
    return connectionState(state.physicalId, ctx);
  },

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('eventbridge', 'DeleteConnection', { Name: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

/** Arn, ArnForPolicy and SecretArn, read back with DescribeConnection. */
async function connectionState(Name: string, ctx: ResourceContext): Promise<ResourceState> {
  const described = await ctx.call('eventbridge', 'DescribeConnection', { Name });
  const arn = String(described.ConnectionArn);
  return {
    physicalId: Name,
    attributes: { Arn: arn, ArnForPolicy: arnForPolicy(arn), SecretArn: described.SecretArn },
  };
}

/** The ARN without its generated last segment (`connection/NAME/UUID` → `connection/NAME`), which a policy
 * written before the resource existed can name. Inferred from the schema's description ("the arn of the
 * connection resource to be used in IAM policies"), not observed. */
export function arnForPolicy(arn: string): string {
  const parts = arn.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : arn;
}
