// The execute-api endpoint for REST APIs: the hosts `<apiId>.execute-api.localhost` and
// `<apiId>.execute-api.<region>.amazonaws.com` and the path form `/_nimbus/execute-api/<apiId>/…`, which
// HTTP APIs (apigatewayv2) claim too — this mount owns only the requests naming a REST API's id, the rest go
// on to theirs. A request names the stage first (`/dev/items/1`); then the resource and method
// (routing.ts), the authorizer and API key (authorization.ts), request validation, and the integration.
// Every answer carries `x-amzn-RequestId` and `x-amz-apigw-id`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html

import { randomBytes, randomUUID } from 'node:crypto';
import type { Mount, MountRequest, MountResponse } from '../../../core/service.js';
import type { ApiGateway } from '../apigateway.js';
import { EXECUTE_API_PATH_PREFIX } from '../names.js';
import { authorize } from './authorization.js';
import { FORBIDDEN, type GatewayError, gatewayResponse, MISSING_TOKEN } from './gateway-response.js';
import { callIntegration } from './integrations.js';
import { type Invocation, readRequest } from './invocation.js';
import { selectMethod } from './routing.js';
import { contextVariable } from './templates.js';
import { validateRequest } from './validation.js';

const API_HOST = /^([a-z0-9]{10})\.execute-api\.(?:localhost|([a-z0-9-]+)\.amazonaws\.com)$/;

export const executeApiMount: Mount<ApiGateway> = {
  hosts: [API_HOST],
  pathPrefixes: [EXECUTE_API_PATH_PREFIX],
  owns: (request, engine) => {
    const target = apiTarget(request);
    return target !== undefined && engine.findApi(target.apiId) !== undefined;
  },
  handle: async (request, engine) => {
    const requestId = randomUUID();
    const apigwId = randomBytes(12).toString('base64').replace(/[+/=]/g, 'A').slice(0, 16);
    const response = await serve(engine, request, requestId, apigwId);
    return {
      ...response,
      headers: { ...response.headers, 'x-amzn-RequestId': requestId, 'x-amz-apigw-id': apigwId },
    };
  },
};

async function serve(
  engine: ApiGateway,
  request: MountRequest,
  requestId: string,
  extendedRequestId: string,
): Promise<MountResponse> {
  const target = apiTarget(request);
  const api = target && engine.findApi(target.apiId);
  if (!target || !api || (target.region && target.region !== api.region)) {
    return gatewayResponse(undefined, FORBIDDEN);
  }
  if (api.doc.disableExecuteApiEndpoint) return gatewayResponse(undefined, FORBIDDEN);
  const [, stageName = '', ...rest] = target.path.split('/');
  const stage = stageName ? engine.child(api.doc.id, 'stage', decodeURIComponent(stageName)) : undefined;
  const snapshot = stage && engine.snapshot(api.doc.id, stage.deploymentId);
  // No such stage: API Gateway cannot tell which API resource was meant.
  if (!stage || !snapshot) return gatewayResponse(undefined, FORBIDDEN);
  const path = `/${rest.join('/')}`;
  const match = selectMethod(snapshot.resources, request.method, path);
  if (!match) return gatewayResponse(snapshot, MISSING_TOKEN, {}, stage.variables);
  const { headers, query } = readRequest(request);
  const invocation: Invocation = {
    request,
    api,
    stage,
    snapshot,
    resource: match.resource,
    method: match.method,
    pathParameters: match.pathParameters,
    path,
    headers,
    query,
    domainName: target.domainName || `${api.doc.id}.execute-api.${api.region}.amazonaws.com`,
    requestId,
    extendedRequestId,
    now: engine.clock.now(),
  };
  const refusal = (await authorize(engine, invocation)) ?? validateRequest(invocation);
  const result = refusal ?? (await callIntegration(engine, invocation));
  return 'type' in result ? answer(invocation, result) : result;
}

function answer(invocation: Invocation, error: GatewayError): MountResponse {
  return gatewayResponse(invocation.snapshot, error, contextVariable(invocation), invocation.stage.variables);
}

/** Which API and path a request names: the host form keeps its path, the path form drops prefix and id. */
function apiTarget(
  request: Pick<MountRequest, 'hostMatch' | 'path'>,
): { apiId: string; path: string; domainName: string; region?: string } | undefined {
  if (request.hostMatch) {
    const [domainName, apiId, region] = request.hostMatch;
    return { apiId: apiId!, path: request.path, domainName: domainName!, ...(region ? { region } : {}) };
  }
  if (!request.path.startsWith(EXECUTE_API_PATH_PREFIX)) return undefined;
  const rest = request.path.slice(EXECUTE_API_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  const apiId = slash === -1 ? rest : rest.slice(0, slash);
  if (!/^[a-z0-9]{10}$/.test(apiId)) return undefined;
  return { apiId, path: slash === -1 ? '/' : rest.slice(slash), domainName: '' };
}
