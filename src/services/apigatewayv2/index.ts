// Amazon API Gateway's HTTP APIs (`apigatewayv2`, restJson1 under `/v2/`, signed as `apigateway`, which the
// v1 REST API shares): the service's table of contents, and the execute-api mount that serves traffic.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/api-reference.html

import * as model from '../../core/generated/apigatewayv2.js';
import { defineService } from '../../core/service.js';
import { ApiGatewayV2 } from './apigatewayv2.js';
import { APIGATEWAYV2_ERRORS } from './errors.js';
import { executeApiMount } from './execute-api/mount.js';
import { createApi, deleteApi, getApi, getApis, updateApi } from './operations/apis.js';
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
} from './operations/deployments.js';
import {
  createIntegrationResponse,
  deleteIntegrationResponse,
  getIntegrationResponse,
  getIntegrationResponses,
  updateIntegrationResponse,
} from './operations/integration-responses.js';
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  getIntegrations,
  updateIntegration,
} from './operations/integrations.js';
import { exportApi, importApi, reimportApi } from './operations/openapi.js';
import {
  createRouteResponse,
  deleteRouteResponse,
  getRouteResponse,
  getRouteResponses,
  updateRouteResponse,
} from './operations/route-responses.js';
import { createRoute, deleteRoute, getRoute, getRoutes, updateRoute } from './operations/routes.js';
import { createStage, deleteStage, getStage, getStages, updateStage } from './operations/stages.js';
import { getTags, tagResource, untagResource } from './operations/tags.js';
import { api } from './resources/api.js';
import { authorizer } from './resources/authorizer.js';
import { deployment } from './resources/deployment.js';
import { integration } from './resources/integration.js';
import { integrationResponse, routeResponse } from './resources/responses.js';
import { route } from './resources/route.js';
import { stage } from './resources/stage.js';

export const apiGatewayV2Service = defineService<ApiGatewayV2>({
  name: 'apigatewayv2',
  signingName: 'apigateway',
  // v1 REST APIs sign with the same name; their management paths are `/restapis…`, these `/v2/…`.
  rest: { protocol: 'json', pathPrefixes: ['/v2/'] },
  errorNamespace: 'com.amazonaws.apigatewayv2',
  model,
  errors: APIGATEWAYV2_ERRORS,
  operations: {
    CreateApi: createApi,
    CreateAuthorizer: createAuthorizer,
    CreateDeployment: createDeployment,
    CreateIntegration: createIntegration,
    CreateIntegrationResponse: createIntegrationResponse,
    CreateRoute: createRoute,
    CreateRouteResponse: createRouteResponse,
    CreateStage: createStage,
    DeleteApi: deleteApi,
    DeleteAuthorizer: deleteAuthorizer,
    DeleteDeployment: deleteDeployment,
    DeleteIntegration: deleteIntegration,
    DeleteIntegrationResponse: deleteIntegrationResponse,
    DeleteRoute: deleteRoute,
    DeleteRouteResponse: deleteRouteResponse,
    DeleteStage: deleteStage,
    ExportApi: exportApi,
    GetApi: getApi,
    GetApis: getApis,
    GetAuthorizer: getAuthorizer,
    GetAuthorizers: getAuthorizers,
    GetDeployment: getDeployment,
    GetDeployments: getDeployments,
    GetIntegration: getIntegration,
    GetIntegrationResponse: getIntegrationResponse,
    GetIntegrationResponses: getIntegrationResponses,
    GetIntegrations: getIntegrations,
    GetRoute: getRoute,
    GetRouteResponse: getRouteResponse,
    GetRouteResponses: getRouteResponses,
    GetRoutes: getRoutes,
    GetStage: getStage,
    GetStages: getStages,
    GetTags: getTags,
    ImportApi: importApi,
    ReimportApi: reimportApi,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateApi: updateApi,
    UpdateAuthorizer: updateAuthorizer,
    UpdateIntegration: updateIntegration,
    UpdateIntegrationResponse: updateIntegrationResponse,
    UpdateRoute: updateRoute,
    UpdateRouteResponse: updateRouteResponse,
    UpdateStage: updateStage,
  },
  resources: [api, stage, route, integration, authorizer, deployment, routeResponse, integrationResponse],
  mounts: [executeApiMount],
  create: (deps) => new ApiGatewayV2(deps),
});
