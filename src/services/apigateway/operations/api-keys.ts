// CreateApiKey (a 40-character value unless one is given), GetApiKey(s) (values only when asked for),
// UpdateApiKey and DeleteApiKey: the account's keys, which usage plans hand out to methods that require one.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html

import * as model from '../../../core/generated/apigateway.js';
import type { ApiKeyDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId, newKeyValue } from '../names.js';
import { applyPatch } from '../patch.js';
import { type Engine, given, operation, page } from './operation.js';

export const createApiKey = operation({
  http: model.operations.CreateApiKey.http,
  input: model.CreateApiKeyRequest,
  output: model.ApiKey,
  run: (input, engine, ctx) => {
    const value = input.value ?? newKeyValue();
    if (value.length < 20 || value.length > 128) {
      throw badRequest('API Key value should be at least 20 characters');
    }
    if (engine.items(ctx, 'apikey').some((key) => key.value === value)) {
      throw conflict('API Key already exists');
    }
    const now = engine.nowSeconds();
    const key: ApiKeyDoc = {
      id: newId(10),
      value,
      name: input.name ?? '',
      enabled: input.enabled ?? false,
      createdDate: now,
      lastUpdatedDate: now,
      stageKeys: (input.stageKeys ?? []).map((stageKey) => `${stageKey.restApiId}/${stageKey.stageName}`),
      tags: input.tags ?? {},
      ...given({ description: input.description, customerId: input.customerId }),
    };
    engine.insertItem(ctx, 'apikey', key.id, key);
    return key;
  },
});

export const getApiKey = operation({
  http: model.operations.GetApiKey.http,
  input: model.GetApiKeyRequest,
  output: model.ApiKey,
  run: (input, engine, ctx) => shown(requireApiKey(engine, input.apiKey, ctx), input.includeValue === true),
});

export const getApiKeys = operation({
  http: model.operations.GetApiKeys.http,
  input: model.GetApiKeysRequest,
  output: model.ApiKeys,
  run: (input, engine, ctx) => {
    const keys = engine
      .items(ctx, 'apikey')
      .filter((key) => input.nameQuery === undefined || key.name.startsWith(input.nameQuery))
      .filter((key) => input.customerId === undefined || key.customerId === input.customerId)
      .map((key) => shown(key, input.includeValues === true));
    return page(keys, input);
  },
});

export const updateApiKey = operation({
  http: model.operations.UpdateApiKey.http,
  input: model.UpdateApiKeyRequest,
  output: model.ApiKey,
  run: (input, engine, ctx) => {
    const current = requireApiKey(engine, input.apiKey, ctx);
    const updated = applyPatch(current, input.patchOperations, {
      name: 'string',
      description: 'string',
      enabled: 'boolean',
      customerId: 'string',
      stageKeys: 'list',
    });
    const saved = { ...updated, lastUpdatedDate: engine.nowSeconds() };
    engine.saveItem(ctx, 'apikey', current.id, saved);
    return shown(saved, false);
  },
});

export const deleteApiKey = operation({
  http: model.operations.DeleteApiKey.http,
  input: model.DeleteApiKeyRequest,
  run: (input, engine, ctx) => {
    requireApiKey(engine, input.apiKey, ctx);
    engine.store.transaction(() => {
      engine.deleteItem(ctx, 'apikey', input.apiKey);
      for (const planKey of engine.items(ctx, 'usageplankey')) {
        if (planKey.id === input.apiKey)
          engine.deleteItem(ctx, 'usageplankey', `${planKey.usagePlanId}/${planKey.id}`);
      }
    });
    return {};
  },
});

export function requireApiKey(
  engine: Engine,
  id: string,
  ctx: { account: string; region: string },
): ApiKeyDoc {
  const key = engine.item(ctx, 'apikey', id);
  if (!key) throw notFound('ApiKey');
  return key;
}

function shown(key: ApiKeyDoc, withValue: boolean): Partial<ApiKeyDoc> {
  if (withValue) return key;
  const { value, ...rest } = key;
  return rest;
}
