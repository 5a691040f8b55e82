// AWS::AppSync::FunctionConfiguration: a pipeline function, CreateFunction, UpdateFunction (the whole
// configuration each time) and DeleteFunction; its code or templates inline or read from S3. Ref is the
// function's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-functionconfiguration.html

import type {
  ResourceContext,
  ResourceProperties,
  ResourceState,
  ResourceType,
} from '../../../core/resources.js';
import { apiIdOf, apiInput, deleteQuietly, handlerInput } from './properties.js';

const PROPERTIES = [
  'Name',
  'Description',
  'DataSourceName',
  'FunctionVersion',
  'SyncConfig',
  'MaxBatchSize',
  'Runtime',
];

export const functionConfiguration: ResourceType = {
  type: 'AWS::AppSync::FunctionConfiguration',
  attributes: ['Name', 'DataSourceName'],

  async create(properties, ctx) {
    return state(await ctx.call('appsync', 'CreateFunction', await input(properties, ctx)));
  },

  async update(current, properties, _previous, ctx) {
    const functionId = current.attributes.FunctionId;
    return state(
      await ctx.call('appsync', 'UpdateFunction', { ...(await input(properties, ctx)), functionId }),
    );
  },

  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteFunction', {
      apiId: apiIdOf(properties),
      functionId: current.attributes.FunctionId,
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
  const fn = output.functionConfiguration as Record<string, string>;
  return {
    physicalId: fn.functionArn!,
    attributes: {
      FunctionArn: fn.functionArn,
      FunctionId: fn.functionId,
      Name: fn.name,
      DataSourceName: fn.dataSourceName,
    },
  };
}
