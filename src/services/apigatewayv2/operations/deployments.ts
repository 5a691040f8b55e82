// Create/Get/DeleteDeployment(s). A deployment snapshots the routes, integrations, authorizers and CORS
// settings; CreateDeployment with StageName points that stage at it (a stage that deploys automatically
// refuses it, as AWS does). A deployment a stage serves cannot be deleted.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-deployments.html

import * as model from '../../../core/generated/apigatewayv2.js';
import { badRequest, notFound } from '../errors.js';
import { operation, page } from './operation.js';
import { requireStage } from './stages.js';

export const createDeployment = operation({
  http: model.operations.CreateDeployment.http,
  input: model.CreateDeploymentRequest,
  output: model.CreateDeploymentResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    if (input.StageName !== undefined) {
      const stage = requireStage(engine, input.ApiId, input.StageName, ctx);
      if (stage.AutoDeploy) {
        throw badRequest(
          `Stage ${stage.StageName} has automatic deployments enabled; it is deployed on every change`,
        );
      }
    }
    if (engine.children(input.ApiId, 'route').length === 0) {
      throw badRequest('At least one route is required before deploying the Api.');
    }
    return engine.deploy(input.ApiId, {
      description: input.Description,
      stageName: input.StageName,
      auto: false,
    });
  },
});

export const getDeployment = operation({
  http: model.operations.GetDeployment.http,
  input: model.GetDeploymentRequest,
  output: model.GetDeploymentResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    const deployment = engine.child(input.ApiId, 'deployment', input.DeploymentId);
    if (!deployment) throw notFound('Deployment', input.DeploymentId);
    return deployment;
  },
});

export const getDeployments = operation({
  http: model.operations.GetDeployments.http,
  input: model.GetDeploymentsRequest,
  output: model.GetDeploymentsResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    return page(engine.children(input.ApiId, 'deployment'), input);
  },
});

export const deleteDeployment = operation({
  http: model.operations.DeleteDeployment.http,
  input: model.DeleteDeploymentRequest,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    const id = input.DeploymentId;
    if (!engine.child(input.ApiId, 'deployment', id)) throw notFound('Deployment', id);
    if (engine.children(input.ApiId, 'stage').some((stage) => stage.DeploymentId === id)) {
      throw badRequest(`Deployment ${id} is in use by a stage and cannot be deleted`);
    }
    engine.store.transaction(() => {
      engine.deleteChild(input.ApiId, 'deployment', id);
      engine.deleteChild(input.ApiId, 'snapshot', id);
    });
    return {};
  },
});
