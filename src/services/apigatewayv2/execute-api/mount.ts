// The execute-api endpoint for HTTP APIs: claims `<apiId>.execute-api.localhost` and
// `<apiId>.execute-api.<region>.amazonaws.com` hosts and the path form `/_nimbus/execute-api/<apiId>/…`,
// picks the stage (`$default` at the root, a named stage as the first segment) and its deployment, answers
// CORS preflights, selects the route and calls its integration. WebSocket APIs take their handshakes here
// (websocket/session.ts) and their stages' @connections management requests (websocket/management.ts).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html

import { randomBytes } from 'node:crypto';
import type { Mount, MountRequest, MountResponse } from '../../../core/service.js';
import { corsHeaders, isPreflight } from '../../../lib/cors.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import { EXECUTE_API_PATH_PREFIX } from '../names.js';
import { authorize } from './authorization.js';
import { callIntegration } from './integrations.js';
import { FORBIDDEN, INTERNAL_ERROR, type Invocation, NOT_FOUND } from './invocation.js';
import { recordRequest } from './metrics.js';
import { selectRoute } from './routing.js';
import { manageConnection, managementTarget } from './websocket/management.js';
import { upgradeWebSocket } from './websocket/session.js';

const API_HOST = /^([a-z0-9]{10})\.execute-api\.(?:localhost|([a-z0-9-]+)\.amazonaws\.com)$/;

export const executeApiMount: Mount<ApiGatewayV2> = {
  hosts: [API_HOST],
  pathPrefixes: [EXECUTE_API_PATH_PREFIX],
  handle: async (request, engine) => {
    const requestId = randomBytes(11).toString('base64').replace(/[+/]/g, 'A');
    const response = await serve(engine, request, requestId);
    return { ...response, headers: { ...response.headers, 'apigw-requestid': requestId } };
  },
  upgrade: async (request, engine) => {
    const target = apiTarget(request);
    const api = target && engine.findApi(target.apiId);
    if (!target || !api || (target.region && target.region !== api.region)) return { refuse: NOT_FOUND() };
    if (api.doc.ProtocolType !== 'WEBSOCKET' || api.doc.DisableExecuteApiEndpoint)
      return { refuse: FORBIDDEN() };
    // Functions build their callback URL as `<scheme>://<domainName>/<stage>`: on the path form the
    // domain is the cloud's host and the API's prefix, which resolves from a function (README).
    const domainName = target.domainName || `${request.host}${EXECUTE_API_PATH_PREFIX}${api.doc.ApiId}`;
    return upgradeWebSocket(engine, request, api, target.path, domainName);
  },
};

async function serve(engine: ApiGatewayV2, request: MountRequest, requestId: string): Promise<MountResponse> {
  const target = apiTarget(request);
  const api = target && engine.findApi(target.apiId);
  if (!target || !api || (target.region && target.region !== api.region)) return NOT_FOUND();
  if (api.doc.DisableExecuteApiEndpoint) return FORBIDDEN();
  if (api.doc.ProtocolType === 'WEBSOCKET') {
    const management = managementTarget(target.path);
    return management ? manageConnection(engine, request, api, management) : FORBIDDEN();
  }
  const segments = target.path.split('/');
  const named = segments[1]
    ? engine.child(api.doc.ApiId, 'stage', decodeURIComponent(segments[1]))
    : undefined;
  const stage =
    named && named.StageName !== '$default' ? named : engine.child(api.doc.ApiId, 'stage', '$default');
  if (!stage?.DeploymentId) return NOT_FOUND();
  const snapshot = engine.snapshot(api.doc.ApiId, stage.DeploymentId);
  if (!snapshot) return NOT_FOUND();
  const stagePath = stage === named ? `/${segments.slice(2).join('/')}` : target.path;
  const cors = snapshot.cors;
  if (cors && isPreflight(request))
    return { status: 204, headers: corsHeaders(cors, request, true), body: '' };
  const match = selectRoute(snapshot.routes, request.method, stagePath);
  if (!match) return NOT_FOUND();
  const domainName = target.domainName || `${api.doc.ApiId}.execute-api.${api.region}.amazonaws.com`;
  const invocation: Invocation = {
    request,
    api,
    stage,
    snapshot,
    route: match.route,
    resourcePath: match.resourcePath,
    pathParameters: match.pathParameters,
    rawPath: target.path,
    stagePath,
    domainName,
    domainPrefix: api.doc.ApiId,
    requestId,
    now: engine.clock.now(),
  };
  const started = performance.now();
  const authorization = await authorize(engine, invocation);
  let response: MountResponse;
  let integrationLatencyMs: number | undefined;
  if (authorization && 'status' in authorization) response = authorization;
  else {
    invocation.authorizer = authorization;
    const integrationStarted = performance.now();
    response = await callIntegration(engine, invocation);
    integrationLatencyMs = performance.now() - integrationStarted;
  }
  recordRequest(engine.metrics, {
    account: api.account,
    region: api.region,
    apiId: api.doc.ApiId,
    stage: stage.StageName,
    status: response.status,
    bytes: Buffer.byteLength(response.body),
    latencyMs: performance.now() - started,
    integrationLatencyMs,
  });
  if (!cors) return response;
  // With a CORS configuration API Gateway ignores the integration's CORS headers and sends its own.
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
  return { ...response, headers: { ...headers, ...corsHeaders(cors, request, false) } };
}

/** Which API and path a request names: the host form keeps its path, the path form drops the prefix and id. */
function apiTarget(
  request: MountRequest,
): { apiId: string; path: string; domainName: string; region?: string } | undefined {
  if (request.hostMatch) {
    const [domainName, apiId, region] = request.hostMatch;
    return { apiId: apiId!, path: request.path, domainName: domainName!, region };
  }
  const rest = request.path.slice(EXECUTE_API_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  const apiId = slash === -1 ? rest : rest.slice(0, slash);
  if (!/^[a-z0-9]{10}$/.test(apiId)) return undefined;
  return { apiId, path: slash === -1 ? '/' : rest.slice(slash), domainName: '' };
}

export { INTERNAL_ERROR };
