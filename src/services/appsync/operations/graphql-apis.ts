// CreateGraphqlApi, GetGraphqlApi, UpdateGraphqlApi, DeleteGraphqlApi and ListGraphqlApis.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateGraphqlApi.html

import * as model from '../../../core/generated/appsync.js';
import type { GraphqlApiDoc } from '../documents.js';
import { apiDns, apiUris } from '../endpoints.js';
import { badRequest } from '../errors.js';
import { apiArn, newApiId } from '../names.js';
import { given, operation, page } from './operation.js';

type AuthSettings = Pick<
  GraphqlApiDoc,
  'authenticationType' | 'userPoolConfig' | 'openIDConnectConfig' | 'lambdaAuthorizerConfig'
> & { additionalAuthenticationProviders?: GraphqlApiDoc['additionalAuthenticationProviders'] };

export const createGraphqlApi = operation({
  http: model.operations.CreateGraphqlApi.http,
  input: model.CreateGraphqlApiRequest,
  output: model.CreateGraphqlApiResponse,
  run: (input, engine, ctx) => {
    const settings = input as unknown as AuthSettings;
    checkAuthentication(settings);
    const apiId = newApiId();
    const doc: GraphqlApiDoc = {
      ...(given(input) as Partial<GraphqlApiDoc>),
      name: input.name,
      apiId,
      authenticationType: input.authenticationType,
      arn: apiArn(ctx.region, ctx.account, apiId),
      uris: apiUris(engine.endpoint(), apiId),
      dns: apiDns(ctx.region, apiId),
      tags: input.tags ?? {},
      additionalAuthenticationProviders: settings.additionalAuthenticationProviders ?? [],
      xrayEnabled: input.xrayEnabled ?? false,
      visibility: input.visibility ?? 'GLOBAL',
      apiType: input.apiType ?? 'GRAPHQL',
      owner: ctx.account,
      introspectionConfig: input.introspectionConfig ?? 'ENABLED',
      queryDepthLimit: input.queryDepthLimit ?? 0,
      resolverCountLimit: input.resolverCountLimit ?? 0,
    };
    engine.docs.insertParent(apiId, ctx.account, ctx.region, doc);
    return { graphqlApi: shown(doc, engine.endpoint()) };
  },
});

export const getGraphqlApi = operation({
  http: model.operations.GetGraphqlApi.http,
  input: model.GetGraphqlApiRequest,
  output: model.GetGraphqlApiResponse,
  run: (input, engine, ctx) => ({
    graphqlApi: shown(engine.requireApi(input.apiId, ctx), engine.endpoint()),
  }),
});

export const updateGraphqlApi = operation({
  http: model.operations.UpdateGraphqlApi.http,
  input: model.UpdateGraphqlApiRequest,
  output: model.UpdateGraphqlApiResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    checkAuthentication(input as unknown as AuthSettings);
    const { apiId, ...changes } = given(input);
    const doc: GraphqlApiDoc = { ...api, ...(changes as Partial<GraphqlApiDoc>) };
    // The authentication members not given are cleared: UpdateGraphqlApi replaces the API's auth setup.
    for (const member of ['userPoolConfig', 'openIDConnectConfig', 'lambdaAuthorizerConfig', 'logConfig']) {
      if ((input as Record<string, unknown>)[member] === undefined) delete doc[member];
    }
    doc.additionalAuthenticationProviders =
      (input as unknown as AuthSettings).additionalAuthenticationProviders ?? [];
    engine.docs.saveParent(api.apiId, doc);
    engine.changed(api.apiId);
    return { graphqlApi: shown(doc, engine.endpoint()) };
  },
});

export const deleteGraphqlApi = operation({
  http: model.operations.DeleteGraphqlApi.http,
  input: model.DeleteGraphqlApiRequest,
  output: model.DeleteGraphqlApiResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    engine.docs.deleteParent(input.apiId);
    engine.changed(input.apiId);
    return {};
  },
});

export const listGraphqlApis = operation({
  http: model.operations.ListGraphqlApis.http,
  input: model.ListGraphqlApisRequest,
  output: model.ListGraphqlApisResponse,
  run: (input, engine, ctx) => {
    const apis = engine.docs
      .parents(ctx.account, ctx.region)
      .filter((api) => input.apiType === undefined || api.apiType === input.apiType);
    const { items, nextToken } = page(apis, input);
    return { graphqlApis: items.map((api) => shown(api, engine.endpoint())), nextToken };
  },
});

/** The API as answered: its uris follow the cloud's endpoint (a restart may move the port). */
function shown(doc: GraphqlApiDoc, endpoint: string): GraphqlApiDoc {
  return { ...doc, uris: apiUris(endpoint, doc.apiId) };
}

/** Each authentication type needs its own config, and only it (the messages AppSync answers with). */
function checkAuthentication(settings: AuthSettings): void {
  const providers = [settings, ...(settings.additionalAuthenticationProviders ?? [])];
  for (const provider of providers) {
    const type = provider.authenticationType;
    if (type === 'AMAZON_COGNITO_USER_POOLS' && !provider.userPoolConfig) {
      throw badRequest('userPoolConfig is required for AMAZON_COGNITO_USER_POOLS authentication.');
    }
    if (type === 'OPENID_CONNECT' && !provider.openIDConnectConfig) {
      throw badRequest('openIDConnectConfig is required for OPENID_CONNECT authentication.');
    }
    if (type === 'AWS_LAMBDA' && !provider.lambdaAuthorizerConfig) {
      throw badRequest('lambdaAuthorizerConfig is required for AWS_LAMBDA authentication.');
    }
  }
  const types = providers.map((provider) => provider.authenticationType);
  if (types.filter((type) => type === 'AWS_LAMBDA').length > 1) {
    throw badRequest('Only one AWS_LAMBDA authentication provider is allowed per API.');
  }
}
