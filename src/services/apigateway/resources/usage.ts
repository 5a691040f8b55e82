// AWS::ApiGateway::ApiKey (Ref APIKeyId; Name and Value create-only), AWS::ApiGateway::UsagePlan (Ref its
// id; replaced on change) and AWS::ApiGateway::UsagePlanKey (Ref the key's id).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-apikey.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-usageplan.html

import type { ResourceType } from '../../../core/resources.js';
import { apiInput, deleteQuietly, replaceChanged, tagsOf } from './properties.js';

export const apiKey: ResourceType = {
  type: 'AWS::ApiGateway::ApiKey',
  async create(properties, ctx) {
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('apigateway', 'CreateApiKey', {
      name: properties.Name ?? ctx.physicalName({ maxLength: 1024 }),
      enabled: false,
      ...apiInput(properties, [
        'Description',
        'Enabled',
        'Value',
        'CustomerId',
        'GenerateDistinctId',
        'StageKeys',
      ]),
      ...(tags ? { tags } : {}),
    });
    return { physicalId: String(created.id), attributes: { APIKeyId: created.id } };
  },
  async update(current, properties, previous, ctx) {
    const patchOperations = replaceChanged(properties, previous, {
      Description: '/description',
      Enabled: '/enabled',
      CustomerId: '/customerId',
    });
    if (patchOperations.length > 0) {
      await ctx.call('apigateway', 'UpdateApiKey', { apiKey: current.physicalId, patchOperations });
    }
    return current;
  },
  async delete(current, _properties, ctx) {
    await deleteQuietly(ctx, 'DeleteApiKey', { apiKey: current.physicalId });
  },
};

export const usagePlan: ResourceType = {
  type: 'AWS::ApiGateway::UsagePlan',
  async create(properties, ctx) {
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('apigateway', 'CreateUsagePlan', {
      name: properties.UsagePlanName ?? ctx.physicalName({ maxLength: 255 }),
      ...apiInput(properties, ['Description', 'ApiStages', 'Throttle', 'Quota']),
      ...(tags ? { tags } : {}),
    });
    return { physicalId: String(created.id), attributes: { Id: created.id } };
  },
  async delete(current, _properties, ctx) {
    await deleteQuietly(ctx, 'DeleteUsagePlan', { usagePlanId: current.physicalId });
  },
};

export const usagePlanKey: ResourceType = {
  type: 'AWS::ApiGateway::UsagePlanKey',
  async create(properties, ctx) {
    const created = await ctx.call(
      'apigateway',
      'CreateUsagePlanKey',
      apiInput(properties, ['UsagePlanId', 'KeyId', 'KeyType']),
    );
    return { physicalId: String(created.id), attributes: { Id: created.id } };
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteUsagePlanKey', {
      usagePlanId: properties.UsagePlanId,
      keyId: current.physicalId,
    });
  },
};
