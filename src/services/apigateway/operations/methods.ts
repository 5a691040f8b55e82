// PutMethod, GetMethod, UpdateMethod and DeleteMethod on a resource (GET, POST, PUT, PATCH, DELETE, HEAD,
// OPTIONS or ANY; authorization NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS; API key required; request
// parameters, models and validator), and the `withMethod` every method child (responses, integration)
// changes through.
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html

import * as model from '../../../core/generated/apigateway.js';
import type { RequestContext } from '../../../core/service.js';
import type { MethodDoc, ResourceDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { applyPatch, type PatchSpec } from '../patch.js';
import { type Engine, given, operation } from './operation.js';
import { requireResource } from './resources.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'];
const AUTHORIZATION = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];
const PATCHABLE: PatchSpec = {
  authorizationType: 'string',
  authorizerId: 'string',
  apiKeyRequired: 'boolean',
  requestValidatorId: 'string',
  operationName: 'string',
  requestParameters: 'booleanMap',
  requestModels: 'map',
  authorizationScopes: 'list',
};

export const putMethod = operation({
  http: model.operations.PutMethod.http,
  input: model.PutMethodRequest,
  output: model.Method,
  run: (input, engine, ctx) => {
    const httpMethod = checkMethod(input.httpMethod);
    const resource = requireResource(engine, input.restApiId, input.resourceId, ctx);
    if (resource.resourceMethods?.[httpMethod]) throw conflict('Method already exists for this resource');
    const method: MethodDoc = {
      httpMethod,
      authorizationType: input.authorizationType,
      apiKeyRequired: input.apiKeyRequired ?? false,
      ...given({
        authorizerId: input.authorizerId,
        requestValidatorId: input.requestValidatorId,
        operationName: input.operationName,
        requestParameters: input.requestParameters,
        requestModels: input.requestModels,
        authorizationScopes: input.authorizationScopes,
      }),
    };
    checkAuthorization(engine, input.restApiId, method);
    saveMethod(engine, input.restApiId, resource, method);
    return method;
  },
});

export const getMethod = operation({
  http: model.operations.GetMethod.http,
  input: model.GetMethodRequest,
  output: model.Method,
  run: (input, engine, ctx) => requireMethod(engine, input, ctx).method,
});

export const updateMethod = operation({
  http: model.operations.UpdateMethod.http,
  input: model.UpdateMethodRequest,
  output: model.Method,
  run: (input, engine, ctx) =>
    withMethod(engine, input, ctx, (method) => {
      const changed = applyPatch(method, input.patchOperations, PATCHABLE);
      checkAuthorization(engine, input.restApiId, changed);
      return changed;
    }),
});

export const deleteMethod = operation({
  http: model.operations.DeleteMethod.http,
  input: model.DeleteMethodRequest,
  run: (input, engine, ctx) => {
    const { resource } = requireMethod(engine, input, ctx);
    const { [input.httpMethod.toUpperCase()]: _gone, ...kept } = resource.resourceMethods ?? {};
    engine.saveChild(input.restApiId, 'resource', resource.id, { ...resource, resourceMethods: kept });
    return {};
  },
});

export interface MethodAddress {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly httpMethod: string;
}

/** The method and its resource, or NotFoundException. */
export function requireMethod(
  engine: Engine,
  address: MethodAddress,
  ctx: Pick<RequestContext, 'account' | 'region'>,
): { resource: ResourceDoc; method: MethodDoc } {
  const resource = requireResource(engine, address.restApiId, address.resourceId, ctx);
  const method = resource.resourceMethods?.[address.httpMethod.toUpperCase()];
  if (!method) throw notFound('Method');
  return { resource, method };
}

/** Changes a method (or one of its children) and saves its resource; answers the changed method. */
export function withMethod(
  engine: Engine,
  address: MethodAddress,
  ctx: Pick<RequestContext, 'account' | 'region'>,
  change: (method: MethodDoc) => MethodDoc,
): MethodDoc {
  const { resource, method } = requireMethod(engine, address, ctx);
  const changed = change(method);
  saveMethod(engine, address.restApiId, resource, changed);
  return changed;
}

function saveMethod(engine: Engine, restApiId: string, resource: ResourceDoc, method: MethodDoc): void {
  const resourceMethods = { ...resource.resourceMethods, [method.httpMethod]: method };
  engine.saveChild(restApiId, 'resource', resource.id, { ...resource, resourceMethods });
}

function checkMethod(httpMethod: string): string {
  const upper = httpMethod.toUpperCase();
  if (!METHODS.includes(upper)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${METHODS.join(',')}`);
  }
  return upper;
}

function checkAuthorization(engine: Engine, restApiId: string, method: MethodDoc): void {
  if (!AUTHORIZATION.includes(method.authorizationType)) {
    throw badRequest(`Invalid authorization type specified. Valid options are ${AUTHORIZATION.join(',')}`);
  }
  const needs = method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS';
  if (!needs) return;
  const authorizer = method.authorizerId && engine.child(restApiId, 'authorizer', method.authorizerId);
  if (!authorizer) {
    throw badRequest(
      'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
    );
  }
  const cognito = authorizer.type === 'COGNITO_USER_POOLS';
  if (cognito !== (method.authorizationType === 'COGNITO_USER_POOLS')) {
    throw badRequest(
      `Authorizer ${authorizer.id} is of type ${authorizer.type}, which the method's authorization type does not take`,
    );
  }
}
