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
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './operations/functions.js';
import { invoke, invokeAsync } from './operations/invoke.js';
import { addPermission, getPolicy, removePermission } from './operations/permissions.js';
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
import { lambdaPermission } from './resources/permission.js';
import { lambdaVersion } from './resources/version.js';

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
    ],
  },
  errorNamespace: 'com.amazonaws.lambda',
  model,
  errors: LAMBDA_ERRORS,
  inputRules: lambdaInputRules,
  operations: {
    AddPermission: addPermission,
    CreateAlias: createAlias,
    CreateEventSourceMapping: createEventSourceMapping,
    CreateFunction: createFunction,
    DeleteAlias: deleteAlias,
    DeleteEventSourceMapping: deleteEventSourceMapping,
    DeleteFunction: deleteFunction,
    DeleteFunctionConcurrency: deleteFunctionConcurrency,
    DeleteFunctionEventInvokeConfig: deleteFunctionEventInvokeConfig,
    GetAccountSettings: getAccountSettings,
    GetAlias: getAlias,
    GetEventSourceMapping: getEventSourceMapping,
    GetFunction: getFunction,
    GetFunctionConcurrency: getFunctionConcurrency,
    GetFunctionConfiguration: getFunctionConfiguration,
    GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
    GetPolicy: getPolicy,
    Invoke: invoke,
    InvokeAsync: invokeAsync,
    ListAliases: listAliases,
    ListEventSourceMappings: listEventSourceMappings,
    ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
    ListFunctions: listFunctions,
    ListTags: listTags,
    ListVersionsByFunction: listVersionsByFunction,
    PublishVersion: publishVersion,
    PutFunctionConcurrency: putFunctionConcurrency,
    PutFunctionEventInvokeConfig: putFunctionEventInvokeConfig,
    RemovePermission: removePermission,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateAlias: updateAlias,
    UpdateEventSourceMapping: updateEventSourceMapping,
    UpdateFunctionCode: updateFunctionCode,
    UpdateFunctionConfiguration: updateFunctionConfiguration,
    UpdateFunctionEventInvokeConfig: updateFunctionEventInvokeConfig,
  },
  resources: [
    lambdaFunction,
    lambdaVersion,
    lambdaAlias,
    lambdaPermission,
    eventSourceMapping,
    eventInvokeConfig,
  ],
  create: (deps) => new Lambda(deps),
});
