// CreateApiCache, GetApiCache, UpdateApiCache, DeleteApiCache and FlushApiCache: an API's server-side cache
// settings, one per API. Nimbus stores the configuration (so templates and clients read back what they
// set) and answers AVAILABLE at once; resolvers are not cached (every request reaches its data source).
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateApiCache.html

import * as model from '../../../core/generated/appsync.js';
import { badRequest, notFound } from '../errors.js';
import { type Engine, given, operation } from './operation.js';

const CACHE = 'cache';

export const createApiCache = operation({
  http: model.operations.CreateApiCache.http,
  input: model.CreateApiCacheRequest,
  output: model.CreateApiCacheResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    // Wording not confirmed from AWS's documentation.
    if (engine.docs.child(api.apiId, 'apiCache', CACHE)) throw badRequest('API cache already exists.');
    const { apiId, ...settings } = given(input);
    const cache = {
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: false,
      healthMetricsConfig: 'DISABLED',
      ...settings,
      status: 'AVAILABLE',
    };
    engine.docs.insertChild(api.apiId, 'apiCache', CACHE, cache);
    return { apiCache: cache };
  },
});

export const getApiCache = operation({
  http: model.operations.GetApiCache.http,
  input: model.GetApiCacheRequest,
  output: model.GetApiCacheResponse,
  run: (input, engine, ctx) => ({ apiCache: requireCache(engine, input.apiId, ctx) }),
});

export const updateApiCache = operation({
  http: model.operations.UpdateApiCache.http,
  input: model.UpdateApiCacheRequest,
  output: model.UpdateApiCacheResponse,
  run: (input, engine, ctx) => {
    const cache = requireCache(engine, input.apiId, ctx);
    const { apiId, ...settings } = given(input);
    const updated = { ...cache, ...settings, status: 'AVAILABLE' };
    engine.docs.saveChild(input.apiId, 'apiCache', CACHE, updated);
    return { apiCache: updated };
  },
});

export const deleteApiCache = operation({
  http: model.operations.DeleteApiCache.http,
  input: model.DeleteApiCacheRequest,
  output: model.DeleteApiCacheResponse,
  run: (input, engine, ctx) => {
    requireCache(engine, input.apiId, ctx);
    engine.docs.deleteChild(input.apiId, 'apiCache', CACHE);
    return {};
  },
});

export const flushApiCache = operation({
  http: model.operations.FlushApiCache.http,
  input: model.FlushApiCacheRequest,
  output: model.FlushApiCacheResponse,
  run: (input, engine, ctx) => {
    requireCache(engine, input.apiId, ctx);
    return {};
  },
});

function requireCache(
  engine: Engine,
  apiId: string,
  ctx: { account: string; region: string },
): Record<string, unknown> {
  engine.requireApi(apiId, ctx);
  const cache = engine.docs.child(apiId, 'apiCache', CACHE);
  // Wording not confirmed from AWS's documentation.
  if (!cache) throw notFound(`No API cache found for API ${apiId}.`);
  return cache;
}
