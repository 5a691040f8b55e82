// AWS::ApiGateway::RestApi: CreateRestApi (EndpointConfiguration, BinaryMediaTypes, ApiKeySourceType,
// MinimumCompressionSize, Policy, Tags), updated in place by UpdateRestApi's patch operations. Ref is the
// API id; GetAtt RestApiId and RootResourceId. An OpenAPI Body or BodyS3Location fails the resource
// clearly: ImportRestApi/PutRestApi are not served yet.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html

import type { ResourceState, ResourceType } from '../../../core/resources.js';
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
    refuseBody(properties);
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
    refuseBody(properties);
    const restApiId = current.physicalId;
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

function refuseBody(properties: Record<string, unknown>): void {
  if (properties.Body !== undefined || properties.BodyS3Location !== undefined) {
    throw new Error('Body and BodyS3Location (OpenAPI import) are not supported by Nimbus yet');
  }
}
