// AWS::ApiGatewayV2::Api: CreateApi (quick create's Target, RouteKey and CredentialsArn included), updated
// in place by UpdateApi and the tag operations; ProtocolType is create-only. Ref is the API id; GetAtt
// ApiId and ApiEndpoint (the path form Nimbus hands out). An OpenAPI Body or BodyS3Location goes through
// ImportApi/ReimportApi instead (api-definition.ts).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html

import type { ResourceContext, ResourceState, ResourceType } from '../../../core/resources.js';
import { apiArn } from '../names.js';
import { apiFromDefinition } from './api-definition.js';
import { changedInput, deleteQuietly, inputOf, syncTags, tagsOf } from './properties.js';

const CREATE = [
  'Name',
  'ProtocolType',
  'Description',
  'Version',
  'RouteSelectionExpression',
  'ApiKeySelectionExpression',
  'CorsConfiguration',
  'DisableExecuteApiEndpoint',
  'DisableSchemaValidation',
  'IpAddressType',
  'Target',
  'RouteKey',
  'CredentialsArn',
];
const UPDATE = CREATE.filter((name) => name !== 'ProtocolType');

export const api: ResourceType = {
  type: 'AWS::ApiGatewayV2::Api',

  async create(properties, ctx) {
    const imported = await apiFromDefinition(properties, ctx);
    if (imported) return state(imported);
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('apigatewayv2', 'CreateApi', {
      ...inputOf(properties, CREATE),
      ...(tags && Object.keys(tags).length > 0 ? { Tags: tags } : {}),
    });
    return state(created);
  },

  async update(current, properties, previous, ctx) {
    const ApiId = current.physicalId;
    const reimported = await apiFromDefinition(properties, ctx, {
      apiId: ApiId,
      previousTags: previous.Tags,
    });
    if (reimported) return state(reimported);
    const changes = changedInput(properties, previous, UPDATE);
    const updated = await ctx.call('apigatewayv2', 'UpdateApi', { ApiId, ...changes });
    await syncTags(ctx, apiArn(ctx.region, ApiId), properties.Tags, previous.Tags);
    return state(updated);
  },

  async delete(current, _properties, ctx: ResourceContext) {
    await deleteQuietly(ctx, 'DeleteApi', { ApiId: current.physicalId });
  },
};

function state(api: Record<string, unknown>): ResourceState {
  const ApiId = String(api.ApiId);
  return { physicalId: ApiId, attributes: { ApiId, ApiEndpoint: api.ApiEndpoint } };
}
