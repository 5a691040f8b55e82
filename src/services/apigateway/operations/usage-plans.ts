// CreateUsagePlan, GetUsagePlan(s), UpdateUsagePlan, DeleteUsagePlan and the plan's keys
// (CreateUsagePlanKey, GetUsagePlanKey(s), DeleteUsagePlanKey): which API stages a key may call, with the
// plan's throttle and quota stored.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlan.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateUsagePlan.html

import * as model from '../../../core/generated/apigateway.js';
import type { UsagePlanDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../names.js';
import { applyPatch } from '../patch.js';
import { requireApiKey } from './api-keys.js';
import { type Engine, given, operation, page } from './operation.js';
import { requireStage } from './stages.js';

const NUMBERS = new Set(['rateLimit', 'burstLimit', 'limit', 'offset']);

export const createUsagePlan = operation({
  http: model.operations.CreateUsagePlan.http,
  input: model.CreateUsagePlanRequest,
  output: model.UsagePlan,
  run: (input, engine, ctx) => {
    const apiStages = (input.apiStages ?? []).map((s) => ({
      apiId: s.apiId ?? '',
      stage: s.stage ?? '',
      ...given({ throttle: s.throttle }),
    }));
    for (const stage of apiStages) requireStage(engine, stage.apiId, stage.stage, ctx);
    const plan: UsagePlanDoc = {
      id: newId(6),
      name: input.name,
      apiStages,
      tags: input.tags ?? {},
      ...given({ description: input.description, throttle: input.throttle, quota: input.quota }),
    };
    engine.insertItem(ctx, 'usageplan', plan.id, plan);
    return plan;
  },
});

export const getUsagePlan = operation({
  http: model.operations.GetUsagePlan.http,
  input: model.GetUsagePlanRequest,
  output: model.UsagePlan,
  run: (input, engine, ctx) => requirePlan(engine, input.usagePlanId, ctx),
});

export const getUsagePlans = operation({
  http: model.operations.GetUsagePlans.http,
  input: model.GetUsagePlansRequest,
  output: model.UsagePlans,
  run: (input, engine, ctx) => {
    const keys = engine.items(ctx, 'usageplankey');
    const plans = engine
      .items(ctx, 'usageplan')
      .filter(
        (plan) =>
          input.keyId === undefined || keys.some((k) => k.usagePlanId === plan.id && k.id === input.keyId),
      );
    return page(plans, input);
  },
});

export const updateUsagePlan = operation({
  http: model.operations.UpdateUsagePlan.http,
  input: model.UpdateUsagePlanRequest,
  output: model.UsagePlan,
  run: (input, engine, ctx) => {
    const current = requirePlan(engine, input.usagePlanId, ctx);
    const updated = applyPatch(
      current,
      input.patchOperations,
      { name: 'string', description: 'string', productCode: 'string' },
      (target, op, segments, value) => {
        const [member, field] = segments;
        if (member === 'apiStages' && segments.length === 1) {
          const [apiId, stage] = (value ?? '').split(':');
          const stages = target.apiStages as UsagePlanDoc['apiStages'];
          if (op === 'remove') target.apiStages = stages.filter((s) => `${s.apiId}:${s.stage}` !== value);
          else {
            requireStage(engine, apiId ?? '', stage ?? '', ctx);
            target.apiStages = [...stages, { apiId: apiId!, stage: stage! }];
          }
          return true;
        }
        if ((member === 'throttle' || member === 'quota') && field) {
          const settings = { ...(target[member] as Record<string, unknown> | undefined) };
          if (op === 'remove') delete settings[field];
          else settings[field] = NUMBERS.has(field) ? Number(value) : value;
          target[member] = settings;
          return true;
        }
        if ((member === 'throttle' || member === 'quota') && op === 'remove') {
          delete target[member];
          return true;
        }
        return false;
      },
    );
    engine.saveItem(ctx, 'usageplan', current.id, updated);
    return updated;
  },
});

export const deleteUsagePlan = operation({
  http: model.operations.DeleteUsagePlan.http,
  input: model.DeleteUsagePlanRequest,
  run: (input, engine, ctx) => {
    requirePlan(engine, input.usagePlanId, ctx);
    engine.store.transaction(() => {
      for (const key of engine.items(ctx, 'usageplankey')) {
        if (key.usagePlanId === input.usagePlanId)
          engine.deleteItem(ctx, 'usageplankey', `${key.usagePlanId}/${key.id}`);
      }
      engine.deleteItem(ctx, 'usageplan', input.usagePlanId);
    });
    return {};
  },
});

export const createUsagePlanKey = operation({
  http: model.operations.CreateUsagePlanKey.http,
  input: model.CreateUsagePlanKeyRequest,
  output: model.UsagePlanKey,
  run: (input, engine, ctx) => {
    requirePlan(engine, input.usagePlanId, ctx);
    if (input.keyType !== 'API_KEY') throw badRequest(`Invalid key type: ${input.keyType}`);
    const key = requireApiKey(engine, input.keyId, ctx);
    const id = `${input.usagePlanId}/${key.id}`;
    if (engine.item(ctx, 'usageplankey', id)) throw conflict('Usage Plan Key already exists');
    engine.insertItem(ctx, 'usageplankey', id, {
      id: key.id,
      type: 'API_KEY',
      usagePlanId: input.usagePlanId,
    });
    return { id: key.id, type: 'API_KEY', value: key.value, name: key.name };
  },
});

export const getUsagePlanKey = operation({
  http: model.operations.GetUsagePlanKey.http,
  input: model.GetUsagePlanKeyRequest,
  output: model.UsagePlanKey,
  run: (input, engine, ctx) => {
    requirePlan(engine, input.usagePlanId, ctx);
    if (!engine.item(ctx, 'usageplankey', `${input.usagePlanId}/${input.keyId}`))
      throw notFound('UsagePlanKey');
    const key = requireApiKey(engine, input.keyId, ctx);
    return { id: key.id, type: 'API_KEY', value: key.value, name: key.name };
  },
});

export const getUsagePlanKeys = operation({
  http: model.operations.GetUsagePlanKeys.http,
  input: model.GetUsagePlanKeysRequest,
  output: model.UsagePlanKeys,
  run: (input, engine, ctx) => {
    requirePlan(engine, input.usagePlanId, ctx);
    const keys = engine
      .items(ctx, 'usageplankey')
      .filter((k) => k.usagePlanId === input.usagePlanId)
      .flatMap((k) => {
        const key = engine.item(ctx, 'apikey', k.id);
        return key ? [{ id: key.id, type: 'API_KEY', value: key.value, name: key.name }] : [];
      })
      .filter((k) => input.nameQuery === undefined || k.name.startsWith(input.nameQuery));
    return page(keys, input);
  },
});

export const deleteUsagePlanKey = operation({
  http: model.operations.DeleteUsagePlanKey.http,
  input: model.DeleteUsagePlanKeyRequest,
  run: (input, engine, ctx) => {
    requirePlan(engine, input.usagePlanId, ctx);
    const id = `${input.usagePlanId}/${input.keyId}`;
    if (!engine.item(ctx, 'usageplankey', id)) throw notFound('UsagePlanKey');
    engine.deleteItem(ctx, 'usageplankey', id);
    return {};
  },
});

function requirePlan(engine: Engine, id: string, ctx: { account: string; region: string }): UsagePlanDoc {
  const plan = engine.item(ctx, 'usageplan', id);
  if (!plan) throw notFound('UsagePlan');
  return plan;
}
