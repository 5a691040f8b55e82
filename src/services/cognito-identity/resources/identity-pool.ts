// AWS::Cognito::IdentityPool: made with CreateIdentityPool, changed in place with UpdateIdentityPool
// (which replaces the configuration whole, as the template does). Ref gives the pool id; GetAtt Name its
// name. CognitoEvents, CognitoStreams and PushSync (Cognito Sync) are accepted and ignored.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypool.html

import {
  booleanProperty,
  isNotFound,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagMap,
} from '../../../core/resources.js';

export const identityPool: ResourceType = {
  type: 'AWS::Cognito::IdentityPool',

  async create(properties, ctx) {
    const IdentityPoolName =
      stringProperty(properties.IdentityPoolName) ?? ctx.physicalName({ maxLength: 128, separator: '_' });
    const created = await ctx.call('cognito-identity', 'CreateIdentityPool', {
      ...poolInput(properties),
      IdentityPoolName,
      IdentityPoolTags: tagMap(properties.IdentityPoolTags),
    });
    return state(String(created.IdentityPoolId), IdentityPoolName);
  },

  async update(current, properties, _previous, ctx) {
    const described = await ctx.call('cognito-identity', 'DescribeIdentityPool', {
      IdentityPoolId: current.physicalId,
    });
    const IdentityPoolName =
      stringProperty(properties.IdentityPoolName) ?? String(described.IdentityPoolName);
    await ctx.call('cognito-identity', 'UpdateIdentityPool', {
      ...poolInput(properties),
      IdentityPoolId: current.physicalId,
      IdentityPoolName,
      IdentityPoolTags: tagMap(properties.IdentityPoolTags) ?? {},
    });
    return state(current.physicalId, IdentityPoolName);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cognito-identity', 'DeleteIdentityPool', { IdentityPoolId: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function poolInput(properties: ResourceProperties): Record<string, unknown> {
  return {
    AllowUnauthenticatedIdentities: booleanProperty(properties.AllowUnauthenticatedIdentities) ?? false,
    AllowClassicFlow: booleanProperty(properties.AllowClassicFlow),
    SupportedLoginProviders: properties.SupportedLoginProviders,
    DeveloperProviderName: stringProperty(properties.DeveloperProviderName),
    OpenIdConnectProviderARNs: properties.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: Array.isArray(properties.CognitoIdentityProviders)
      ? (properties.CognitoIdentityProviders as Record<string, unknown>[]).map((provider) => ({
          ProviderName: stringProperty(provider.ProviderName),
          ClientId: stringProperty(provider.ClientId),
          ServerSideTokenCheck: booleanProperty(provider.ServerSideTokenCheck),
        }))
      : undefined,
    SamlProviderARNs: properties.SamlProviderARNs,
  };
}

/** "Fn::GetAtt … Name: The name of the Amazon Cognito identity pool, returned as a string." */
function state(id: string, name: string): ResourceState {
  return { physicalId: id, attributes: { Id: id, Name: name } };
}
