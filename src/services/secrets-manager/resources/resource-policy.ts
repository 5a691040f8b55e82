// AWS::SecretsManager::ResourcePolicy: a secret's resource policy set with PutResourcePolicy and taken off
// with DeleteResourcePolicy; Ref and GetAtt Id are the secret's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-resourcepolicy.html

import { booleanProperty, isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

const SERVICE = 'secrets-manager';

export const resourcePolicy: ResourceType = {
  type: 'AWS::SecretsManager::ResourcePolicy',

  async create(properties, ctx) {
    const { ARN } = await ctx.call(SERVICE, 'PutResourcePolicy', {
      SecretId: stringProperty(properties.SecretId),
      ResourcePolicy: stringProperty(properties.ResourcePolicy),
      BlockPublicPolicy: booleanProperty(properties.BlockPublicPolicy),
    });
    return { physicalId: String(ARN), attributes: { Id: String(ARN) } };
  },

  async update(current, properties, _previous, ctx) {
    await ctx.call(SERVICE, 'PutResourcePolicy', {
      SecretId: current.physicalId,
      ResourcePolicy: stringProperty(properties.ResourcePolicy),
      BlockPublicPolicy: booleanProperty(properties.BlockPublicPolicy),
    });
    return current;
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call(SERVICE, 'DeleteResourcePolicy', { SecretId: current.physicalId });
    } catch (error) {
      // A secret already deleted (or scheduled for deletion) has no policy left to take off.
      if (!isNotFound(error, ['ResourceNotFoundException', 'InvalidRequestException'])) throw error;
    }
  },
};
