// CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer and DeleteAuthorizer: TOKEN and REQUEST Lambda
// authorizers (authorizerUri, identitySource, identityValidationExpression, result TTL — 300 s unless
// given) and COGNITO_USER_POOLS ones (providerARNs naming the pools). Enforced at the endpoint
// (execute-api/authorization.ts).
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html

import * as model from '../../../core/generated/apigateway.js';
import type { AuthorizerDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { applyPatch, type PatchSpec } from '../patch.js';
import { type Engine, given, operation, page } from './operation.js';

const TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'];
const PATCHABLE: PatchSpec = {
  name: 'string',
  type: 'string',
  authorizerUri: 'string',
  authorizerCredentials: 'string',
  identitySource: 'string',
  identityValidationExpression: 'string',
  authorizerResultTtlInSeconds: 'number',
  authType: 'string',
  providerARNs: 'list',
};

export const createAuthorizer = operation({
  http: model.operations.CreateAuthorizer.http,
  input: model.CreateAuthorizerRequest,
  output: model.Authorizer,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    if (engine.children(input.restApiId, 'authorizer').some((a) => a.name === input.name)) {
      throw conflict(`Authorizer name already exists: ${input.name}`);
    }
    const authorizer: AuthorizerDoc = {
      id: newId(6),
      name: input.name,
      type: input.type,
      ...given({
        providerARNs: input.providerARNs,
        authType: input.authType,
        authorizerUri: input.authorizerUri,
        authorizerCredentials: input.authorizerCredentials,
        identitySource: input.identitySource,
        identityValidationExpression: input.identityValidationExpression,
        authorizerResultTtlInSeconds:
          input.authorizerResultTtlInSeconds ?? (input.type === 'COGNITO_USER_POOLS' ? undefined : 300),
      }),
    };
    checkAuthorizer(authorizer);
    engine.insertChild(input.restApiId, 'authorizer', authorizer.id, authorizer);
    return authorizer;
  },
});

export const getAuthorizer = operation({
  http: model.operations.GetAuthorizer.http,
  input: model.GetAuthorizerRequest,
  output: model.Authorizer,
  run: (input, engine, ctx) => requireAuthorizer(engine, input.restApiId, input.authorizerId, ctx),
});

export const getAuthorizers = operation({
  http: model.operations.GetAuthorizers.http,
  input: model.GetAuthorizersRequest,
  output: model.Authorizers,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    return page(engine.children(input.restApiId, 'authorizer'), input);
  },
});

export const updateAuthorizer = operation({
  http: model.operations.UpdateAuthorizer.http,
  input: model.UpdateAuthorizerRequest,
  output: model.Authorizer,
  run: (input, engine, ctx) => {
    const current = requireAuthorizer(engine, input.restApiId, input.authorizerId, ctx);
    const updated = applyPatch(current, input.patchOperations, PATCHABLE);
    checkAuthorizer(updated);
    engine.saveChild(input.restApiId, 'authorizer', current.id, updated);
    return updated;
  },
});

export const deleteAuthorizer = operation({
  http: model.operations.DeleteAuthorizer.http,
  input: model.DeleteAuthorizerRequest,
  run: (input, engine, ctx) => {
    requireAuthorizer(engine, input.restApiId, input.authorizerId, ctx);
    const used = engine
      .children(input.restApiId, 'resource')
      .some((r) => Object.values(r.resourceMethods ?? {}).some((m) => m.authorizerId === input.authorizerId));
    if (used) throw conflict('Cannot delete authorizer, it is in use by one or more methods');
    engine.deleteChild(input.restApiId, 'authorizer', input.authorizerId);
    return {};
  },
});

function requireAuthorizer(
  engine: Engine,
  restApiId: string,
  authorizerId: string,
  ctx: { account: string; region: string },
): AuthorizerDoc {
  engine.requireApi(restApiId, ctx);
  const authorizer = engine.child(restApiId, 'authorizer', authorizerId);
  if (!authorizer) throw notFound('Authorizer');
  return authorizer;
}

function checkAuthorizer(authorizer: AuthorizerDoc): void {
  if (!TYPES.includes(authorizer.type)) {
    throw badRequest(`Invalid authorizer type specified. Valid options are ${TYPES.join(',')}`);
  }
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    if (!authorizer.providerARNs?.length)
      throw badRequest('ProviderARNs must be specified for Cognito authorizers');
  } else if (!authorizer.authorizerUri) {
    throw badRequest('Authorizer URI is required for TOKEN and REQUEST authorizers');
  }
  if (
    authorizer.type === 'TOKEN' &&
    !/^method\.request\.header\.[^,\s]+$/.test(authorizer.identitySource ?? '')
  ) {
    throw badRequest(`Invalid identity source for TOKEN authorizer: ${authorizer.identitySource ?? ''}`);
  }
  const ttl = authorizer.authorizerResultTtlInSeconds;
  if (ttl !== undefined && (ttl < 0 || ttl > 3600)) {
    throw badRequest('Authorizer result TTL must be between 0 and 3600 seconds');
  }
  if (authorizer.identityValidationExpression !== undefined) {
    try {
      new RegExp(authorizer.identityValidationExpression);
    } catch {
      throw badRequest('Invalid identity validation expression specified');
    }
  }
}
