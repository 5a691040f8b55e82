// AWS AppSync (`appsync`, restJson1 under `/v1/`): GraphQL APIs with their schema, API keys, data
// sources, resolvers and functions; the GraphQL endpoint and its real-time WebSocket endpoint (mount).
// https://docs.aws.amazon.com/appsync/latest/APIReference/Welcome.html

import * as model from '../../core/generated/appsync.js';
import { defineService } from '../../core/service.js';
import { AppSync } from './appsync.js';
import { graphqlMount } from './endpoint/mount.js';
import { APPSYNC_ERRORS, validationError } from './errors.js';
import {
  createApiCache,
  deleteApiCache,
  flushApiCache,
  getApiCache,
  updateApiCache,
} from './operations/api-caches.js';
import { createApiKey, deleteApiKey, listApiKeys, updateApiKey } from './operations/api-keys.js';
import {
  createDataSource,
  deleteDataSource,
  getDataSource,
  listDataSources,
  updateDataSource,
} from './operations/data-sources.js';
import {
  associateApi,
  createDomainName,
  deleteDomainName,
  disassociateApi,
  getApiAssociation,
  getDomainName,
  listDomainNames,
  updateDomainName,
} from './operations/domain-names.js';
import {
  getGraphqlApiEnvironmentVariables,
  putGraphqlApiEnvironmentVariables,
} from './operations/environment-variables.js';
import { evaluateCode, evaluateMappingTemplate } from './operations/evaluate.js';
import {
  createFunction,
  deleteFunction,
  getFunction,
  listFunctions,
  updateFunction,
} from './operations/functions.js';
import {
  createGraphqlApi,
  deleteGraphqlApi,
  getGraphqlApi,
  listGraphqlApis,
  updateGraphqlApi,
} from './operations/graphql-apis.js';
import {
  createResolver,
  deleteResolver,
  getResolver,
  listResolvers,
  listResolversByFunction,
  updateResolver,
} from './operations/resolvers.js';
import {
  getIntrospectionSchema,
  getSchemaCreationStatus,
  getType,
  listTypes,
  startSchemaCreation,
} from './operations/schema.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import { createType, deleteType, updateType } from './operations/types.js';
import { apiCache } from './resources/api-cache.js';
import { apiKey } from './resources/api-key.js';
import { dataSource } from './resources/data-source.js';
import { domainName } from './resources/domain-name.js';
import { domainNameApiAssociation } from './resources/domain-name-api-association.js';
import { functionConfiguration } from './resources/function-configuration.js';
import { graphqlApi } from './resources/graphql-api.js';
import { graphqlSchema } from './resources/graphql-schema.js';
import { resolver } from './resources/resolver.js';

export const appSyncService = defineService<AppSync>({
  name: 'appsync',
  signingName: 'appsync',
  // The `/v2/` paths are AppSync Event APIs (not served), which apigatewayv2 claims for unsigned requests.
  rest: { protocol: 'json', pathPrefixes: ['/v1/'] },
  errorNamespace: 'com.amazonaws.appsync',
  model,
  errors: APPSYNC_ERRORS,
  validationError,
  operations: {
    AssociateApi: associateApi,
    CreateApiCache: createApiCache,
    CreateApiKey: createApiKey,
    CreateDataSource: createDataSource,
    CreateDomainName: createDomainName,
    CreateFunction: createFunction,
    CreateGraphqlApi: createGraphqlApi,
    CreateResolver: createResolver,
    CreateType: createType,
    DeleteApiCache: deleteApiCache,
    DeleteApiKey: deleteApiKey,
    DeleteDataSource: deleteDataSource,
    DeleteDomainName: deleteDomainName,
    DeleteFunction: deleteFunction,
    DeleteGraphqlApi: deleteGraphqlApi,
    DeleteResolver: deleteResolver,
    DeleteType: deleteType,
    DisassociateApi: disassociateApi,
    EvaluateCode: evaluateCode,
    EvaluateMappingTemplate: evaluateMappingTemplate,
    FlushApiCache: flushApiCache,
    GetApiAssociation: getApiAssociation,
    GetApiCache: getApiCache,
    GetDataSource: getDataSource,
    GetDomainName: getDomainName,
    GetFunction: getFunction,
    GetGraphqlApi: getGraphqlApi,
    GetGraphqlApiEnvironmentVariables: getGraphqlApiEnvironmentVariables,
    GetIntrospectionSchema: getIntrospectionSchema,
    GetResolver: getResolver,
    GetSchemaCreationStatus: getSchemaCreationStatus,
    GetType: getType,
    ListApiKeys: listApiKeys,
    ListDataSources: listDataSources,
    ListDomainNames: listDomainNames,
    ListFunctions: listFunctions,
    ListGraphqlApis: listGraphqlApis,
    ListResolvers: listResolvers,
    ListResolversByFunction: listResolversByFunction,
    ListTagsForResource: listTagsForResource,
    ListTypes: listTypes,
    PutGraphqlApiEnvironmentVariables: putGraphqlApiEnvironmentVariables,
    StartSchemaCreation: startSchemaCreation,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateApiCache: updateApiCache,
    UpdateApiKey: updateApiKey,
    UpdateDataSource: updateDataSource,
    UpdateDomainName: updateDomainName,
    UpdateFunction: updateFunction,
    UpdateGraphqlApi: updateGraphqlApi,
    UpdateResolver: updateResolver,
    UpdateType: updateType,
  },
  resources: [
    graphqlApi,
    graphqlSchema,
    dataSource,
    resolver,
    functionConfiguration,
    apiKey,
    apiCache,
    domainName,
    domainNameApiAssociation,
  ],
  mounts: [graphqlMount],
  create: (deps) => new AppSync(deps),
});
