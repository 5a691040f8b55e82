// AWS::AppSync::ApiCache: CreateApiCache, UpdateApiCache (TTL, behaviour, type, health metrics) and
// DeleteApiCache; ApiId is create-only, and so are the encryption flags, which UpdateApiCache does not
// take. An API has one cache, so its Ref and Id are the API id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-apicache.html

import type { ResourceState, ResourceType } from '../../../core/resources.js';
import { apiIdOf, apiInput, deleteQuietly } from './properties.js';

const UPDATABLE = ['Ttl', 'ApiCachingBehavior', 'Type', 'HealthMetricsConfig'];

export const apiCache: ResourceType = {
  type: 'AWS::AppSync::ApiCache',
  replacementProperties: ['AtRestEncryptionEnabled', 'TransitEncryptionEnabled'],

  async create(properties, ctx) {
    const apiId = apiIdOf(properties);
    await ctx.call('appsync', 'CreateApiCache', {
      apiId,
      ...apiInput(properties, [...UPDATABLE, 'AtRestEncryptionEnabled', 'TransitEncryptionEnabled']),
    });
    return state(apiId);
  },

  async update(_current, properties, _previous, ctx) {
    const apiId = apiIdOf(properties);
    await ctx.call('appsync', 'UpdateApiCache', { apiId, ...apiInput(properties, UPDATABLE) });
    return state(apiId);
  },

  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteApiCache', { apiId: apiIdOf(properties) });
  },
};

function state(apiId: string): ResourceState {
  return { physicalId: apiId, attributes: { Id: apiId } };
}
