// CreateApi (with quick create: Target, RouteKey and CredentialsArn make an integration, a route and the
// auto-deploying `$default` stage), GetApi(s), UpdateApi and DeleteApi; HTTP and WebSocket APIs (the latter
// need a RouteSelectionExpression: it has no default for them).
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { RequestContext } from '../../../core/service.js';
import type { ApiDoc } from '../documents.js';
import { badRequest } from '../errors.js';
import { newId } from '../names.js';
import { describeApi } from './describe.js';
import { type Engine, given, operation, page } from './operation.js';
import { quickCreate } from './quick-create.js';
import { checkWebSocketApi } from './websocket-checks.js';

export const createApi = operation({
  http: model.operations.CreateApi.http,
  input: model.CreateApiRequest,
  output: model.CreateApiResponse,
  run: (input, engine, ctx) => {
    if (input.ProtocolType !== 'HTTP' && input.ProtocolType !== 'WEBSOCKET') {
      throw badRequest(`Invalid protocol type ${input.ProtocolType}: expected HTTP or WEBSOCKET`);
    }
    if (input.ProtocolType === 'WEBSOCKET') checkWebSocketApi(input);
    if (input.Target === undefined && (input.RouteKey !== undefined || input.CredentialsArn !== undefined)) {
      throw badRequest('RouteKey and CredentialsArn are supported only with Target (quick create).');
    }
    const api: ApiDoc = {
      ApiId: newId(10),
      Name: input.Name,
      ProtocolType: input.ProtocolType,
      RouteSelectionExpression: input.RouteSelectionExpression ?? '$request.method $request.path',
      ApiKeySelectionExpression: input.ApiKeySelectionExpression ?? '$request.header.x-api-key',
      CreatedDate: engine.clock.now(),
      DisableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
      IpAddressType: input.IpAddressType ?? 'ipv4',
      Tags: input.Tags ?? {},
      ...given({
        CorsConfiguration: input.CorsConfiguration,
        Description: input.Description,
        Version: input.Version,
      }),
    };
    engine.store.transaction(() => {
      engine.insertApi(ctx.account, ctx.region, api);
      if (input.Target !== undefined)
        quickCreate(engine, api, input.Target, input.RouteKey, input.CredentialsArn);
    });
    return describeApi(api, ctx);
  },
});

export const getApi = operation({
  http: model.operations.GetApi.http,
  input: model.GetApiRequest,
  output: model.GetApiResponse,
  run: (input, engine, ctx) => describeApi(engine.requireApi(input.ApiId, ctx), ctx),
});

export const getApis = operation({
  http: model.operations.GetApis.http,
  input: model.GetApisRequest,
  output: model.GetApisResponse,
  run: (input, engine, ctx) => {
    const apis = engine.apis(ctx.account, ctx.region).map((api) => describeApi(api, ctx));
    return page(apis, input);
  },
});

export const updateApi = operation({
  http: model.operations.UpdateApi.http,
  input: model.UpdateApiRequest,
  output: model.UpdateApiResponse,
  run: (input, engine, ctx) => {
    const current = engine.requireApi(input.ApiId, ctx);
    const { ApiId, Target, RouteKey, CredentialsArn, ...changes } = input;
    const api: ApiDoc = { ...current, ...given(changes) };
    if (api.ProtocolType === 'WEBSOCKET') checkWebSocketApi({ ...api, Target });
    engine.store.transaction(() => {
      engine.saveApi(api);
      if (Target !== undefined) quickCreate(engine, api, Target, RouteKey, CredentialsArn);
      engine.changed(ApiId);
    });
    return describeApi(api, ctx);
  },
});

export const deleteApi = operation({
  http: model.operations.DeleteApi.http,
  input: model.DeleteApiRequest,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    engine.deleteApi(input.ApiId);
    return {};
  },
});

/** For operations on an API's children: the API must be the caller's. */
export function requireApi(engine: Engine, apiId: string, ctx: RequestContext): ApiDoc {
  return engine.requireApi(apiId, ctx);
}
