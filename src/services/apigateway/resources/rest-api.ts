// AWS::ApiGateway::RestApi: CreateRestApi (EndpointConfiguration, BinaryMediaTypes, ApiKeySourceType,
// MinimumCompressionSize, Policy, Tags), updated in place by UpdateRestApi's patch operations. Ref is the
// API id; GetAtt RestApiId and RootResourceId. With an OpenAPI Body or BodyS3Location (read from S3 in
// process) the API is made by ImportRestApi (Parameters, FailOnWarnings; EndpointConfiguration's type as
// endpointConfigurationTypes) and updated by PutRestApi (Mode, overwrite unless given); the template's own
// Name, Description and other members then win over the definition's, as CloudFormation documents.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html

import {
  booleanProperty,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
} from '../../../core/resources.js';
import { definitionText } from '../../../lib/openapi/template-body.js';
import { apiInput, deleteQuietly, replaceChanged, tagsOf } from './properties.js';

const CREATE = [
  'Name',
  'Description',
  'BinaryMediaTypes',
  'MinimumCompressionSize',
  'ApiKeySourceType',
  'EndpointConfiguration',
  'Policy',
  'DisableExecuteApiEndpoint',
  'CloneFrom',
];
const PATCHABLE = {
  Name: '/name',
  Description: '/description',
  MinimumCompressionSize: '/minimumCompressionSize',
  ApiKeySourceType: '/apiKeySource',
  Policy: '/policy',
  DisableExecuteApiEndpoint: '/disableExecuteApiEndpoint',
};

export const restApi: ResourceType = {
  type: 'AWS::ApiGateway::RestApi',

  async create(properties, ctx) {
    const definition = await definitionText(properties, ctx);
    if (definition !== undefined) {
      const types = (properties.EndpointConfiguration as { Types?: string[] } | undefined)?.Types;
      const imported = await ctx.call('apigateway', 'ImportRestApi', {
        body: Buffer.from(definition),
        ...importFlags(properties),
        parameters: {
          ...(properties.Parameters as Record<string, string> | undefined),
          ...(types?.[0] ? { endpointConfigurationTypes: types[0] } : {}),
        },
      });
      return state(await overrideDefinition(String(imported.id), properties, imported, ctx));
    }
    const input = apiInput(properties, CREATE, { ApiKeySourceType: 'apiKeySource' });
    if (typeof input.policy === 'object') input.policy = JSON.stringify(input.policy);
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('apigateway', 'CreateRestApi', {
      name: properties.Name ?? ctx.physicalName({ maxLength: 255 }),
      ...input,
      ...(tags ? { tags } : {}),
    });
    return state(created);
  },

  async update(current, properties, previous, ctx) {
    const restApiId = current.physicalId;
    const definition = await definitionText(properties, ctx);
    if (definition !== undefined) {
      const put = await ctx.call('apigateway', 'PutRestApi', {
        restApiId,
        body: Buffer.from(definition),
        mode: typeof properties.Mode === 'string' ? properties.Mode : 'overwrite',
        ...importFlags(properties),
        ...(properties.Parameters ? { parameters: properties.Parameters } : {}),
      });
      return state(await overrideDefinition(restApiId, properties, put, ctx));
    }
    const patchOperations = replaceChanged(properties, previous, PATCHABLE);
    const before = new Set((previous.BinaryMediaTypes as string[] | undefined) ?? []);
    const after = new Set((properties.BinaryMediaTypes as string[] | undefined) ?? []);
    const pointerOf = (type: string) => type.replace(/~/g, '~0').replace(/\//g, '~1');
    for (const type of before)
      if (!after.has(type))
        patchOperations.push({ op: 'remove', path: `/binaryMediaTypes/${pointerOf(type)}` });
    for (const type of after)
      if (!before.has(type))
        patchOperations.push({ op: 'add', path: `/binaryMediaTypes/${pointerOf(type)}` });
    const updated = await ctx.call('apigateway', 'UpdateRestApi', { restApiId, patchOperations });
    return state(updated);
  },

  async delete(current, _properties, ctx) {
    await deleteQuietly(ctx, 'DeleteRestApi', { restApiId: current.physicalId });
  },
};

function state(api: Record<string, unknown>): ResourceState {
  const RestApiId = String(api.id);
  return { physicalId: RestApiId, attributes: { RestApiId, RootResourceId: api.rootResourceId } };
}

function importFlags(properties: Record<string, unknown>): { failOnWarnings?: boolean } {
  return properties.FailOnWarnings === undefined
    ? {}
    : { failOnWarnings: booleanProperty(properties.FailOnWarnings) };
}

/** The template's Name, Description, … over what the definition set (patched in only where they differ). */
async function overrideDefinition(
  restApiId: string,
  properties: Record<string, unknown>,
  api: Record<string, unknown>,
  ctx: ResourceContext,
): Promise<Record<string, unknown>> {
  const given = Object.fromEntries(
    Object.entries(PATCHABLE).filter(([name]) => properties[name] !== undefined),
  );
  const patchOperations = replaceChanged(properties, apiValuesAsProperties(api), given);
  if (patchOperations.length === 0) return api;
  return ctx.call('apigateway', 'UpdateRestApi', { restApiId, patchOperations });
}

function apiValuesAsProperties(api: Record<string, unknown>): Record<string, unknown> {
  return {
    Name: api.name,
    Description: api.description,
    MinimumCompressionSize: api.minimumCompressionSize,
    ApiKeySourceType: api.apiKeySource,
    Policy: api.policy,
    DisableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
  };
}
