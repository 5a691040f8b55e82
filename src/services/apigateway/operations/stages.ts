// CreateStage, GetStage(s), UpdateStage and DeleteStage: a named stage serving one deployment, with its
// stage variables, method settings (`/*/*/throttling/rateLimit`, `/~1items/GET/logging/loglevel`), access
// log settings, canary settings and tags stored.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html

import * as model from '../../../core/generated/apigateway.js';
import type { StageDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { applyPatch, type PatchSpec } from '../patch.js';
import { type Engine, given, operation } from './operation.js';

const PATCHABLE: PatchSpec = {
  deploymentId: 'string',
  description: 'string',
  cacheClusterEnabled: 'boolean',
  cacheClusterSize: 'string',
  tracingEnabled: 'boolean',
  variables: 'map',
  documentationVersion: 'string',
  clientCertificateId: 'string',
  canarySettings: 'json',
};
/** Method setting paths (`/{resource}/{method}/<these>`) and the MethodSetting members they set. */
const METHOD_SETTINGS: Readonly<Record<string, [string, 'boolean' | 'number' | 'string']>> = {
  'metrics/enabled': ['metricsEnabled', 'boolean'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'logging/dataTrace': ['dataTraceEnabled', 'boolean'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'number'],
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'caching/enabled': ['cachingEnabled', 'boolean'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'number'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'boolean'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'boolean'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

export const createStage = operation({
  http: model.operations.CreateStage.http,
  input: model.CreateStageRequest,
  output: model.Stage,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    checkStageName(input.stageName);
    if (!engine.child(input.restApiId, 'deployment', input.deploymentId)) throw notFound('Deployment');
    if (engine.child(input.restApiId, 'stage', input.stageName)) throw conflict('Stage already exists');
    const stage = newStage(engine, input);
    engine.insertChild(input.restApiId, 'stage', stage.stageName, stage);
    return stage;
  },
});

export const getStage = operation({
  http: model.operations.GetStage.http,
  input: model.GetStageRequest,
  output: model.Stage,
  run: (input, engine, ctx) => requireStage(engine, input.restApiId, input.stageName, ctx),
});

export const getStages = operation({
  http: model.operations.GetStages.http,
  input: model.GetStagesRequest,
  output: model.Stages,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const stages = engine.children(input.restApiId, 'stage');
    return {
      item: stages.filter((s) => input.deploymentId === undefined || s.deploymentId === input.deploymentId),
    };
  },
});

export const updateStage = operation({
  http: model.operations.UpdateStage.http,
  input: model.UpdateStageRequest,
  output: model.Stage,
  run: (input, engine, ctx) => {
    const current = requireStage(engine, input.restApiId, input.stageName, ctx);
    const updated = applyPatch(current, input.patchOperations, PATCHABLE, (target, op, segments, value) => {
      if (segments[0] === 'accessLogSettings') {
        const settings = { ...(target.accessLogSettings as Record<string, string> | undefined) };
        if (op === 'remove') delete target.accessLogSettings;
        else if (segments[1] === 'format' || segments[1] === 'destinationArn') {
          settings[segments[1]] = value ?? '';
          target.accessLogSettings = settings;
        } else return false;
        return true;
      }
      const setting = METHOD_SETTINGS[segments.slice(2).join('/')];
      if (segments.length !== 4 || !setting) return false;
      const key = `${segments[0]!.replace(/^\//, '')}/${segments[1]}`;
      const all = { ...(target.methodSettings as Record<string, Record<string, unknown>>) };
      const [member, kind] = setting;
      if (op === 'remove') {
        delete all[key];
      } else {
        const typed = kind === 'boolean' ? value === 'true' : kind === 'number' ? Number(value) : value;
        all[key] = { ...all[key], [member]: typed };
      }
      target.methodSettings = all;
      return true;
    });
    if (!engine.child(input.restApiId, 'deployment', updated.deploymentId)) throw notFound('Deployment');
    const saved = { ...updated, lastUpdatedDate: engine.nowSeconds() };
    engine.saveChild(input.restApiId, 'stage', current.stageName, saved);
    return saved;
  },
});

export const deleteStage = operation({
  http: model.operations.DeleteStage.http,
  input: model.DeleteStageRequest,
  run: (input, engine, ctx) => {
    requireStage(engine, input.restApiId, input.stageName, ctx);
    engine.deleteChild(input.restApiId, 'stage', input.stageName);
    return {};
  },
});

export function requireStage(
  engine: Engine,
  restApiId: string,
  stageName: string,
  ctx: { account: string; region: string },
): StageDoc {
  engine.requireApi(restApiId, ctx);
  const stage = engine.child(restApiId, 'stage', stageName);
  if (!stage) throw notFound('Stage');
  return stage;
}

export function checkStageName(name: string): void {
  if (!/^[a-zA-Z0-9_-]{1,128}$/.test(name)) {
    throw badRequest('Stage name only allows a-zA-Z0-9_');
  }
}

export function newStage(
  engine: Engine,
  input: {
    stageName: string;
    deploymentId: string;
    description?: string;
    variables?: Record<string, string>;
    tracingEnabled?: boolean;
    cacheClusterEnabled?: boolean;
    cacheClusterSize?: string;
    documentationVersion?: string;
    canarySettings?: Record<string, unknown>;
    tags?: Record<string, string>;
  },
): StageDoc {
  const now = engine.nowSeconds();
  return {
    stageName: input.stageName,
    deploymentId: input.deploymentId,
    createdDate: now,
    lastUpdatedDate: now,
    cacheClusterEnabled: input.cacheClusterEnabled ?? false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    tracingEnabled: input.tracingEnabled ?? false,
    methodSettings: {},
    tags: input.tags ?? {},
    ...given({
      description: input.description,
      variables: input.variables,
      cacheClusterSize: input.cacheClusterSize,
      documentationVersion: input.documentationVersion,
      canarySettings: input.canarySettings,
    }),
  };
}
