// Create/Get/Update/DeleteStage(s). A stage serves its deployment; an auto-deploy stage gets a new one
// on every change to the API (and one at once when created). Route settings, stage variables and access
// log settings are stored as given (throttling and access logs are not applied).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { StageDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { type Engine, given, operation, page } from './operation.js';

export const createStage = operation({
  http: model.operations.CreateStage.http,
  input: model.CreateStageRequest,
  output: model.CreateStageResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    if (!/^(\$default|[A-Za-z0-9_-]+)$/.test(input.StageName)) {
      throw badRequest(`Stage name only allows a-zA-Z0-9_- or $default: ${input.StageName}`);
    }
    if (engine.child(input.ApiId, 'stage', input.StageName)) {
      throw conflict(`Stage already exists`);
    }
    if (input.DeploymentId !== undefined) requireDeployment(engine, input.ApiId, input.DeploymentId);
    const now = engine.clock.now();
    const stage: StageDoc = {
      StageName: input.StageName,
      AutoDeploy: input.AutoDeploy ?? false,
      CreatedDate: now,
      LastUpdatedDate: now,
      DefaultRouteSettings: { DetailedMetricsEnabled: false, ...input.DefaultRouteSettings },
      RouteSettings: input.RouteSettings ?? {},
      StageVariables: input.StageVariables ?? {},
      Tags: input.Tags ?? {},
      ...given({
        DeploymentId: input.DeploymentId,
        AccessLogSettings: input.AccessLogSettings,
        Description: input.Description,
      }),
    };
    return engine.store.transaction(() => {
      engine.insertChild(input.ApiId, 'stage', stage.StageName, stage);
      if (stage.AutoDeploy) engine.deploy(input.ApiId, { auto: true });
      return engine.child(input.ApiId, 'stage', stage.StageName);
    });
  },
});

export const getStage = operation({
  http: model.operations.GetStage.http,
  input: model.GetStageRequest,
  output: model.GetStageResponse,
  run: (input, engine, ctx) => requireStage(engine, input.ApiId, input.StageName, ctx),
});

export const getStages = operation({
  http: model.operations.GetStages.http,
  input: model.GetStagesRequest,
  output: model.GetStagesResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    return page(engine.children(input.ApiId, 'stage'), input);
  },
});

export const updateStage = operation({
  http: model.operations.UpdateStage.http,
  input: model.UpdateStageRequest,
  output: model.UpdateStageResponse,
  run: (input, engine, ctx) => {
    const current = requireStage(engine, input.ApiId, input.StageName, ctx);
    if (input.DeploymentId !== undefined) requireDeployment(engine, input.ApiId, input.DeploymentId);
    const { ApiId, StageName, ClientCertificateId, ...changes } = input;
    const stage = { ...current, ...given(changes), LastUpdatedDate: engine.clock.now() } as StageDoc;
    return engine.store.transaction(() => {
      engine.saveChild(ApiId, 'stage', StageName, stage);
      if (stage.AutoDeploy && !current.AutoDeploy) engine.deploy(ApiId, { auto: true });
      return engine.child(ApiId, 'stage', StageName);
    });
  },
});

export const deleteStage = operation({
  http: model.operations.DeleteStage.http,
  input: model.DeleteStageRequest,
  run: (input, engine, ctx) => {
    requireStage(engine, input.ApiId, input.StageName, ctx);
    engine.deleteChild(input.ApiId, 'stage', input.StageName);
    return {};
  },
});

export function requireStage(
  engine: Engine,
  apiId: string,
  name: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(apiId, ctx);
  const stage = engine.child(apiId, 'stage', name);
  if (!stage) throw notFound('Stage', name);
  return stage;
}

function requireDeployment(engine: Engine, apiId: string, id: string) {
  const deployment = engine.child(apiId, 'deployment', id);
  if (!deployment) throw notFound('Deployment', id);
  return deployment;
}
