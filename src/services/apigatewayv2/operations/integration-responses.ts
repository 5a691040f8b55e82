// Create/Get/Update/DeleteIntegrationResponse(s) of WebSocket integrations: keys `$default` or a `/regex/`
// matched against the HTTP status (HTTP integrations) or the error message (Lambda), with response
// templates chosen by TemplateSelectionExpression. Proxy integrations pass the backend's answer through
// and ignore them. Every change is deployed to auto-deploy stages.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { RequestContext } from '../../../core/service.js';
import type { IntegrationResponseDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { type Engine, given, operation, page } from './operation.js';

export const createIntegrationResponse = operation({
  http: model.operations.CreateIntegrationResponse.http,
  input: model.CreateIntegrationResponseRequest,
  output: model.CreateIntegrationResponseResponse,
  run: (input, engine, ctx) => {
    const { ApiId, IntegrationId, ...rest } = input;
    requireWebSocketIntegration(engine, ApiId, IntegrationId, ctx);
    checkKey(input.IntegrationResponseKey);
    if (
      responsesOf(engine, ApiId, IntegrationId).some(
        (r) => r.IntegrationResponseKey === input.IntegrationResponseKey,
      )
    ) {
      throw conflict(
        `Integration response with key ${input.IntegrationResponseKey} already exists for this integration`,
      );
    }
    const response = {
      IntegrationResponseId: newId(6),
      ...given(rest),
      IntegrationId,
    } as IntegrationResponseDoc;
    engine.store.transaction(() => {
      engine.insertChild(ApiId, 'integrationResponse', response.IntegrationResponseId, response);
      engine.changed(ApiId);
    });
    return describe(response);
  },
});

export const getIntegrationResponse = operation({
  http: model.operations.GetIntegrationResponse.http,
  input: model.GetIntegrationResponseRequest,
  output: model.GetIntegrationResponseResponse,
  run: (input, engine, ctx) => describe(requireResponse(engine, input, ctx)),
});

export const getIntegrationResponses = operation({
  http: model.operations.GetIntegrationResponses.http,
  input: model.GetIntegrationResponsesRequest,
  output: model.GetIntegrationResponsesResponse,
  run: (input, engine, ctx) => {
    requireWebSocketIntegration(engine, input.ApiId, input.IntegrationId, ctx);
    return page(responsesOf(engine, input.ApiId, input.IntegrationId).map(describe), input);
  },
});

export const updateIntegrationResponse = operation({
  http: model.operations.UpdateIntegrationResponse.http,
  input: model.UpdateIntegrationResponseRequest,
  output: model.UpdateIntegrationResponseResponse,
  run: (input, engine, ctx) => {
    const current = requireResponse(engine, input, ctx);
    const { ApiId, IntegrationId, IntegrationResponseId, ...changes } = input;
    const response = { ...current, ...given(changes) } as IntegrationResponseDoc;
    checkKey(response.IntegrationResponseKey);
    engine.store.transaction(() => {
      engine.saveChild(ApiId, 'integrationResponse', IntegrationResponseId, response);
      engine.changed(ApiId);
    });
    return describe(response);
  },
});

export const deleteIntegrationResponse = operation({
  http: model.operations.DeleteIntegrationResponse.http,
  input: model.DeleteIntegrationResponseRequest,
  run: (input, engine, ctx) => {
    requireResponse(engine, input, ctx);
    engine.store.transaction(() => {
      engine.deleteChild(input.ApiId, 'integrationResponse', input.IntegrationResponseId);
      engine.changed(input.ApiId);
    });
    return {};
  },
});

function checkKey(key: string): void {
  if (key === '$default') return;
  const pattern = /^\/(.+)\/$/.exec(key)?.[1];
  let valid = pattern !== undefined;
  try {
    if (pattern !== undefined) new RegExp(pattern);
  } catch {
    valid = false;
  }
  if (!valid) throw badRequest(`Invalid integration response key ${key}: expected $default or /regex/`);
}

function responsesOf(engine: Engine, apiId: string, integrationId: string): IntegrationResponseDoc[] {
  return engine.children(apiId, 'integrationResponse').filter((r) => r.IntegrationId === integrationId);
}

function requireWebSocketIntegration(
  engine: Engine,
  apiId: string,
  integrationId: string,
  ctx: RequestContext,
): void {
  const api = engine.requireApi(apiId, ctx);
  if (!engine.child(apiId, 'integration', integrationId)) throw notFound('Integration', integrationId);
  if (api.ProtocolType !== 'WEBSOCKET')
    throw badRequest('Integration responses are supported only for WebSocket APIs');
}

function requireResponse(
  engine: Engine,
  input: { ApiId: string; IntegrationId: string; IntegrationResponseId: string },
  ctx: RequestContext,
): IntegrationResponseDoc {
  requireWebSocketIntegration(engine, input.ApiId, input.IntegrationId, ctx);
  const response = engine.child(input.ApiId, 'integrationResponse', input.IntegrationResponseId);
  if (!response || response.IntegrationId !== input.IntegrationId)
    throw notFound('IntegrationResponse', input.IntegrationResponseId);
  return response;
}

function describe({
  IntegrationId,
  ...response
}: IntegrationResponseDoc): Omit<IntegrationResponseDoc, 'IntegrationId'> {
  return response;
}
