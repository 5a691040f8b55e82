// Create/Get/Update/DeleteRouteResponse(s) of WebSocket routes: a route with a `$default` route response
// (and RouteResponseSelectionExpression `$default`) is two-way — the integration's answer goes back to the
// client. `$default` is the only key AWS serves. Every change is deployed to auto-deploy stages.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { RequestContext } from '../../../core/service.js';
import type { RouteResponseDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { type Engine, given, operation, page } from './operation.js';

export const createRouteResponse = operation({
  http: model.operations.CreateRouteResponse.http,
  input: model.CreateRouteResponseRequest,
  output: model.CreateRouteResponseResponse,
  run: (input, engine, ctx) => {
    const { ApiId, RouteId, ...rest } = input;
    requireWebSocketRoute(engine, ApiId, RouteId, ctx);
    checkKey(input.RouteResponseKey);
    if (responsesOf(engine, ApiId, RouteId).some((r) => r.RouteResponseKey === input.RouteResponseKey)) {
      throw conflict(`Route response with key ${input.RouteResponseKey} already exists for this route`);
    }
    const response = { RouteResponseId: newId(6), ...given(rest), RouteId } as RouteResponseDoc;
    engine.store.transaction(() => {
      engine.insertChild(ApiId, 'routeResponse', response.RouteResponseId, response);
      engine.changed(ApiId);
    });
    return describe(response);
  },
});

export const getRouteResponse = operation({
  http: model.operations.GetRouteResponse.http,
  input: model.GetRouteResponseRequest,
  output: model.GetRouteResponseResponse,
  run: (input, engine, ctx) => describe(requireResponse(engine, input, ctx)),
});

export const getRouteResponses = operation({
  http: model.operations.GetRouteResponses.http,
  input: model.GetRouteResponsesRequest,
  output: model.GetRouteResponsesResponse,
  run: (input, engine, ctx) => {
    requireWebSocketRoute(engine, input.ApiId, input.RouteId, ctx);
    return page(responsesOf(engine, input.ApiId, input.RouteId).map(describe), input);
  },
});

export const updateRouteResponse = operation({
  http: model.operations.UpdateRouteResponse.http,
  input: model.UpdateRouteResponseRequest,
  output: model.UpdateRouteResponseResponse,
  run: (input, engine, ctx) => {
    const current = requireResponse(engine, input, ctx);
    const { ApiId, RouteId, RouteResponseId, ...changes } = input;
    const response = { ...current, ...given(changes) } as RouteResponseDoc;
    checkKey(response.RouteResponseKey);
    engine.store.transaction(() => {
      engine.saveChild(ApiId, 'routeResponse', RouteResponseId, response);
      engine.changed(ApiId);
    });
    return describe(response);
  },
});

export const deleteRouteResponse = operation({
  http: model.operations.DeleteRouteResponse.http,
  input: model.DeleteRouteResponseRequest,
  run: (input, engine, ctx) => {
    requireResponse(engine, input, ctx);
    engine.store.transaction(() => {
      engine.deleteChild(input.ApiId, 'routeResponse', input.RouteResponseId);
      engine.changed(input.ApiId);
    });
    return {};
  },
});

function checkKey(key: string): void {
  if (key !== '$default') throw badRequest(`Invalid route response key ${key}: only $default is supported`);
}

function responsesOf(engine: Engine, apiId: string, routeId: string): RouteResponseDoc[] {
  return engine.children(apiId, 'routeResponse').filter((r) => r.RouteId === routeId);
}

function requireWebSocketRoute(engine: Engine, apiId: string, routeId: string, ctx: RequestContext): void {
  const api = engine.requireApi(apiId, ctx);
  if (!engine.child(apiId, 'route', routeId)) throw notFound('Route', routeId);
  if (api.ProtocolType !== 'WEBSOCKET')
    throw badRequest('Route responses are supported only for WebSocket APIs');
}

function requireResponse(
  engine: Engine,
  input: { ApiId: string; RouteId: string; RouteResponseId: string },
  ctx: RequestContext,
): RouteResponseDoc {
  requireWebSocketRoute(engine, input.ApiId, input.RouteId, ctx);
  const response = engine.child(input.ApiId, 'routeResponse', input.RouteResponseId);
  if (!response || response.RouteId !== input.RouteId) throw notFound('RouteResponse', input.RouteResponseId);
  return response;
}

function describe({ RouteId, ...response }: RouteResponseDoc): Omit<RouteResponseDoc, 'RouteId'> {
  return response;
}
