// CreateDataSource, GetDataSource, UpdateDataSource, DeleteDataSource and ListDataSources. Each type
// needs its own config; the types Nimbus cannot call (OpenSearch, RDS, Bedrock) are stored and fail at
// resolve time with AppSync's error.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateDataSource.html

import * as model from '../../../core/generated/appsync.js';
import type { DataSourceDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { type Engine, given, operation, page } from './operation.js';

/** The config member each type requires. */
const CONFIG_OF: Readonly<Record<string, string>> = {
  AMAZON_DYNAMODB: 'dynamodbConfig',
  AWS_LAMBDA: 'lambdaConfig',
  HTTP: 'httpConfig',
  AMAZON_EVENTBRIDGE: 'eventBridgeConfig',
  AMAZON_ELASTICSEARCH: 'elasticsearchConfig',
  AMAZON_OPENSEARCH_SERVICE: 'openSearchServiceConfig',
  RELATIONAL_DATABASE: 'relationalDatabaseConfig',
};

export const createDataSource = operation({
  http: model.operations.CreateDataSource.http,
  input: model.CreateDataSourceRequest,
  output: model.CreateDataSourceResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    if (engine.docs.child(api.apiId, 'dataSource', input.name)) {
      throw badRequest(`Data source with name ${input.name} already exists.`);
    }
    const { apiId, ...members } = given(input);
    const doc = { ...members, dataSourceArn: `${api.arn}/datasources/${input.name}` } as DataSourceDoc;
    checkConfig(doc);
    engine.docs.insertChild(api.apiId, 'dataSource', input.name, doc);
    engine.changed(api.apiId);
    return { dataSource: doc };
  },
});

export const updateDataSource = operation({
  http: model.operations.UpdateDataSource.http,
  input: model.UpdateDataSourceRequest,
  output: model.UpdateDataSourceResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const existing = requireDataSource(engine, api.apiId, input.name);
    const { apiId, ...members } = given(input);
    const doc = { ...members, dataSourceArn: existing.dataSourceArn } as DataSourceDoc;
    checkConfig(doc);
    engine.docs.saveChild(api.apiId, 'dataSource', input.name, doc);
    engine.changed(api.apiId);
    return { dataSource: doc };
  },
});

export const getDataSource = operation({
  http: model.operations.GetDataSource.http,
  input: model.GetDataSourceRequest,
  output: model.GetDataSourceResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    return { dataSource: requireDataSource(engine, input.apiId, input.name) };
  },
});

export const deleteDataSource = operation({
  http: model.operations.DeleteDataSource.http,
  input: model.DeleteDataSourceRequest,
  output: model.DeleteDataSourceResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    requireDataSource(engine, input.apiId, input.name);
    engine.docs.deleteChild(input.apiId, 'dataSource', input.name);
    engine.changed(input.apiId);
    return {};
  },
});

export const listDataSources = operation({
  http: model.operations.ListDataSources.http,
  input: model.ListDataSourcesRequest,
  output: model.ListDataSourcesResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const { items, nextToken } = page(engine.docs.children(input.apiId, 'dataSource'), input);
    return { dataSources: items, nextToken };
  },
});

export function requireDataSource(engine: Engine, apiId: string, name: string): DataSourceDoc {
  const doc = engine.docs.child(apiId, 'dataSource', name);
  if (!doc) throw notFound(`Data source ${name} not found.`);
  return doc;
}

/** The type's config is present. */
function checkConfig(doc: DataSourceDoc): void {
  const member = CONFIG_OF[doc.type];
  if (member && doc[member] === undefined) {
    throw badRequest(`${member} is required for data source of type ${doc.type}.`);
  }
}
