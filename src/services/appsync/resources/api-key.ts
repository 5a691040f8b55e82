// AWS::AppSync::ApiKey: CreateApiKey, UpdateApiKey (description, expiry) and DeleteApiKey; ApiId is
// create-only. Ref is the key's ARN (`…:apis/<apiId>/apikey/<id>`, the template reference's form).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-apikey.html

import type { ResourceProperties, ResourceState, ResourceType } from '../../../core/resources.js';
import { apiArn } from '../names.js';
import { apiIdOf, apiInput, deleteQuietly } from './properties.js';

export const apiKey: ResourceType = {
  type: 'AWS::AppSync::ApiKey',

  async create(properties, ctx) {
    const apiId = apiIdOf(properties);
    const output = await ctx.call('appsync', 'CreateApiKey', {
      apiId,
      ...apiInput(properties, ['Description', 'Expires']),
    });
    return state(output, apiArn(ctx.region, ctx.account, apiId));
  },

  async update(current, properties, _previous, ctx) {
    const apiId = apiIdOf(properties);
    const output = await ctx.call('appsync', 'UpdateApiKey', {
      apiId,
      id: current.attributes.ApiKeyId,
      ...apiInput(properties, ['Description', 'Expires']),
    });
    return state(output, apiArn(ctx.region, ctx.account, apiId));
  },

  async delete(current, properties: ResourceProperties, ctx) {
    await deleteQuietly(ctx, 'DeleteApiKey', { apiId: apiIdOf(properties), id: current.attributes.ApiKeyId });
  },
};

function state(output: Record<string, unknown>, api: string): ResourceState {
  const { id } = output.apiKey as { id: string };
  const arn = `${api}/apikey/${id}`;
  return { physicalId: arn, attributes: { ApiKey: id, ApiKeyId: id, Arn: arn } };
}
