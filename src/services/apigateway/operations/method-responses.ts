// PutMethodResponse, GetMethodResponse, UpdateMethodResponse and DeleteMethodResponse: the status codes a
// method declares, with the response parameters (headers) and models each may carry.
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html

import * as model from '../../../core/generated/apigateway.js';
import type { MethodResponseDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { applyPatch } from '../patch.js';
import { requireMethod, withMethod } from './methods.js';
import { given, operation } from './operation.js';

export const putMethodResponse = operation({
  http: model.operations.PutMethodResponse.http,
  input: model.PutMethodResponseRequest,
  output: model.MethodResponse,
  run: (input, engine, ctx) => {
    checkStatus(input.statusCode);
    const response: MethodResponseDoc = {
      statusCode: input.statusCode,
      ...given({ responseParameters: input.responseParameters, responseModels: input.responseModels }),
    };
    withMethod(engine, input, ctx, (method) => {
      if (method.methodResponses?.[input.statusCode])
        throw conflict('Response already exists for this resource');
      return { ...method, methodResponses: { ...method.methodResponses, [input.statusCode]: response } };
    });
    return response;
  },
});

export const getMethodResponse = operation({
  http: model.operations.GetMethodResponse.http,
  input: model.GetMethodResponseRequest,
  output: model.MethodResponse,
  run: (input, engine, ctx) => {
    const response = requireMethod(engine, input, ctx).method.methodResponses?.[input.statusCode];
    if (!response) throw notFound('Response');
    return response;
  },
});

export const updateMethodResponse = operation({
  http: model.operations.UpdateMethodResponse.http,
  input: model.UpdateMethodResponseRequest,
  output: model.MethodResponse,
  run: (input, engine, ctx) => {
    let updated: MethodResponseDoc | undefined;
    withMethod(engine, input, ctx, (method) => {
      const current = method.methodResponses?.[input.statusCode];
      if (!current) throw notFound('Response');
      updated = applyPatch(current, input.patchOperations, {
        responseParameters: 'booleanMap',
        responseModels: 'map',
      });
      return { ...method, methodResponses: { ...method.methodResponses, [input.statusCode]: updated } };
    });
    return updated;
  },
});

export const deleteMethodResponse = operation({
  http: model.operations.DeleteMethodResponse.http,
  input: model.DeleteMethodResponseRequest,
  run: (input, engine, ctx) => {
    withMethod(engine, input, ctx, (method) => {
      if (!method.methodResponses?.[input.statusCode]) throw notFound('Response');
      const { [input.statusCode]: _gone, ...kept } = method.methodResponses;
      return { ...method, methodResponses: kept };
    });
    return {};
  },
});

export function checkStatus(statusCode: string): void {
  if (!/^[1-5]\d\d$/.test(statusCode)) throw badRequest('Invalid status code specified');
}
