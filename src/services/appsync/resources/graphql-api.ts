// AWS::AppSync::GraphQLApi: CreateGraphqlApi, then UpdateGraphqlApi (which takes the whole authentication
// setup each time), TagResource/UntagResource and PutGraphqlApiEnvironmentVariables in place; Ref is the
// API's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-graphqlapi.html

import {
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagChanges,
  tagMap,
} from '../../../core/resources.js';
import { apiIdOfArn } from '../names.js';
import { apiInput, deleteQuietly } from './properties.js';

/** The properties UpdateGraphqlApi takes (all but ApiType, Visibility and Tags). */
const UPDATABLE = [
  'Name',
  'AuthenticationType',
  'AdditionalAuthenticationProviders',
  'UserPoolConfig',
  'OpenIDConnectConfig',
  'LambdaAuthorizerConfig',
  'LogConfig',
  'XrayEnabled',
  'MergedApiExecutionRoleArn',
  'OwnerContact',
  'IntrospectionConfig',
  'QueryDepthLimit',
  'ResolverCountLimit',
  'EnhancedMetricsConfig',
];

export const graphqlApi: ResourceType = {
  type: 'AWS::AppSync::GraphQLApi',
  // UpdateGraphqlApi cannot change them; the template reference warns that setting either "will result
  // in an API replacement and new DNS values".
  replacementProperties: ['ApiType', 'Visibility'],

  async create(properties, ctx) {
    const { graphqlApi: api } = (await ctx.call('appsync', 'CreateGraphqlApi', {
      ...apiInput(properties, [...UPDATABLE, 'ApiType', 'Visibility']),
      tags: tagMap(properties.Tags),
    })) as { graphqlApi: ApiOutput };
    const variables = environmentOf(properties);
    if (Object.keys(variables).length > 0) await putEnvironment(ctx, api.apiId, variables);
    return state(api, ctx);
  },

  async update(current, properties, previous, ctx) {
    const apiId = idOf(current);
    const { graphqlApi: api } = (await ctx.call('appsync', 'UpdateGraphqlApi', {
      apiId,
      ...apiInput(properties, UPDATABLE),
    })) as { graphqlApi: ApiOutput };
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0)
      await ctx.call('appsync', 'UntagResource', { resourceArn: api.arn, tagKeys: tags.removed });
    if (Object.keys(tags.set).length > 0)
      await ctx.call('appsync', 'TagResource', { resourceArn: api.arn, tags: tags.set });
    const variables = environmentOf(properties);
    if (JSON.stringify(variables) !== JSON.stringify(environmentOf(previous)))
      await putEnvironment(ctx, apiId, variables);
    return state(api, ctx);
  },

  async delete(current, _properties: ResourceProperties, ctx) {
    await deleteQuietly(ctx, 'DeleteGraphqlApi', { apiId: idOf(current) });
  },
};

interface ApiOutput {
  apiId: string;
  arn: string;
  uris: Record<string, string>;
  dns?: Record<string, string>;
}

/** `EnvironmentVariables` as the string map AppSync keeps (a put replaces the whole map). */
function environmentOf(properties: ResourceProperties): Record<string, string> {
  const variables = properties.EnvironmentVariables;
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return {};
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, stringProperty(value) ?? '']),
  );
}

async function putEnvironment(
  ctx: ResourceContext,
  apiId: string,
  environmentVariables: Record<string, string>,
) {
  await ctx.call('appsync', 'PutGraphqlApiEnvironmentVariables', { apiId, environmentVariables });
}

function idOf(current: ResourceState): string {
  return apiIdOfArn(current.physicalId)?.apiId ?? String(current.attributes.ApiId);
}

/** The GetAtt values as the template reference lists them. GraphQLEndpointArn takes the form AppSync
 * gives its endpoints (`…:endpoints/graphql-api/<apiId>`). */
function state(api: ApiOutput, ctx: ResourceContext): ResourceState {
  return {
    physicalId: api.arn,
    attributes: {
      ApiId: api.apiId,
      Arn: api.arn,
      GraphQLUrl: api.uris.GRAPHQL,
      RealtimeUrl: api.uris.REALTIME,
      GraphQLDns: api.dns?.GRAPHQL,
      RealtimeDns: api.dns?.REALTIME,
      GraphQLEndpointArn: `arn:aws:appsync:${ctx.region}:${ctx.account}:endpoints/graphql-api/${api.apiId}`,
    },
  };
}
