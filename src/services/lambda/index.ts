// AWS Lambda: the service's table of contents (restJson1, API version 2015-03-31).
// https://docs.aws.amazon.com/lambda/latest/api/welcome.html

import * as model from '../../core/generated/lambda.js';
import { defineService } from '../../core/service.js';
import { LAMBDA_ERRORS } from './errors.js';
import { lambdaInputRules } from './input-rules.js';
import { Lambda } from './lambda.js';
import {
  deleteFunctionConcurrency,
  getAccountSettings,
  getFunctionConcurrency,
  putFunctionConcurrency,
} from './operations/concurrency.js';
import {
  deleteFunctionEventInvokeConfig,
  getFunctionEventInvokeConfig,
  listFunctionEventInvokeConfigs,
  putFunctionEventInvokeConfig,
  updateFunctionEventInvokeConfig,
} from './operations/event-invoke-config.js';
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
} from './operations/event-source-mappings.js';
import {
  createFunctionUrlConfig,
  deleteFunctionUrlConfig,
  getFunctionUrlConfig,
  listFunctionUrlConfigs,
  updateFunctionUrlConfig,
} from './operations/function-urls.js';
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './operations/functions.js';
import { invoke, invokeAsync } from './operations/invoke.js';
import {
  addLayerVersionPermission,
  getLayerVersionPolicy,
  removeLayerVersionPermission,
} from './operations/layer-permissions.js';
import {
  deleteLayerVersion,
  getLayerVersion,
  getLayerVersionByArn,
  listLayers,
  listLayerVersions,
  publishLayerVersion,
} from './operations/layers.js';
import { addPermission, getPolicy, removePermission } from './operations/permissions.js';
import {
  deleteProvisionedConcurrencyConfig,
  getProvisionedConcurrencyConfig,
  listProvisionedConcurrencyConfigs,
  putProvisionedConcurrencyConfig,
} from './operations/provisioned-concurrency.js';
import { listTags, tagResource, untagResource } from './operations/tags.js';
import {
  createAlias,
  deleteAlias,
  getAlias,
  listAliases,
  listVersionsByFunction,
  publishVersion,
  updateAlias,
} from './operations/versions.js';
import { lambdaAlias } from './resources/alias.js';
import { eventInvokeConfig } from './resources/event-invoke-config.js';
import { eventSourceMapping } from './resources/event-source-mapping.js';
import { lambdaFunction } from './resources/function.js';
import { layerVersion } from './resources/layer-version.js';
import { layerVersionPermission } from './resources/layer-version-permission.js';
import { lambdaPermission } from './resources/permission.js';
import { functionUrl } from './resources/url.js';
import { lambdaVersion } from './resources/version.js';
import { functionUrlMount } from './url-mount.js';
import { lambdaWiring } from './wiring.js';

export const lambdaService = defineService<Lambda>({
  name: 'lambda',
  signingName: 'lambda',
  // Unsigned requests are recognised by the API's dated path prefixes.
  rest: {
    protocol: 'json',
    pathPrefixes: [
      '/2015-03-31/',
      '/2014-11-13/',
      '/2016-08-19/',
      '/2017-03-31/',
      '/2017-10-31/',
      '/2019-09-25/',
      '/2019-09-30/',
      '/2018-10-31/',
      '/2021-10-31/',
    ],
  },
  errorNamespace: 'com.amazonaws.lambda',
  model,
  errors: LAMBDA_ERRORS,
  inputRules: lambdaInputRules,
  operations: {
    AddLayerVersionPermission: addLayerVersionPermission,
    AddPermission: addPermission,
    CreateAlias: createAlias,
    CreateEventSourceMapping: createEventSourceMapping,
    CreateFunction: createFunction,
    CreateFunctionUrlConfig: createFunctionUrlConfig,
    DeleteAlias: deleteAlias,
    DeleteEventSourceMapping: deleteEventSourceMapping,
    DeleteFunction: deleteFunction,
    DeleteFunctionConcurrency: deleteFunctionConcurrency,
    DeleteFunctionEventInvokeConfig: deleteFunctionEventInvokeConfig,
    DeleteFunctionUrlConfig: deleteFunctionUrlConfig,
    DeleteLayerVersion: deleteLayerVersion,
    DeleteProvisionedConcurrencyConfig: deleteProvisionedConcurrencyConfig,
    GetAccountSettings: getAccountSettings,
    GetAlias: getAlias,
    GetEventSourceMapping: getEventSourceMapping,
    GetFunction: getFunction,
    GetFunctionConcurrency: getFunctionConcurrency,
    GetFunctionConfiguration: getFunctionConfiguration,
    GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
    GetFunctionUrlConfig: getFunctionUrlConfig,
    GetLayerVersion: getLayerVersion,
    GetLayerVersionByArn: getLayerVersionByArn,
    GetLayerVersionPolicy: getLayerVersionPolicy,
    GetPolicy: getPolicy,
    GetProvisionedConcurrencyConfig: getProvisionedConcurrencyConfig,
    Invoke: invoke,
    InvokeAsync: invokeAsync,
    ListAliases: listAliases,
    ListEventSourceMappings: listEventSourceMappings,
    ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
    ListFunctions: listFunctions,
    ListFunctionUrlConfigs: listFunctionUrlConfigs,
    ListLayers: listLayers,
    ListLayerVersions: listLayerVersions,
    ListProvisionedConcurrencyConfigs: listProvisionedConcurrencyConfigs,
    ListTags: listTags,
    ListVersionsByFunction: listVersionsByFunction,
    PublishLayerVersion: publishLayerVersion,
    PublishVersion: publishVersion,
    PutFunctionConcurrency: putFunctionConcurrency,
    PutFunctionEventInvokeConfig: putFunctionEventInvokeConfig,
    PutProvisionedConcurrencyConfig: putProvisionedConcurrencyConfig,
    RemoveLayerVersionPermission: removeLayerVersionPermission,
    RemovePermission: removePermission,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateAlias: updateAlias,
    UpdateEventSourceMapping: updateEventSourceMapping,
    UpdateFunctionCode: updateFunctionCode,
    UpdateFunctionConfiguration: updateFunctionConfiguration,
    UpdateFunctionEventInvokeConfig: updateFunctionEventInvokeConfig,
    UpdateFunctionUrlConfig: updateFunctionUrlConfig,
  },
  resources: [
    lambdaFunction,
    lambdaVersion,
    lambdaAlias,
    lambdaPermission,
    eventSourceMapping,
    eventInvokeConfig,
    layerVersion,
    layerVersionPermission,
    functionUrl,
  ],
  mounts: [functionUrlMount],
  wiring: (_engine, deps) => lambdaWiring(deps),
  create: (deps) => new Lambda(deps),
});
