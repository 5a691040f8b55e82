// AWS AppSync (`appsync`, restJson1 under `/v1/`): GraphQL APIs with their schema, API keys, data
// sources, resolvers and functions; the GraphQL endpoint and its real-time WebSocket endpoint (mount).
// https://docs.aws.amazon.com/appsync/latest/APIReference/Welcome.html

import * as model from '../../core/generated/appsync.js';
import { defineService } from '../../core/service.js';
import { AppSync } from './appsync.js';
import { graphqlMount } from './endpoint/mount.js';
import { APPSYNC_ERRORS, validationError } from './errors.js';
import { createApiKey, deleteApiKey, listApiKeys, updateApiKey } from './operations/api-keys.js';
import {
  createDataSource,
  deleteDataSource,
  getDataSource,
  listDataSources,
  updateDataSource,
} from './operations/data-sources.js';
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
    CreateApiKey: createApiKey,
    CreateDataSource: createDataSource,
    CreateFunction: createFunction,
    CreateGraphqlApi: createGraphqlApi,
    CreateResolver: createResolver,
    DeleteApiKey: deleteApiKey,
    DeleteDataSource: deleteDataSource,
    DeleteFunction: deleteFunction,
    DeleteGraphqlApi: deleteGraphqlApi,
    DeleteResolver: deleteResolver,
    EvaluateCode: evaluateCode,
    EvaluateMappingTemplate: evaluateMappingTemplate,
    GetDataSource: getDataSource,
    GetFunction: getFunction,
    GetGraphqlApi: getGraphqlApi,
    GetIntrospectionSchema: getIntrospectionSchema,
    GetResolver: getResolver,
    GetSchemaCreationStatus: getSchemaCreationStatus,
    GetType: getType,
    ListApiKeys: listApiKeys,
    ListDataSources: listDataSources,
    ListFunctions: listFunctions,
    ListGraphqlApis: listGraphqlApis,
    ListResolvers: listResolvers,
    ListResolversByFunction: listResolversByFunction,
    ListTagsForResource: listTagsForResource,
    ListTypes: listTypes,
    StartSchemaCreation: startSchemaCreation,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateApiKey: updateApiKey,
    UpdateDataSource: updateDataSource,
    UpdateFunction: updateFunction,
    UpdateGraphqlApi: updateGraphqlApi,
    UpdateResolver: updateResolver,
  },
  mounts: [graphqlMount],
  create: (deps) => new AppSync(deps),
});
