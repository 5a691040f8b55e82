// HTTP APIs end to end: the management API through the SDK v3 client, and real Lambda functions called with
// fetch on the ApiEndpoint handed out (path form) and on the host form with a Host header.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  ConflictException,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';

const ECHO = `exports.handler = async (event) => {
  const path = event.rawPath ?? event.path;
  if (path.endsWith('/plain')) return { hello: 'world' };
  if (path.endsWith('/bad')) return { statusCode: 'nope' };
  if (path.endsWith('/slow')) { await new Promise((r) => setTimeout(r, 3000)); return 'late'; }
  return { statusCode: 201, headers: { 'x-echo': 'yes' }, body: JSON.stringify(event) };
};`;

describe('API Gateway v2 HTTP APIs', () => {
  let cloud: Cloud;
  let api: ApiGatewayV2Client;
  let functionArn: string;
  before(async () => {
    cloud = await startTestCloud();
    api = client(cloud, ApiGatewayV2Client);
    const created = await createFunction(lambdaClient(cloud), 'echo', { 'index.js': ECHO }, { timeout: 20 });
    functionArn = created.FunctionArn!;
  });
  after(() => cloud.stop());

  it('quick create serves the function on $default with a 2.0 event', async () => {
    const created = await api.send(
      new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: functionArn }),
    );
    assert.match(created.ApiId!, /^[a-z0-9]{10}$/);
    assert.equal(created.ApiEndpoint, `${cloud.endpoint}/_nimbus/execute-api/${created.ApiId}`);
    const stage = await api.send(new GetStageCommand({ ApiId: created.ApiId, StageName: '$default' }));
    assert.equal(stage.AutoDeploy, true);
    assert.ok(stage.DeploymentId);
    const response = await fetch(`${created.ApiEndpoint}/items/7?a=1&a=2`, {
      headers: { cookie: 'c=1; d=2' },
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-echo'), 'yes');
    assert.ok(response.headers.get('apigw-requestid'));
    const event = await response.json();
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, '$default');
    assert.equal(event.rawPath, '/items/7');
    assert.equal(event.rawQueryString, 'a=1&a=2');
    assert.deepEqual(event.queryStringParameters, { a: '1,2' });
    assert.deepEqual(event.cookies, ['c=1', 'd=2']);
    assert.equal(event.requestContext.apiId, created.ApiId);
    assert.equal(event.requestContext.accountId, '000000000000');
    assert.equal(event.requestContext.stage, '$default');
    assert.equal(event.requestContext.http.method, 'GET');
    assert.equal(event.requestContext.requestId, response.headers.get('apigw-requestid'));
    assert.equal(event.requestContext.domainName, `${created.ApiId}.execute-api.us-east-1.amazonaws.com`);
    const plain = await fetch(`${created.ApiEndpoint}/plain`);
    assert.equal(plain.status, 200);
    assert.deepEqual(await plain.json(), { hello: 'world' });
    const bad = await fetch(`${created.ApiEndpoint}/bad`);
    assert.equal(bad.status, 500);
    assert.deepEqual(await bad.json(), { message: 'Internal Server Error' });
  });

  it('routes, named stages, deployments and the host form', async () => {
    const { ApiId } = await api.send(new CreateApiCommand({ Name: 'routed', ProtocolType: 'HTTP' }));
    const { IntegrationId } = await api.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: functionArn,
        PayloadFormatVersion: '2.0',
      }),
    );
    await api.send(
      new CreateRouteCommand({ ApiId, RouteKey: 'GET /items/{id}', Target: `integrations/${IntegrationId}` }),
    );
    await api.send(
      new CreateRouteCommand({ ApiId, RouteKey: 'ANY /{proxy+}', Target: `integrations/${IntegrationId}` }),
    );
    await assert.rejects(
      api.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /items/{id}' })),
      (error: unknown) => error instanceof ConflictException && /already exists/.test(error.message),
    );
    const routes = await api.send(new GetRoutesCommand({ ApiId }));
    assert.equal(routes.Items?.length, 2);
    await api.send(new CreateStageCommand({ ApiId, StageName: 'dev', StageVariables: { color: 'blue' } }));
    const endpoint = `${cloud.endpoint}/_nimbus/execute-api/${ApiId}`;
    assert.equal((await fetch(`${endpoint}/dev/items/1`)).status, 404);
    const { DeploymentId } = await api.send(new CreateDeploymentCommand({ ApiId, StageName: 'dev' }));
    assert.ok(DeploymentId);
    const event = await (await fetch(`${endpoint}/dev/items/1`)).json();
    assert.equal(event.routeKey, 'GET /items/{id}');
    assert.deepEqual(event.pathParameters, { id: '1' });
    assert.deepEqual(event.stageVariables, { color: 'blue' });
    assert.equal(event.rawPath, '/dev/items/1');
    const greedy = await (await fetch(`${endpoint}/dev/a/b`, { method: 'POST', body: 'hi' })).json();
    assert.equal(greedy.routeKey, 'ANY /{proxy+}');
    assert.deepEqual(greedy.pathParameters, { proxy: 'a/b' });
    assert.equal(greedy.body, 'hi');
    const notFound = await fetch(`${endpoint}/dev/`);
    assert.equal(notFound.status, 404);
    assert.deepEqual(await notFound.json(), { message: 'Not Found' });
    const hosted = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(cloud.endpoint);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/dev/items/2',
          headers: { host: `${ApiId}.execute-api.localhost:${url.port}` },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(hosted.status, 201);
    assert.equal(JSON.parse(hosted.body).requestContext.domainName, `${ApiId}.execute-api.localhost`);
  });

  it('payload 1.0, the integration timeout and CORS', async () => {
    const { ApiId } = await api.send(
      new CreateApiCommand({
        Name: 'v1',
        ProtocolType: 'HTTP',
        CorsConfiguration: { AllowOrigins: ['https://example.com'], AllowMethods: ['GET'], MaxAge: 60 },
      }),
    );
    const v1 = await api.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: functionArn,
        PayloadFormatVersion: '1.0',
        TimeoutInMillis: 1000,
      }),
    );
    await api.send(
      new CreateRouteCommand({ ApiId, RouteKey: '$default', Target: `integrations/${v1.IntegrationId}` }),
    );
    await api.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
    const endpoint = `${cloud.endpoint}/_nimbus/execute-api/${ApiId}`;
    const response = await fetch(`${endpoint}/x?q=1`, { headers: { origin: 'https://example.com' } });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://example.com');
    const event = await response.json();
    assert.equal(event.version, '1.0');
    assert.equal(event.httpMethod, 'GET');
    assert.deepEqual(event.queryStringParameters, { q: '1' });
    assert.deepEqual(event.multiValueQueryStringParameters, { q: ['1'] });
    const slow = await fetch(`${endpoint}/slow`);
    assert.equal(slow.status, 503);
    assert.deepEqual(await slow.json(), { message: 'Service Unavailable' });
    const preflight = await fetch(`${endpoint}/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET');
    assert.equal(preflight.headers.get('access-control-max-age'), '60');
  });

  it('answers AWS errors, lists, tags and deletes', async () => {
    await assert.rejects(
      api.send(new GetApiCommand({ ApiId: 'nope000000' })),
      (error: unknown) =>
        error instanceof NotFoundException &&
        error.message === 'Invalid API identifier specified 000000000000:nope000000',
    );
    const { ApiId } = await api.send(
      new CreateApiCommand({ Name: 'tagged', ProtocolType: 'HTTP', Tags: { a: '1' } }),
    );
    const arn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
    await api.send(new TagResourceCommand({ ResourceArn: arn, Tags: { b: '2' } }));
    assert.deepEqual((await api.send(new GetTagsCommand({ ResourceArn: arn }))).Tags, { a: '1', b: '2' });
    const listed = await api.send(new GetApisCommand({}));
    assert.ok(listed.Items?.some((item) => item.ApiId === ApiId && item.Name === 'tagged'));
    assert.ok(listed.Items?.every((item) => item.CreatedDate instanceof Date));
    await api.send(new DeleteApiCommand({ ApiId }));
    await assert.rejects(api.send(new GetApiCommand({ ApiId })), NotFoundException);
  });
});
