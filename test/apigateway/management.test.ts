// The REST API management API through the SDK v3 client: APIs with their root resource, the resource tree
// with path parts and `{proxy+}`, methods, integrations and their responses (GetResources with
// embed=methods), deployments and stages with variables, patch operations as AWS applies them, and the
// errors AWS answers (NotFoundException, ConflictException, BadRequestException).
// https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html
// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

describe('API Gateway REST API management', () => {
  let cloud: Cloud;
  let apigw: APIGatewayClient;

  before(async () => {
    cloud = await startTestCloud();
    apigw = client(cloud, APIGatewayClient);
  });
  after(() => cloud.stop());

  it('creates a REST API with its root resource, EDGE endpoint and HEADER key source by default', async () => {
    const api = await apigw.send(
      new CreateRestApiCommand({ name: 'orders', binaryMediaTypes: ['image/png'] }),
    );
    assert.match(api.id ?? '', /^[a-z0-9]{10}$/);
    assert.deepEqual(api.endpointConfiguration?.types, ['EDGE']);
    assert.equal(api.apiKeySource, 'HEADER');
    assert.ok(api.createdDate instanceof Date);
    const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.deepEqual(resources.items, [{ id: api.rootResourceId, path: '/' }]);
    const listed = await apigw.send(new GetRestApisCommand({}));
    assert.ok(listed.items?.some((item) => item.id === api.id && item.name === 'orders'));
  });

  it('applies patch operations: replace, add and remove on lists, endpoint type', async () => {
    const api = await apigw.send(
      new CreateRestApiCommand({ name: 'patchy', binaryMediaTypes: ['image/png'] }),
    );
    const updated = await apigw.send(
      new UpdateRestApiCommand({
        restApiId: api.id,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'renamed' },
          { op: 'add', path: '/binaryMediaTypes/application~1pdf' },
          { op: 'remove', path: '/binaryMediaTypes/image~1png' },
          { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' },
          { op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER' },
          { op: 'replace', path: '/minimumCompressionSize', value: '1024' },
        ],
      }),
    );
    assert.equal(updated.name, 'renamed');
    assert.deepEqual(updated.binaryMediaTypes, ['application/pdf']);
    assert.deepEqual(updated.endpointConfiguration?.types, ['REGIONAL']);
    assert.equal(updated.apiKeySource, 'AUTHORIZER');
    assert.equal(updated.minimumCompressionSize, 1024);
    await assert.rejects(
      apigw.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'replace', path: '/nope', value: 'x' }],
        }),
      ),
      { name: 'BadRequestException' },
    );
  });

  it('answers NotFoundException with the account and id for an unknown API', async () => {
    await assert.rejects(apigw.send(new GetRestApiCommand({ restApiId: 'abcdefghij' })), {
      name: 'NotFoundException',
      message: 'Invalid API identifier specified 000000000000:abcdefghij',
    });
  });

  it('builds a resource tree with path parts and refuses duplicates and children of {proxy+}', async () => {
    const api = await apigw.send(new CreateRestApiCommand({ name: 'tree' }));
    const items = await apigw.send(
      new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' }),
    );
    const item = await apigw.send(
      new CreateResourceCommand({ restApiId: api.id, parentId: items.id, pathPart: '{id}' }),
    );
    assert.equal(item.path, '/items/{id}');
    const proxy = await apigw.send(
      new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: '{proxy+}' }),
    );
    await assert.rejects(
      apigw.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' }),
      ),
      {
        name: 'ConflictException',
        message: 'Another resource with the same parent already has this name: items',
      },
    );
    await assert.rejects(
      apigw.send(new CreateResourceCommand({ restApiId: api.id, parentId: proxy.id, pathPart: 'x' })),
      { name: 'BadRequestException' },
    );
    await apigw.send(new DeleteResourceCommand({ restApiId: api.id, resourceId: items.id }));
    const left = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.deepEqual(left.items?.map((r) => r.path).sort(), ['/', '/{proxy+}']);
  });

  it('keeps methods, integrations and responses inside resources, embedded on request', async () => {
    const api = await apigw.send(new CreateRestApiCommand({ name: 'methods' }));
    const base = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
    await apigw.send(
      new PutMethodCommand({
        ...base,
        authorizationType: 'NONE',
        requestParameters: { 'method.request.querystring.q': false },
      }),
    );
    await assert.rejects(apigw.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' })), {
      name: 'ConflictException',
    });
    await apigw.send(new PutMethodResponseCommand({ ...base, statusCode: '200' }));
    await apigw.send(
      new PutIntegrationCommand({
        ...base,
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      }),
    );
    await apigw.send(
      new PutIntegrationResponseCommand({
        ...base,
        statusCode: '200',
        responseTemplates: { 'application/json': '{}' },
      }),
    );
    const updated = await apigw.send(
      new UpdateMethodCommand({
        ...base,
        patchOperations: [{ op: 'replace', path: '/apiKeyRequired', value: 'true' }],
      }),
    );
    assert.equal(updated.apiKeyRequired, true);
    const summary = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.deepEqual(summary.items?.[0]?.resourceMethods, { GET: {} });
    const embedded = await apigw.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
    const method = embedded.items?.[0]?.resourceMethods?.GET;
    assert.equal(method?.methodIntegration?.type, 'MOCK');
    assert.equal(method?.methodIntegration?.passthroughBehavior, 'WHEN_NO_MATCH');
    assert.equal(method?.methodIntegration?.timeoutInMillis, 29000);
    assert.deepEqual(method?.methodIntegration?.integrationResponses?.['200']?.responseTemplates, {
      'application/json': '{}',
    });
    assert.deepEqual(method?.methodResponses, { '200': { statusCode: '200' } });
  });

  it('deploys to a stage with variables and refuses to delete a deployment a stage serves', async () => {
    const api = await apigw.send(new CreateRestApiCommand({ name: 'deploy' }));
    await assert.rejects(apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' })), {
      name: 'BadRequestException',
      message: "The REST API doesn't contain any methods",
    });
    const base = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
    await apigw.send(new PutMethodCommand({ ...base, authorizationType: 'NONE' }));
    await apigw.send(new PutIntegrationCommand({ ...base, type: 'MOCK' }));
    const deployment = await apigw.send(
      new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev', variables: { table: 'orders' } }),
    );
    const stage = await apigw.send(new GetStageCommand({ restApiId: api.id, stageName: 'dev' }));
    assert.equal(stage.deploymentId, deployment.id);
    assert.deepEqual(stage.variables, { table: 'orders' });
    const updated = await apigw.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'dev',
        patchOperations: [
          { op: 'replace', path: '/variables/table', value: 'orders-v2' },
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
        ],
      }),
    );
    assert.deepEqual(updated.variables, { table: 'orders-v2' });
    assert.equal(updated.methodSettings?.['*/*']?.throttlingRateLimit, 100);
    await assert.rejects(
      apigw.send(
        new CreateStageCommand({ restApiId: api.id, stageName: 'dev', deploymentId: deployment.id }),
      ),
      { name: 'ConflictException' },
    );
    await assert.rejects(
      apigw.send(new DeleteDeploymentCommand({ restApiId: api.id, deploymentId: deployment.id })),
      {
        name: 'BadRequestException',
        message: 'Active stages pointing to this deployment must be moved or deleted',
      },
    );
    await apigw.send(new DeleteRestApiCommand({ restApiId: api.id }));
    await assert.rejects(apigw.send(new GetStageCommand({ restApiId: api.id, stageName: 'dev' })), {
      name: 'NotFoundException',
    });
  });
});
