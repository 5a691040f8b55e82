// AWS::ApiGateway::Method: PutMethod with its inline Integration (PutIntegration, and each of its
// IntegrationResponses) and MethodResponses; an update puts the method again whole (deleted and put),
// since RestApiId, ResourceId and HttpMethod — what names it — cannot change. Ref is
// `<restApiId>|<resourceId>|<httpMethod>`, as CloudFormation's own identifier joins them.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html

import type { ResourceContext, ResourceProperties, ResourceType } from '../../../core/resources.js';
import { apiInput, deleteQuietly } from './properties.js';

const METHOD = [
  'AuthorizationType',
  'AuthorizerId',
  'ApiKeyRequired',
  'OperationName',
  'RequestParameters',
  'RequestModels',
  'RequestValidatorId',
  'AuthorizationScopes',
];
const INTEGRATION = [
  'Type',
  'IntegrationHttpMethod',
  'Uri',
  'ConnectionType',
  'ConnectionId',
  'Credentials',
  'RequestParameters',
  'RequestTemplates',
  'PassthroughBehavior',
  'CacheNamespace',
  'CacheKeyParameters',
  'ContentHandling',
  'TimeoutInMillis',
];

export const method: ResourceType = {
  type: 'AWS::ApiGateway::Method',

  async create(properties, ctx) {
    await putMethod(properties, ctx);
    return { physicalId: idOf(properties), attributes: {} };
  },

  async update(current, properties, _previous, ctx) {
    await deleteQuietly(ctx, 'DeleteMethod', address(properties));
    await putMethod(properties, ctx);
    return current;
  },

  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteMethod', address(properties));
  },
};

async function putMethod(properties: ResourceProperties, ctx: ResourceContext): Promise<void> {
  const base = address(properties);
  const input = apiInput(properties, METHOD);
  if (properties.RequestParameters) input.requestParameters = booleans(properties.RequestParameters);
  await ctx.call('apigateway', 'PutMethod', { authorizationType: 'NONE', ...input, ...base });
  for (const response of (properties.MethodResponses as Record<string, unknown>[] | undefined) ?? []) {
    await ctx.call('apigateway', 'PutMethodResponse', {
      ...base,
      ...apiInput(response, ['StatusCode', 'ResponseParameters', 'ResponseModels']),
      statusCode: String(response.StatusCode),
      ...(response.ResponseParameters ? { responseParameters: booleans(response.ResponseParameters) } : {}),
    });
  }
  const integration = properties.Integration as Record<string, unknown> | undefined;
  if (!integration) return;
  await ctx.call('apigateway', 'PutIntegration', { ...base, ...apiInput(integration, INTEGRATION) });
  for (const response of (integration.IntegrationResponses as Record<string, unknown>[] | undefined) ?? []) {
    await ctx.call('apigateway', 'PutIntegrationResponse', {
      ...base,
      ...apiInput(response, [
        'SelectionPattern',
        'ResponseParameters',
        'ResponseTemplates',
        'ContentHandling',
      ]),
      statusCode: String(response.StatusCode),
    });
  }
}

function address(properties: ResourceProperties): Record<string, unknown> {
  return {
    restApiId: properties.RestApiId,
    resourceId: properties.ResourceId,
    httpMethod: String(properties.HttpMethod ?? '').toUpperCase(),
  };
}

function idOf(properties: ResourceProperties): string {
  const { restApiId, resourceId, httpMethod } = address(properties);
  return `${restApiId}|${resourceId}|${httpMethod}`;
}

/** Method response parameters map to booleans (`"true"` in a template). */
function booleans(value: unknown): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      item === true || item === 'true',
    ]),
  );
}
