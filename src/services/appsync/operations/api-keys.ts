// CreateApiKey, UpdateApiKey, DeleteApiKey and ListApiKeys. A key is valid from 1 to 365 days, its
// expiry rounded down to the hour (default 7 days), and it is deleted 60 days after it expires.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateApiKey.html
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#api-key-authorization

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/appsync.js';
import type { ApiKeyDoc } from '../documents.js';
import { notFound } from '../errors.js';
import { newApiKeyId } from '../names.js';
import { type Engine, operation, page } from './operation.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

export const createApiKey = operation({
  http: model.operations.CreateApiKey.http,
  input: model.CreateApiKeyRequest,
  output: model.CreateApiKeyResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const expires = validExpiry(engine, input.expires);
    const key: ApiKeyDoc = {
      id: newApiKeyId(),
      ...(input.description !== undefined ? { description: input.description } : {}),
      expires,
      deletes: expires + 60 * DAY,
    };
    engine.docs.insertChild(api.apiId, 'apiKey', key.id, key);
    return { apiKey: key };
  },
});

export const updateApiKey = operation({
  http: model.operations.UpdateApiKey.http,
  input: model.UpdateApiKeyRequest,
  output: model.UpdateApiKeyResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const key = requireKey(engine, input.apiId, input.id);
    const expires = input.expires === undefined ? key.expires : validExpiry(engine, input.expires);
    const updated: ApiKeyDoc = {
      ...key,
      ...(input.description !== undefined ? { description: input.description } : {}),
      expires,
      deletes: expires + 60 * DAY,
    };
    engine.docs.saveChild(input.apiId, 'apiKey', key.id, updated);
    return { apiKey: updated };
  },
});

export const deleteApiKey = operation({
  http: model.operations.DeleteApiKey.http,
  input: model.DeleteApiKeyRequest,
  output: model.DeleteApiKeyResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    requireKey(engine, input.apiId, input.id);
    engine.docs.deleteChild(input.apiId, 'apiKey', input.id);
    return {};
  },
});

export const listApiKeys = operation({
  http: model.operations.ListApiKeys.http,
  input: model.ListApiKeysRequest,
  output: model.ListApiKeysResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const now = Math.floor(engine.clock.now() / 1000);
    // Expired keys are listed until they are deleted.
    const keys = engine.docs.children(input.apiId, 'apiKey').filter((key) => key.deletes > now);
    const { items, nextToken } = page(keys, input);
    return { apiKeys: items, nextToken };
  },
});

function requireKey(engine: Engine, apiId: string, id: string): ApiKeyDoc {
  const key = engine.docs.child(apiId, 'apiKey', id);
  if (!key) throw notFound(`API key ${id} not found.`);
  return key;
}

/** The expiry in epoch seconds, rounded down to the hour, within AppSync's bounds. */
function validExpiry(engine: Engine, requested: number | undefined): number {
  const now = Math.floor(engine.clock.now() / 1000);
  const wanted = requested ?? now + 7 * DAY;
  if (wanted < now + DAY) {
    throw new ServiceError(
      'ApiKeyValidityOutOfBoundsException',
      'API key must be valid for a minimum of 1 days.',
    );
  }
  if (wanted > now + 365 * DAY) {
    throw new ServiceError(
      'ApiKeyValidityOutOfBoundsException',
      'API key must be valid for a maximum of 365 days.',
    );
  }
  return Math.floor(wanted / HOUR) * HOUR;
}
