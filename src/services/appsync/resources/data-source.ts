// AWS::AppSync::DataSource: CreateDataSource, UpdateDataSource (the whole configuration each time),
// DeleteDataSource; ApiId and Name are create-only. Ref is the data source's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-datasource.html

import type { ResourceProperties, ResourceState, ResourceType } from '../../../core/resources.js';
import { apiIdOf, apiInput, deleteQuietly } from './properties.js';

const PROPERTIES = [
  'Name',
  'Type',
  'Description',
  'ServiceRoleArn',
  'DynamoDBConfig',
  'LambdaConfig',
  'ElasticsearchConfig',
  'OpenSearchServiceConfig',
  'HttpConfig',
  'RelationalDatabaseConfig',
  'EventBridgeConfig',
  'MetricsConfig',
];

export const dataSource: ResourceType = {
  type: 'AWS::AppSync::DataSource',
  attributes: ['Name'],

  async create(properties, ctx) {
    const output = await ctx.call('appsync', 'CreateDataSource', input(properties));
    return state(output);
  },

  async update(_current, properties, _previous, ctx) {
    const output = await ctx.call('appsync', 'UpdateDataSource', input(properties));
    return state(output);
  },

  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteDataSource', { apiId: apiIdOf(properties), name: properties.Name });
  },
};

function input(properties: ResourceProperties): Record<string, unknown> {
  return { apiId: apiIdOf(properties), ...apiInput(properties, PROPERTIES) };
}

function state(output: Record<string, unknown>): ResourceState {
  const { dataSourceArn, name } = output.dataSource as { dataSourceArn: string; name: string };
  return { physicalId: dataSourceArn, attributes: { DataSourceArn: dataSourceArn, Name: name } };
}
