// PutIntegrationResponse, GetIntegrationResponse, UpdateIntegrationResponse and DeleteIntegrationResponse:
// the answers a non-proxy integration's result is mapped to — chosen by `selectionPattern` (a regular
// expression matched against a Lambda error message or an HTTP status; none is the default) — with their
// response parameters and templates.
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html

import * as model from '../../../core/generated/apigateway.js';
import type { IntegrationResponseDoc, MethodDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { applyPatch } from '../patch.js';
import { checkStatus } from './method-responses.js';
import { requireMethod, withMethod } from './methods.js';
import { given, operation } from './operation.js';

export const putIntegrationResponse = operation({
  http: model.operations.PutIntegrationResponse.http,
  input: model.PutIntegrationResponseRequest,
  output: model.IntegrationResponse,
  run: (input, engine, ctx) => {
    checkStatus(input.statusCode);
    const response: IntegrationResponseDoc = {
      statusCode: input.statusCode,
      ...given({
        selectionPattern: input.selectionPattern,
        responseParameters: input.responseParameters,
        responseTemplates: input.responseTemplates,
        contentHandling: input.contentHandling,
      }),
    };
    checkPattern(response.selectionPattern);
    withMethod(engine, input, ctx, (method) => setResponse(method, input.statusCode, response));
    return response;
  },
});

export const getIntegrationResponse = operation({
  http: model.operations.GetIntegrationResponse.http,
  input: model.GetIntegrationResponseRequest,
  output: model.IntegrationResponse,
  run: (input, engine, ctx) => {
    const integration = requireMethod(engine, input, ctx).method.methodIntegration;
    if (!integration) throw notFound('Integration');
    const response = integration.integrationResponses?.[input.statusCode];
    if (!response) throw notFound('Response');
    return response;
  },
});

export const updateIntegrationResponse = operation({
  http: model.operations.UpdateIntegrationResponse.http,
  input: model.UpdateIntegrationResponseRequest,
  output: model.IntegrationResponse,
  run: (input, engine, ctx) => {
    let updated: IntegrationResponseDoc | undefined;
    withMethod(engine, input, ctx, (method) => {
      const current = method.methodIntegration?.integrationResponses?.[input.statusCode];
      if (!current) throw notFound('Response');
      updated = applyPatch(current, input.patchOperations, {
        selectionPattern: 'string',
        responseParameters: 'map',
        responseTemplates: 'map',
        contentHandling: 'string',
      });
      checkPattern(updated.selectionPattern);
      return setResponse(method, input.statusCode, updated);
    });
    return updated;
  },
});

export const deleteIntegrationResponse = operation({
  http: model.operations.DeleteIntegrationResponse.http,
  input: model.DeleteIntegrationResponseRequest,
  run: (input, engine, ctx) => {
    withMethod(engine, input, ctx, (method) => {
      const responses = method.methodIntegration?.integrationResponses;
      if (!responses?.[input.statusCode]) throw notFound('Response');
      const { [input.statusCode]: _gone, ...kept } = responses;
      return { ...method, methodIntegration: { ...method.methodIntegration!, integrationResponses: kept } };
    });
    return {};
  },
});

function setResponse(method: MethodDoc, statusCode: string, response: IntegrationResponseDoc): MethodDoc {
  const integration = method.methodIntegration;
  if (!integration) throw notFound('Integration');
  const integrationResponses = { ...integration.integrationResponses, [statusCode]: response };
  return { ...method, methodIntegration: { ...integration, integrationResponses } };
}

function checkPattern(pattern: string | undefined): void {
  if (pattern === undefined) return;
  try {
    new RegExp(pattern);
  } catch {
    throw badRequest(`Invalid selection pattern specified: ${pattern}`);
  }
}
