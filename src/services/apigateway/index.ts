// Amazon API Gateway's REST APIs (`apigateway`, restJson, signed as `apigateway` as HTTP APIs are — the
// registry tells them apart by path: `/restapis`, `/apikeys`, `/usageplans`, `/tags/` are these): the
// service's table of contents, and the execute-api mount that serves traffic.
// https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html

import * as model from '../../core/generated/apigateway.js';
import { defineService } from '../../core/service.js';
import { ApiGateway } from './apigateway.js';
import { APIGATEWAY_ERRORS } from './errors.js';
import { executeApiMount } from './execute-api/mount.js';
import { createApiKey, deleteApiKey, getApiKey, getApiKeys, updateApiKey } from './operations/api-keys.js';
import {
  createAuthorizer,
  deleteAuthorizer,
  getAuthorizer,
  getAuthorizers,
  updateAuthorizer,
} from './operations/authorizers.js';
import {
  createDeployment,
  deleteDeployment,
  getDeployment,
  getDeployments,
  updateDeployment,
} from './operations/deployments.js';
import {
  deleteGatewayResponse,
  getGatewayResponse,
  getGatewayResponses,
  putGatewayResponse,
  updateGatewayResponse,
} from './operations/gateway-responses.js';
import { getExport } from './operations/get-export.js';
import { importRestApi, putRestApi } from './operations/import-rest-api.js';
import {
  deleteIntegrationResponse,
  getIntegrationResponse,
  putIntegrationResponse,
  updateIntegrationResponse,
} from './operations/integration-responses.js';
import {
  deleteIntegration,
  getIntegration,
  putIntegration,
  updateIntegration,
} from './operations/integrations.js';
import {
  deleteMethodResponse,
  getMethodResponse,
  putMethodResponse,
  updateMethodResponse,
} from './operations/method-responses.js';
import { deleteMethod, getMethod, putMethod, updateMethod } from './operations/methods.js';
import {
  createModel,
  createRequestValidator,
  deleteModel,
  deleteRequestValidator,
  getModel,
  getModels,
  getRequestValidator,
  getRequestValidators,
  updateModel,
  updateRequestValidator,
} from './operations/models.js';
import {
  createResource,
  deleteResource,
  getResource,
  getResources,
  updateResource,
} from './operations/resources.js';
import {
  createRestApi,
  deleteRestApi,
  getRestApi,
  getRestApis,
  updateRestApi,
} from './operations/rest-apis.js';
import { createStage, deleteStage, getStage, getStages, updateStage } from './operations/stages.js';
import { getTags, tagResource, untagResource } from './operations/tags.js';
import {
  createUsagePlan,
  createUsagePlanKey,
  deleteUsagePlan,
  deleteUsagePlanKey,
  getUsagePlan,
  getUsagePlanKey,
  getUsagePlanKeys,
  getUsagePlans,
  updateUsagePlan,
} from './operations/usage-plans.js';
import { REST_API_RESOURCES } from './resources/index.js';

export const apiGatewayService = defineService<ApiGateway>({
  name: 'apigateway',
  signingName: 'apigateway',
  rest: { protocol: 'json', pathPrefixes: ['/restapis', '/apikeys', '/usageplans', '/tags/'] },
  errorNamespace: 'com.amazonaws.apigateway',
  model,
  errors: APIGATEWAY_ERRORS,
  operations: {
    CreateApiKey: createApiKey,
    CreateAuthorizer: createAuthorizer,
    CreateDeployment: createDeployment,
    CreateModel: createModel,
    CreateRequestValidator: createRequestValidator,
    CreateResource: createResource,
    CreateRestApi: createRestApi,
    CreateStage: createStage,
    CreateUsagePlan: createUsagePlan,
    CreateUsagePlanKey: createUsagePlanKey,
    DeleteApiKey: deleteApiKey,
    DeleteAuthorizer: deleteAuthorizer,
    DeleteDeployment: deleteDeployment,
    DeleteGatewayResponse: deleteGatewayResponse,
    DeleteIntegration: deleteIntegration,
    DeleteIntegrationResponse: deleteIntegrationResponse,
    DeleteMethod: deleteMethod,
    DeleteMethodResponse: deleteMethodResponse,
    DeleteModel: deleteModel,
    DeleteRequestValidator: deleteRequestValidator,
    DeleteResource: deleteResource,
    DeleteRestApi: deleteRestApi,
    DeleteStage: deleteStage,
    DeleteUsagePlan: deleteUsagePlan,
    DeleteUsagePlanKey: deleteUsagePlanKey,
    GetApiKey: getApiKey,
    GetApiKeys: getApiKeys,
    GetAuthorizer: getAuthorizer,
    GetAuthorizers: getAuthorizers,
    GetDeployment: getDeployment,
    GetDeployments: getDeployments,
    GetGatewayResponse: getGatewayResponse,
    GetExport: getExport,
    GetGatewayResponses: getGatewayResponses,
    GetIntegration: getIntegration,
    GetIntegrationResponse: getIntegrationResponse,
    GetMethod: getMethod,
    GetMethodResponse: getMethodResponse,
    GetModel: getModel,
    GetModels: getModels,
    GetRequestValidator: getRequestValidator,
    GetRequestValidators: getRequestValidators,
    GetResource: getResource,
    GetResources: getResources,
    GetRestApi: getRestApi,
    GetRestApis: getRestApis,
    GetStage: getStage,
    GetStages: getStages,
    GetTags: getTags,
    GetUsagePlan: getUsagePlan,
    GetUsagePlanKey: getUsagePlanKey,
    GetUsagePlanKeys: getUsagePlanKeys,
    GetUsagePlans: getUsagePlans,
    ImportRestApi: importRestApi,
    PutGatewayResponse: putGatewayResponse,
    PutIntegration: putIntegration,
    PutIntegrationResponse: putIntegrationResponse,
    PutMethod: putMethod,
    PutMethodResponse: putMethodResponse,
    PutRestApi: putRestApi,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateApiKey: updateApiKey,
    UpdateAuthorizer: updateAuthorizer,
    UpdateDeployment: updateDeployment,
    UpdateGatewayResponse: updateGatewayResponse,
    UpdateIntegration: updateIntegration,
    UpdateIntegrationResponse: updateIntegrationResponse,
    UpdateMethod: updateMethod,
    UpdateMethodResponse: updateMethodResponse,
    UpdateModel: updateModel,
    UpdateRequestValidator: updateRequestValidator,
    UpdateResource: updateResource,
    UpdateRestApi: updateRestApi,
    UpdateStage: updateStage,
    UpdateUsagePlan: updateUsagePlan,
  },
  resources: REST_API_RESOURCES,
  mounts: [executeApiMount],
  create: (deps) => new ApiGateway(deps),
});
