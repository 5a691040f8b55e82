// CreateFunction, GetFunction, UpdateFunction, DeleteFunction and ListFunctions: the steps of pipeline
// resolvers, each over one data source.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateFunction.html

import * as model from '../../../core/generated/appsync.js';
import type { FunctionDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { checkHandlers } from '../execution/handlers.js';
import { newFunctionId } from '../names.js';
import { requireDataSource } from './data-sources.js';
import { type Engine, given, operation, page } from './operation.js';

export const createFunction = operation({
  http: model.operations.CreateFunction.http,
  input: model.CreateFunctionRequest,
  output: model.CreateFunctionResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    requireDataSource(engine, api.apiId, input.dataSourceName);
    const functionId = newFunctionId();
    const { apiId, ...members } = given(input);
    const doc = {
      ...members,
      functionId,
      functionArn: `${api.arn}/functions/${functionId}`,
      ...(input.runtime ? {} : { functionVersion: input.functionVersion ?? '2018-05-29' }),
    } as FunctionDoc;
    checkHandlers(doc);
    engine.docs.insertChild(api.apiId, 'function', functionId, doc);
    engine.changed(api.apiId);
    return { functionConfiguration: doc };
  },
});

export const updateFunction = operation({
  http: model.operations.UpdateFunction.http,
  input: model.UpdateFunctionRequest,
  output: model.UpdateFunctionResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const existing = requireFunction(engine, api.apiId, input.functionId);
    requireDataSource(engine, api.apiId, input.dataSourceName);
    const { apiId, ...members } = given(input);
    const doc = {
      ...members,
      functionArn: existing.functionArn,
      ...(input.runtime ? {} : { functionVersion: input.functionVersion ?? '2018-05-29' }),
    } as FunctionDoc;
    checkHandlers(doc);
    engine.docs.saveChild(api.apiId, 'function', input.functionId, doc);
    engine.changed(api.apiId);
    return { functionConfiguration: doc };
  },
});

export const getFunction = operation({
  http: model.operations.GetFunction.http,
  input: model.GetFunctionRequest,
  output: model.GetFunctionResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    return { functionConfiguration: requireFunction(engine, input.apiId, input.functionId) };
  },
});

export const deleteFunction = operation({
  http: model.operations.DeleteFunction.http,
  input: model.DeleteFunctionRequest,
  output: model.DeleteFunctionResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    requireFunction(engine, input.apiId, input.functionId);
    const user = engine.docs
      .children(input.apiId, 'resolver')
      .find((resolver) => resolver.pipelineConfig?.functions.includes(input.functionId));
    if (user) {
      throw badRequest(
        `Cannot delete a function which is currently used by a resolver. Resolver type: ${user.typeName}, field: ${user.fieldName}`,
      );
    }
    engine.docs.deleteChild(input.apiId, 'function', input.functionId);
    engine.changed(input.apiId);
    return {};
  },
});

export const listFunctions = operation({
  http: model.operations.ListFunctions.http,
  input: model.ListFunctionsRequest,
  output: model.ListFunctionsResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const { items, nextToken } = page(engine.docs.children(input.apiId, 'function'), input);
    return { functions: items, nextToken };
  },
});

function requireFunction(engine: Engine, apiId: string, functionId: string): FunctionDoc {
  const doc = engine.docs.child(apiId, 'function', functionId);
  if (!doc) throw notFound(`Function ${functionId} not found.`);
  return doc;
}
