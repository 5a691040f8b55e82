// CreateDeployment (a snapshot of the API as it is, and with `stageName` the stage created or pointed at
// it), GetDeployment(s), UpdateDeployment (its description) and DeleteDeployment (refused while a stage
// serves it). An API without methods, or with a method without an integration, cannot be deployed.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html

import * as model from '../../../core/generated/apigateway.js';
import type { StageDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { applyPatch } from '../patch.js';
import { type Engine, operation, page } from './operation.js';
import { checkStageName, newStage } from './stages.js';

export const createDeployment = operation({
  http: model.operations.CreateDeployment.http,
  input: model.CreateDeploymentRequest,
  output: model.Deployment,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    const methods = engine
      .children(input.restApiId, 'resource')
      .flatMap((resource) => Object.values(resource.resourceMethods ?? {}));
    if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
    if (methods.some((method) => !method.methodIntegration))
      throw badRequest('No integration defined for method');
    if (input.stageName !== undefined) checkStageName(input.stageName);
    return engine.store.transaction(() => {
      const deployment = engine.deploy(input.restApiId, input.description);
      if (input.stageName !== undefined) {
        pointStage(engine, input.restApiId, input.stageName, deployment.id, input);
      }
      return deployment;
    });
  },
});

export const getDeployment = operation({
  http: model.operations.GetDeployment.http,
  input: model.GetDeploymentRequest,
  output: model.Deployment,
  run: (input, engine, ctx) => requireDeployment(engine, input.restApiId, input.deploymentId, ctx),
});

export const getDeployments = operation({
  http: model.operations.GetDeployments.http,
  input: model.GetDeploymentsRequest,
  output: model.Deployments,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    return page(engine.children(input.restApiId, 'deployment'), input);
  },
});

export const updateDeployment = operation({
  http: model.operations.UpdateDeployment.http,
  input: model.UpdateDeploymentRequest,
  output: model.Deployment,
  run: (input, engine, ctx) => {
    const current = requireDeployment(engine, input.restApiId, input.deploymentId, ctx);
    const updated = applyPatch(current, input.patchOperations, { description: 'string' });
    engine.saveChild(input.restApiId, 'deployment', current.id, updated);
    return updated;
  },
});

export const deleteDeployment = operation({
  http: model.operations.DeleteDeployment.http,
  input: model.DeleteDeploymentRequest,
  run: (input, engine, ctx) => {
    requireDeployment(engine, input.restApiId, input.deploymentId, ctx);
    const stages = engine.children(input.restApiId, 'stage');
    if (stages.some((stage) => stage.deploymentId === input.deploymentId)) {
      throw badRequest('Active stages pointing to this deployment must be moved or deleted');
    }
    engine.store.transaction(() => {
      engine.deleteChild(input.restApiId, 'deployment', input.deploymentId);
      engine.deleteChild(input.restApiId, 'snapshot', input.deploymentId);
    });
    return {};
  },
});

export function requireDeployment(
  engine: Engine,
  restApiId: string,
  deploymentId: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(restApiId, ctx);
  const deployment = engine.child(restApiId, 'deployment', deploymentId);
  if (!deployment) throw notFound('Deployment');
  return deployment;
}

function pointStage(
  engine: Engine,
  restApiId: string,
  stageName: string,
  deploymentId: string,
  input: { stageDescription?: string; variables?: Record<string, string>; tracingEnabled?: boolean | null },
): void {
  const stage = engine.child(restApiId, 'stage', stageName);
  if (!stage) {
    const created = newStage(engine, {
      stageName,
      deploymentId,
      description: input.stageDescription,
      variables: input.variables,
      tracingEnabled: input.tracingEnabled ?? undefined,
    });
    engine.insertChild(restApiId, 'stage', stageName, created);
    return;
  }
  const updated: StageDoc = {
    ...stage,
    deploymentId,
    lastUpdatedDate: engine.nowSeconds(),
    ...(input.variables ? { variables: { ...stage.variables, ...input.variables } } : {}),
  };
  engine.saveChild(restApiId, 'stage', stageName, updated);
}
