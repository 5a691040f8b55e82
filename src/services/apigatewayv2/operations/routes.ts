// Create/Get/Update/DeleteRoute(s). A route key is `$default` or `METHOD /path` (METHOD one of ANY, GET,
// POST, PUT, PATCH, DELETE, HEAD, OPTIONS; `{name}` segments, `{name+}` last); two routes of an API never
// share one (ConflictException). WebSocket APIs' keys are checked in websocket-checks.ts. Every change is
// deployed to auto-deploy stages.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { RouteDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { type Engine, given, operation, page } from './operation.js';
import { checkWebSocketRoute } from './websocket-checks.js';

const METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const AUTHORIZATION_TYPES = new Set(['NONE', 'JWT', 'CUSTOM', 'AWS_IAM']);

export const createRoute = operation({
  http: model.operations.CreateRoute.http,
  input: model.CreateRouteRequest,
  output: model.CreateRouteResult,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    const route: RouteDoc = {
      RouteId: newId(7),
      RouteKey: input.RouteKey,
      ApiKeyRequired: input.ApiKeyRequired ?? false,
      AuthorizationType: input.AuthorizationType ?? 'NONE',
      ...given({
        AuthorizationScopes: input.AuthorizationScopes,
        AuthorizerId: input.AuthorizerId,
        OperationName: input.OperationName,
        Target: input.Target,
        RequestParameters: input.RequestParameters as RouteDoc['RequestParameters'],
        RouteResponseSelectionExpression: input.RouteResponseSelectionExpression,
        ModelSelectionExpression: input.ModelSelectionExpression,
        RequestModels: input.RequestModels,
      }),
    };
    checkRoute(engine, input.ApiId, route);
    engine.store.transaction(() => {
      engine.insertChild(input.ApiId, 'route', route.RouteId, route);
      engine.changed(input.ApiId);
    });
    return route;
  },
});

export const getRoute = operation({
  http: model.operations.GetRoute.http,
  input: model.GetRouteRequest,
  output: model.GetRouteResult,
  run: (input, engine, ctx) => requireRoute(engine, input.ApiId, input.RouteId, ctx),
});

export const getRoutes = operation({
  http: model.operations.GetRoutes.http,
  input: model.GetRoutesRequest,
  output: model.GetRoutesResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    return page(engine.children(input.ApiId, 'route'), input);
  },
});

export const updateRoute = operation({
  http: model.operations.UpdateRoute.http,
  input: model.UpdateRouteRequest,
  output: model.UpdateRouteResult,
  run: (input, engine, ctx) => {
    const current = requireRoute(engine, input.ApiId, input.RouteId, ctx);
    const { ApiId, RouteId, ...changes } = input;
    const route = { ...current, ...given(changes) } as RouteDoc;
    checkRoute(engine, ApiId, route);
    engine.store.transaction(() => {
      engine.saveChild(ApiId, 'route', RouteId, route);
      engine.changed(ApiId);
    });
    return route;
  },
});

export const deleteRoute = operation({
  http: model.operations.DeleteRoute.http,
  input: model.DeleteRouteRequest,
  run: (input, engine, ctx) => {
    requireRoute(engine, input.ApiId, input.RouteId, ctx);
    engine.store.transaction(() => {
      engine.deleteChild(input.ApiId, 'route', input.RouteId);
      for (const response of engine.children(input.ApiId, 'routeResponse')) {
        if (response.RouteId === input.RouteId)
          engine.deleteChild(input.ApiId, 'routeResponse', response.RouteResponseId);
      }
      engine.changed(input.ApiId);
    });
    return {};
  },
});

function requireRoute(
  engine: Engine,
  apiId: string,
  routeId: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(apiId, ctx);
  const route = engine.child(apiId, 'route', routeId);
  if (!route) throw notFound('Route', routeId);
  return route;
}

/** The route key's form, its uniqueness, its target and its authorizer. */
function checkRoute(engine: Engine, apiId: string, route: RouteDoc): void {
  const websocket = engine.findApi(apiId)?.doc.ProtocolType === 'WEBSOCKET';
  if (websocket) checkWebSocketRoute(route);
  else checkRouteKey(route.RouteKey);
  const clash = engine
    .children(apiId, 'route')
    .find((r) => r.RouteKey === route.RouteKey && r.RouteId !== route.RouteId);
  if (clash) throw conflict(`Route with key ${route.RouteKey} already exists for this API`);
  if (route.Target !== undefined) {
    const id = /^integrations\/([a-z0-9]+)$/.exec(route.Target)?.[1];
    if (!id) throw badRequest(`Invalid target ${route.Target}: a target is integrations/{integrationId}`);
    if (!engine.child(apiId, 'integration', id)) throw notFound('Integration', id);
  }
  if (!websocket && !AUTHORIZATION_TYPES.has(route.AuthorizationType)) {
    throw badRequest(`Invalid authorization type ${route.AuthorizationType}`);
  }
  if (route.AuthorizationType === 'JWT' || route.AuthorizationType === 'CUSTOM') {
    if (route.AuthorizerId === undefined)
      throw badRequest('Authorizer ID is required for JWT and CUSTOM authorization');
    const authorizer = engine.child(apiId, 'authorizer', route.AuthorizerId);
    if (!authorizer) throw notFound('Authorizer', route.AuthorizerId);
    const expected = route.AuthorizationType === 'JWT' ? 'JWT' : 'REQUEST';
    if (authorizer.AuthorizerType !== expected) {
      throw badRequest(
        `Authorization type ${route.AuthorizationType} does not match the authorizer's type ${authorizer.AuthorizerType}`,
      );
    }
  }
}

export function checkRouteKey(key: string): void {
  if (key === '$default') return;
  const match = /^(\S+) (\/\S*)$/.exec(key);
  if (!match || !METHODS.has(match[1]!)) throw badRequest(`Unable to parse route key: ${key}`);
  const segments = match[2]!.split('/').slice(1);
  segments.forEach((segment, i) => {
    const greedy = /^\{[^{}]+\+\}$/.test(segment);
    if (greedy && i !== segments.length - 1)
      throw badRequest(`Greedy path variable must be the last segment: ${key}`);
    if (segment.includes('{') && !/^\{[A-Za-z0-9_.-]+\+?\}$/.test(segment)) {
      throw badRequest(`Invalid path variable in route key: ${key}`);
    }
  });
}
