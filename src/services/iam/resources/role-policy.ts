// AWS::IAM::RolePolicy: one inline policy of one role, put with PutRolePolicy.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-rolepolicy.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const rolePolicy: ResourceType = {
  type: 'AWS::IAM::RolePolicy',

  // The schema's primary identifier is PolicyName and RoleName; the page documents no Ref, so the
  // physical id joins them with `|`, as CloudFormation does for compound identifiers.
  async create(properties, ctx) {
    await put(properties, ctx);
    return { physicalId: `${String(properties.PolicyName)}|${String(properties.RoleName)}`, attributes: {} };
  },

  // Both names are create-only, so an update can only change the document.
  async update(current, properties, _previous, ctx) {
    await put(properties, ctx);
    return current;
  },

  async delete(_current, properties, ctx) {
    try {
      await ctx.call('iam', 'DeleteRolePolicy', {
        RoleName: String(properties.RoleName),
        PolicyName: String(properties.PolicyName),
      });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchEntity'])) throw error;
    }
  },
};

async function put(properties: ResourceProperties, ctx: ResourceContext): Promise<void> {
  await ctx.call('iam', 'PutRolePolicy', {
    RoleName: String(properties.RoleName),
    PolicyName: String(properties.PolicyName),
    PolicyDocument: stringProperty(properties.PolicyDocument),
  });
}
