// AWS::AppSync::Resolver: CreateResolver, UpdateResolver, DeleteResolver for one field; its VTL mapping
// templates or APPSYNC_JS code inline or read from S3 (`…S3Location`). ApiId, TypeName and FieldName are
// create-only. Ref is the resolver's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-resolver.html

import type {
  ResourceContext,
  ResourceProperties,
  ResourceState,
  ResourceType,
} from '../../../core/resources.js';
import { apiIdOf, apiInput, deleteQuietly, handlerInput } from './properties.js';

const PROPERTIES = [
  'TypeName',
  'FieldName',
  'DataSourceName',
  'Kind',
  'PipelineConfig',
  'SyncConfig',
  'CachingConfig',
  'MaxBatchSize',
  'Runtime',
  'MetricsConfig',
];

export const resolver: ResourceType = {
  type: 'AWS::AppSync::Resolver',
  attributes: ['TypeName', 'FieldName'],

  async create(properties, ctx) {
    return state(await ctx.call('appsync', 'CreateResolver', await input(properties, ctx)));
  },

  async update(_current, properties, _previous, ctx) {
    return state(await ctx.call('appsync', 'UpdateResolver', await input(properties, ctx)));
  },

  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteResolver', {
      apiId: apiIdOf(properties),
      typeName: properties.TypeName,
      fieldName: properties.FieldName,
    });
  },
};

async function input(properties: ResourceProperties, ctx: ResourceContext): Promise<Record<string, unknown>> {
  return {
    apiId: apiIdOf(properties),
    ...apiInput(properties, PROPERTIES),
    ...(await handlerInput(ctx, properties)),
  };
}

function state(output: Record<string, unknown>): ResourceState {
  const { resolverArn, typeName, fieldName } = output.resolver as Record<string, string>;
  return {
    physicalId: resolverArn!,
    attributes: { ResolverArn: resolverArn, TypeName: typeName, FieldName: fieldName },
  };
}
