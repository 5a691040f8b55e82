// CreateModel, GetModel(s), UpdateModel, DeleteModel (by name) and the request validators
// (CreateRequestValidator, GetRequestValidator(s), UpdateRequestValidator, DeleteRequestValidator) that
// check a method's required parameters and its body against the model at the endpoint.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRequestValidator.html

import * as model from '../../../core/generated/apigateway.js';
import type { ModelDoc, RequestValidatorDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { applyPatch } from '../patch.js';
import { type Engine, given, operation, page } from './operation.js';

export const createModel = operation({
  http: model.operations.CreateModel.http,
  input: model.CreateModelRequest,
  output: model.Model,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    if (!/^[a-zA-Z0-9]+$/.test(input.name)) throw badRequest('Model name must be alphanumeric');
    if (findModel(engine, input.restApiId, input.name))
      throw conflict('Model name already exists for this REST API');
    checkSchema(input.schema);
    const doc: ModelDoc = {
      id: newId(6),
      name: input.name,
      contentType: input.contentType,
      ...given({ schema: input.schema, description: input.description }),
    };
    engine.insertChild(input.restApiId, 'model', doc.id, doc);
    return doc;
  },
});

export const getModel = operation({
  http: model.operations.GetModel.http,
  input: model.GetModelRequest,
  output: model.Model,
  run: (input, engine, ctx) => requireModel(engine, input.restApiId, input.modelName, ctx),
});

export const getModels = operation({
  http: model.operations.GetModels.http,
  input: model.GetModelsRequest,
  output: model.Models,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    return page(engine.children(input.restApiId, 'model'), input);
  },
});

export const updateModel = operation({
  http: model.operations.UpdateModel.http,
  input: model.UpdateModelRequest,
  output: model.Model,
  run: (input, engine, ctx) => {
    const current = requireModel(engine, input.restApiId, input.modelName, ctx);
    const updated = applyPatch(current, input.patchOperations, { schema: 'string', description: 'string' });
    checkSchema(updated.schema);
    engine.saveChild(input.restApiId, 'model', current.id, updated);
    return updated;
  },
});

export const deleteModel = operation({
  http: model.operations.DeleteModel.http,
  input: model.DeleteModelRequest,
  run: (input, engine, ctx) => {
    const current = requireModel(engine, input.restApiId, input.modelName, ctx);
    engine.deleteChild(input.restApiId, 'model', current.id);
    return {};
  },
});

export const createRequestValidator = operation({
  http: model.operations.CreateRequestValidator.http,
  input: model.CreateRequestValidatorRequest,
  output: model.RequestValidator,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const doc: RequestValidatorDoc = {
      id: newId(6),
      name: input.name ?? '',
      validateRequestBody: input.validateRequestBody ?? false,
      validateRequestParameters: input.validateRequestParameters ?? false,
    };
    engine.insertChild(input.restApiId, 'validator', doc.id, doc);
    return doc;
  },
});

export const getRequestValidator = operation({
  http: model.operations.GetRequestValidator.http,
  input: model.GetRequestValidatorRequest,
  output: model.RequestValidator,
  run: (input, engine, ctx) => requireValidator(engine, input.restApiId, input.requestValidatorId, ctx),
});

export const getRequestValidators = operation({
  http: model.operations.GetRequestValidators.http,
  input: model.GetRequestValidatorsRequest,
  output: model.RequestValidators,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    return page(engine.children(input.restApiId, 'validator'), input);
  },
});

export const updateRequestValidator = operation({
  http: model.operations.UpdateRequestValidator.http,
  input: model.UpdateRequestValidatorRequest,
  output: model.RequestValidator,
  run: (input, engine, ctx) => {
    const current = requireValidator(engine, input.restApiId, input.requestValidatorId, ctx);
    const updated = applyPatch(current, input.patchOperations, {
      name: 'string',
      validateRequestBody: 'boolean',
      validateRequestParameters: 'boolean',
    });
    engine.saveChild(input.restApiId, 'validator', current.id, updated);
    return updated;
  },
});

export const deleteRequestValidator = operation({
  http: model.operations.DeleteRequestValidator.http,
  input: model.DeleteRequestValidatorRequest,
  run: (input, engine, ctx) => {
    requireValidator(engine, input.restApiId, input.requestValidatorId, ctx);
    engine.deleteChild(input.restApiId, 'validator', input.requestValidatorId);
    return {};
  },
});

function findModel(engine: Engine, restApiId: string, name: string): ModelDoc | undefined {
  return engine.children(restApiId, 'model').find((m) => m.name === name);
}

function requireModel(
  engine: Engine,
  restApiId: string,
  name: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(restApiId, ctx);
  const found = findModel(engine, restApiId, name);
  if (!found) throw notFound('Model', name);
  return found;
}

function requireValidator(
  engine: Engine,
  restApiId: string,
  id: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(restApiId, ctx);
  const found = engine.child(restApiId, 'validator', id);
  if (!found) throw notFound('RequestValidator');
  return found;
}

function checkSchema(schema: string | undefined): void {
  if (schema === undefined) return;
  try {
    JSON.parse(schema);
  } catch {
    throw badRequest(
      'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]',
    );
  }
}
