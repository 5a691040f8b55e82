// Create/Get/Update/Delete/ListFunctionUrlConfig(s). The FunctionUrl handed out is the path form on the
// endpoint the caller used (function-urls.ts says why); the host form is served too (url-mount.ts).
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html

import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import { describeUrl } from '../function-urls.js';
import type { Lambda } from '../lambda.js';
import { type FunctionRef, parseFunctionName } from '../names.js';
import { operation } from './operation.js';
import { page } from './paging.js';

export const createFunctionUrlConfig = operation({
  http: model.operations.CreateFunctionUrlConfig.http,
  input: model.CreateFunctionUrlConfigRequest,
  run: (input, lambda, ctx) => {
    const ref = urlRef(lambda, input, ctx);
    const url = lambda.urls.create(ref, input);
    // CreateFunctionUrlConfig's answer has no LastModifiedTime (API reference, response syntax).
    const { LastModifiedTime, ...created } = describeUrl(url, ctx.host);
    return created;
  },
});

export const getFunctionUrlConfig = operation({
  http: model.operations.GetFunctionUrlConfig.http,
  input: model.GetFunctionUrlConfigRequest,
  run: (input, lambda, ctx) => describeUrl(lambda.urls.require(urlRef(lambda, input, ctx)), ctx.host),
});

export const updateFunctionUrlConfig = operation({
  http: model.operations.UpdateFunctionUrlConfig.http,
  input: model.UpdateFunctionUrlConfigRequest,
  run: (input, lambda, ctx) => describeUrl(lambda.urls.update(urlRef(lambda, input, ctx), input), ctx.host),
});

export const deleteFunctionUrlConfig = operation({
  http: model.operations.DeleteFunctionUrlConfig.http,
  input: model.DeleteFunctionUrlConfigRequest,
  run: (input, lambda, ctx) => {
    lambda.urls.delete(urlRef(lambda, input, ctx));
    return undefined;
  },
});

export const listFunctionUrlConfigs = operation({
  http: model.operations.ListFunctionUrlConfigs.http,
  input: model.ListFunctionUrlConfigsRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    const all = lambda.urls.list(ref).map((url) => describeUrl(url, ctx.host));
    const { items, next } = page(all, input, (url) => String(url.FunctionArn));
    return { FunctionUrlConfigs: items, NextMarker: next };
  },
});

/** The function (and alias) a URL request names; both must exist. */
function urlRef(
  lambda: Lambda,
  input: { FunctionName: string; Qualifier?: string },
  ctx: RequestContext,
): FunctionRef {
  const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
  lambda.functions.require(ref);
  if (ref.qualifier !== undefined) lambda.functions.alias(ref, ref.qualifier);
  return ref;
}
