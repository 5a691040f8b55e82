// Shared setup of the REST API tests: one method on a path (resources made part by part), an integration
// and its responses, deployed to a stage; and the stage's URL in the path form Nimbus hands out.

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  type PutIntegrationCommandInput,
  PutIntegrationResponseCommand,
  type PutIntegrationResponseCommandInput,
  PutMethodCommand,
  type PutMethodCommandInput,
} from '@aws-sdk/client-api-gateway';
import type { Cloud } from '../../src/index.js';

export interface MethodSpec {
  readonly path: string;
  readonly httpMethod?: string;
  readonly method?: Partial<PutMethodCommandInput>;
  readonly integration: Omit<PutIntegrationCommandInput, 'restApiId' | 'resourceId' | 'httpMethod'>;
  readonly responses?: Omit<PutIntegrationResponseCommandInput, 'restApiId' | 'resourceId' | 'httpMethod'>[];
}

/** A REST API with `specs` as its methods; answers its id. */
export async function createApi(
  apigw: APIGatewayClient,
  name: string,
  apiInput: Record<string, unknown> = {},
): Promise<string> {
  const api = await apigw.send(new CreateRestApiCommand({ name, ...apiInput }));
  return api.id!;
}

/** The resource for `path` (made part by part where missing); answers its id. */
export async function resourceFor(apigw: APIGatewayClient, restApiId: string, path: string): Promise<string> {
  const { items = [] } = await apigw.send(new GetResourcesCommand({ restApiId, limit: 500 }));
  let parent = items.find((r) => r.path === '/')!;
  let current = '';
  for (const part of path.split('/').filter(Boolean)) {
    current += `/${part}`;
    const found = items.find((r) => r.path === current);
    if (found) {
      parent = found;
      continue;
    }
    const created = await apigw.send(
      new CreateResourceCommand({ restApiId, parentId: parent.id, pathPart: part }),
    );
    items.push(created);
    parent = created;
  }
  return parent.id!;
}

export async function addMethod(
  apigw: APIGatewayClient,
  restApiId: string,
  spec: MethodSpec,
): Promise<string> {
  const resourceId = await resourceFor(apigw, restApiId, spec.path);
  const httpMethod = spec.httpMethod ?? 'GET';
  const base = { restApiId, resourceId, httpMethod };
  await apigw.send(new PutMethodCommand({ authorizationType: 'NONE', ...spec.method, ...base }));
  await apigw.send(new PutIntegrationCommand({ ...spec.integration, ...base }));
  for (const response of spec.responses ?? []) {
    await apigw.send(new PutIntegrationResponseCommand({ ...response, ...base }));
  }
  return resourceId;
}

export async function deploy(
  apigw: APIGatewayClient,
  restApiId: string,
  stageName = 'dev',
  variables?: Record<string, string>,
) {
  return apigw.send(new CreateDeploymentCommand({ restApiId, stageName, variables }));
}

/** `http://127.0.0.1:<port>/_nimbus/execute-api/<id>/<stage>`. */
export function stageUrl(cloud: Cloud, restApiId: string, stage = 'dev'): string {
  return `${cloud.endpoint}/_nimbus/execute-api/${restApiId}/${stage}`;
}

export function lambdaUri(functionArn: string): string {
  return `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}
