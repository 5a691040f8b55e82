// PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse and DeleteGatewayResponse: an API's
// overrides of the answers API Gateway gives itself; the list shows every type, the defaults with
// `defaultResponse: true`.
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html

import * as model from '../../../core/generated/apigateway.js';
import type { GatewayResponseDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { DEFAULT_TEMPLATE, GATEWAY_RESPONSE_TYPES } from '../gateway-responses.js';
import { applyPatch } from '../patch.js';
import { checkStatus } from './method-responses.js';
import { type Engine, given, operation, page } from './operation.js';

export const putGatewayResponse = operation({
  http: model.operations.PutGatewayResponse.http,
  input: model.PutGatewayResponseRequest,
  output: model.GatewayResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    checkType(input.responseType);
    if (input.statusCode !== undefined) checkStatus(input.statusCode);
    const doc: GatewayResponseDoc = {
      responseType: input.responseType,
      defaultResponse: false,
      ...given({
        statusCode: input.statusCode,
        responseParameters: input.responseParameters,
        responseTemplates: input.responseTemplates,
      }),
    };
    if (engine.child(input.restApiId, 'gatewayResponse', input.responseType)) {
      engine.saveChild(input.restApiId, 'gatewayResponse', input.responseType, doc);
    } else engine.insertChild(input.restApiId, 'gatewayResponse', input.responseType, doc);
    return doc;
  },
});

export const getGatewayResponse = operation({
  http: model.operations.GetGatewayResponse.http,
  input: model.GetGatewayResponseRequest,
  output: model.GatewayResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    checkType(input.responseType);
    return (
      engine.child(input.restApiId, 'gatewayResponse', input.responseType) ??
      defaultResponse(input.responseType)
    );
  },
});

export const getGatewayResponses = operation({
  http: model.operations.GetGatewayResponses.http,
  input: model.GetGatewayResponsesRequest,
  output: model.GatewayResponses,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const all = Object.keys(GATEWAY_RESPONSE_TYPES).map(
      (type) => engine.child(input.restApiId, 'gatewayResponse', type) ?? defaultResponse(type),
    );
    return page(all, { ...input, limit: input.limit ?? 500 });
  },
});

export const updateGatewayResponse = operation({
  http: model.operations.UpdateGatewayResponse.http,
  input: model.UpdateGatewayResponseRequest,
  output: model.GatewayResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    checkType(input.responseType);
    const stored = engine.child(input.restApiId, 'gatewayResponse', input.responseType);
    const current = stored ?? defaultResponse(input.responseType);
    const updated = {
      ...applyPatch(current, input.patchOperations, {
        statusCode: 'string',
        responseParameters: 'map',
        responseTemplates: 'map',
      }),
      defaultResponse: false,
    };
    save(engine, input.restApiId, updated, stored !== undefined);
    return updated;
  },
});

export const deleteGatewayResponse = operation({
  http: model.operations.DeleteGatewayResponse.http,
  input: model.DeleteGatewayResponseRequest,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    checkType(input.responseType);
    if (!engine.child(input.restApiId, 'gatewayResponse', input.responseType))
      throw notFound('GatewayResponse');
    engine.deleteChild(input.restApiId, 'gatewayResponse', input.responseType);
    return {};
  },
});

export function defaultResponse(type: string): GatewayResponseDoc {
  const status = GATEWAY_RESPONSE_TYPES[type];
  return {
    responseType: type,
    defaultResponse: true,
    ...(status ? { statusCode: status } : {}),
    responseParameters: {},
    responseTemplates: { 'application/json': DEFAULT_TEMPLATE },
  };
}

function save(engine: Engine, restApiId: string, doc: GatewayResponseDoc, exists: boolean): void {
  if (exists) engine.saveChild(restApiId, 'gatewayResponse', doc.responseType, doc);
  else engine.insertChild(restApiId, 'gatewayResponse', doc.responseType, doc);
}

function checkType(type: string): void {
  if (!(type in GATEWAY_RESPONSE_TYPES)) throw badRequest(`Invalid gateway response type specified: ${type}`);
}
