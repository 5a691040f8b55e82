// AWS::Cognito::IdentityPoolRoleAttachment: the pool's roles and role mappings, set with
// SetIdentityPoolRoles and cleared when the resource is deleted. A role mapping's template key is a name
// of the template's choosing; its IdentityProvider, when given, is the provider the mapping is for.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypoolroleattachment.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const identityPoolRoleAttachment: ResourceType = {
  type: 'AWS::Cognito::IdentityPoolRoleAttachment',

  async create(properties, ctx) {
    return attach(properties, ctx);
  },

  async update(_current, properties, _previous, ctx) {
    return attach(properties, ctx);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cognito-identity', 'SetIdentityPoolRoles', {
        IdentityPoolId: current.physicalId,
        Roles: {},
      });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

async function attach(properties: ResourceProperties, ctx: ResourceContext): Promise<ResourceState> {
  const IdentityPoolId = stringProperty(properties.IdentityPoolId) ?? '';
  await ctx.call('cognito-identity', 'SetIdentityPoolRoles', {
    IdentityPoolId,
    Roles: properties.Roles ?? {},
    RoleMappings: roleMappings(properties.RoleMappings),
  });
  return { physicalId: IdentityPoolId, attributes: { Id: IdentityPoolId } };
}

function roleMappings(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const mappings: Record<string, unknown> = {};
  for (const [key, mapping] of Object.entries(value as Record<string, Record<string, unknown>>)) {
    const { IdentityProvider, RulesConfiguration, ...rest } = mapping;
    const rules = (RulesConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules;
    mappings[stringProperty(IdentityProvider) ?? key] = {
      ...rest,
      // The template spells the rule's role `RoleARN`; CDK writes `RoleArn`: both are taken.
      RulesConfiguration: rules
        ? { Rules: rules.map(({ RoleArn, RoleARN, ...rule }) => ({ ...rule, RoleARN: RoleARN ?? RoleArn })) }
        : undefined,
    };
  }
  return mappings;
}
