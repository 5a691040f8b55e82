// Create/Get/Update/DeleteAuthorizer(s) for HTTP APIs: JWT (an issuer and audiences, identity source
// `$request.header.Authorization` by default) and REQUEST (a Lambda function, payload 1.0 or 2.0, simple
// or IAM policy responses, results cached by identity for AuthorizerResultTtlInSeconds). WebSocket APIs
// take REQUEST authorizers only, without a payload format version (identity sources `route.request.…`).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { AuthorizerDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { type Engine, given, operation, page } from './operation.js';

export const createAuthorizer = operation({
  http: model.operations.CreateAuthorizer.http,
  input: model.CreateAuthorizerRequest,
  output: model.CreateAuthorizerResponse,
  run: (input, engine, ctx) => {
    const websocket = engine.requireApi(input.ApiId, ctx).ProtocolType === 'WEBSOCKET';
    const { ApiId, ...fields } = input;
    const authorizer = { AuthorizerId: newId(6), ...given(fields) } as AuthorizerDoc;
    if (authorizer.AuthorizerType === 'REQUEST') authorizer.AuthorizerResultTtlInSeconds ??= 0;
    checkAuthorizer(authorizer, websocket);
    engine.insertChild(ApiId, 'authorizer', authorizer.AuthorizerId, authorizer);
    return authorizer;
  },
});

export const getAuthorizer = operation({
  http: model.operations.GetAuthorizer.http,
  input: model.GetAuthorizerRequest,
  output: model.GetAuthorizerResponse,
  run: (input, engine, ctx) => requireAuthorizer(engine, input.ApiId, input.AuthorizerId, ctx),
});

export const getAuthorizers = operation({
  http: model.operations.GetAuthorizers.http,
  input: model.GetAuthorizersRequest,
  output: model.GetAuthorizersResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    return page(engine.children(input.ApiId, 'authorizer'), input);
  },
});

export const updateAuthorizer = operation({
  http: model.operations.UpdateAuthorizer.http,
  input: model.UpdateAuthorizerRequest,
  output: model.UpdateAuthorizerResponse,
  run: (input, engine, ctx) => {
    const current = requireAuthorizer(engine, input.ApiId, input.AuthorizerId, ctx);
    const { ApiId, AuthorizerId, ...changes } = input;
    const authorizer = { ...current, ...given(changes) } as AuthorizerDoc;
    checkAuthorizer(authorizer, engine.findApi(ApiId)?.doc.ProtocolType === 'WEBSOCKET');
    engine.store.transaction(() => {
      engine.saveChild(ApiId, 'authorizer', AuthorizerId, authorizer);
      engine.changed(ApiId);
    });
    return authorizer;
  },
});

export const deleteAuthorizer = operation({
  http: model.operations.DeleteAuthorizer.http,
  input: model.DeleteAuthorizerRequest,
  run: (input, engine, ctx) => {
    requireAuthorizer(engine, input.ApiId, input.AuthorizerId, ctx);
    if (engine.children(input.ApiId, 'route').some((route) => route.AuthorizerId === input.AuthorizerId)) {
      throw conflict(`Authorizer ${input.AuthorizerId} is in use by a route and cannot be deleted`);
    }
    engine.deleteChild(input.ApiId, 'authorizer', input.AuthorizerId);
    return {};
  },
});

function requireAuthorizer(
  engine: Engine,
  apiId: string,
  id: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(apiId, ctx);
  const authorizer = engine.child(apiId, 'authorizer', id);
  if (!authorizer) throw notFound('Authorizer', id);
  return authorizer;
}

function checkAuthorizer(authorizer: AuthorizerDoc, websocket: boolean): void {
  if (websocket) {
    if (authorizer.AuthorizerType !== 'REQUEST')
      throw badRequest('WebSocket APIs support only REQUEST authorizers');
    if (!authorizer.AuthorizerUri) throw badRequest('AuthorizerUri is required for REQUEST authorizers');
    if (authorizer.AuthorizerPayloadFormatVersion !== undefined)
      throw badRequest('AuthorizerPayloadFormatVersion is not supported for WebSocket APIs');
    return;
  }
  if (authorizer.AuthorizerType === 'JWT') {
    const jwt = authorizer.JwtConfiguration;
    if (!jwt?.Issuer || !jwt.Audience?.length) {
      throw badRequest(
        'JwtConfiguration with an Issuer and at least one Audience is required for JWT authorizers',
      );
    }
    if (authorizer.IdentitySource.length !== 1)
      throw badRequest('JWT authorizers take exactly one identity source');
    return;
  }
  if (!authorizer.AuthorizerUri) throw badRequest('AuthorizerUri is required for REQUEST authorizers');
  const version = authorizer.AuthorizerPayloadFormatVersion;
  if (version !== '1.0' && version !== '2.0') {
    throw badRequest('AuthorizerPayloadFormatVersion must be 1.0 or 2.0 for REQUEST authorizers');
  }
  if (authorizer.EnableSimpleResponses && version !== '2.0') {
    throw badRequest('Simple responses are supported only with payload format version 2.0');
  }
  const ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
  if (ttl > 0 && authorizer.IdentitySource.length === 0) {
    throw badRequest('Identity sources are required when authorizer results are cached');
  }
}
