// HTTP APIs from OpenAPI: ImportApi (routes, Lambda and HTTP_PROXY integrations, JWT and Lambda REQUEST
// authorizers, CORS), ReimportApi (routes replaced, stages kept), ExportApi (OAS30 JSON and YAML, of the API
// or a stage, with or without extensions) and the round trip import → export → import giving the same API,
// which serves traffic through execute-api.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateStageCommand,
  ExportApiCommand,
  GetApiCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  ImportApiCommand,
  ReimportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';

// A simple-response REQUEST authorizer for `letmein`, else the 2.0 event's route and path back.
const HANDLER = `exports.handler = async (event) => {
  if (event.type === 'REQUEST') return { isAuthorized: event.headers.authorization === 'letmein' };
  return { route: event.routeKey, id: event.pathParameters && event.pathParameters.id };
};`;

function definition(functionArn: string, upstream: string): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'Items', version: '1.0.0', description: 'items, imported' },
    'x-amazon-apigateway-cors': {
      allowOrigins: ['https://example.com'],
      allowMethods: ['GET', 'POST'],
      maxAge: 300,
    },
    paths: {
      '/items/{id}': {
        get: {
          operationId: 'GetItem',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { default: { description: 'an item' } },
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: functionArn,
            payloadFormatVersion: '2.0',
          },
        },
      },
      '/items': {
        post: {
          security: [{ gate: [] }],
          responses: { default: { description: 'made' } },
          'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' },
        },
      },
      '/secure': {
        get: {
          security: [{ jwt: ['items/read'] }],
          responses: {},
          'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' },
        },
      },
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          responses: {},
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: `${upstream}/{proxy}`,
            payloadFormatVersion: '1.0',
          },
        },
      },
    },
    components: {
      'x-amazon-apigateway-integrations': {
        fn: { type: 'aws_proxy', httpMethod: 'POST', uri: functionArn, payloadFormatVersion: '2.0' },
      },
      securitySchemes: {
        gate: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': {
            type: 'request',
            identitySource: '$request.header.Authorization',
            authorizerUri: functionArn,
            authorizerPayloadFormatVersion: '2.0',
            enableSimpleResponses: true,
          },
        },
        jwt: {
          type: 'oauth2',
          flows: {},
          'x-amazon-apigateway-authorizer': {
            type: 'jwt',
            jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['items'] },
            identitySource: '$request.header.Authorization',
          },
        },
      },
    },
  });
}

describe('HTTP APIs from OpenAPI definitions', () => {
  let cloud: Cloud;
  let apigw: ApiGatewayV2Client;
  let upstream: Server;
  let body: string;

  before(async () => {
    cloud = await startTestCloud();
    apigw = client(cloud, ApiGatewayV2Client);
    upstream = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ upstream: req.url }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const fn = await createFunction(lambdaClient(cloud), 'items', { 'index.js': HANDLER });
    body = definition(fn.FunctionArn!, `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });
  after(async () => {
    await cloud.stop();
    upstream.close();
  });

  it('ImportApi makes routes, integrations, authorizers and CORS from the definition', async () => {
    const api = await apigw.send(new ImportApiCommand({ Body: body }));
    assert.equal(api.Name, 'Items');
    assert.equal(api.ProtocolType, 'HTTP');
    assert.equal(api.Version, '1.0.0');
    assert.deepEqual(api.CorsConfiguration, {
      AllowOrigins: ['https://example.com'],
      AllowMethods: ['GET', 'POST'],
      MaxAge: 300,
    });
    const { Items: routes = [] } = await apigw.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    assert.deepEqual(routes.map((r) => r.RouteKey).sort(), [
      'ANY /{proxy+}',
      'GET /items/{id}',
      'GET /secure',
      'POST /items',
    ]);
    const { Items: integrations = [] } = await apigw.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
    // GET /items/{id}'s inline integration equals the $ref'd one POST /items and GET /secure use: one for all.
    assert.equal(integrations.length, 2);
    const { Items: authorizers = [] } = await apigw.send(new GetAuthorizersCommand({ ApiId: api.ApiId }));
    const jwt = authorizers.find((a) => a.Name === 'jwt')!;
    assert.equal(jwt.AuthorizerType, 'JWT');
    assert.deepEqual(jwt.JwtConfiguration, { Issuer: 'https://issuer.example.com', Audience: ['items'] });
    const secure = routes.find((r) => r.RouteKey === 'GET /secure')!;
    assert.equal(secure.AuthorizationType, 'JWT');
    assert.equal(secure.AuthorizerId, jwt.AuthorizerId);
    assert.deepEqual(secure.AuthorizationScopes, ['items/read']);
    const gate = authorizers.find((a) => a.Name === 'gate')!;
    assert.equal(gate.AuthorizerType, 'REQUEST');
    assert.equal(gate.EnableSimpleResponses, true);
    assert.equal(routes.find((r) => r.RouteKey === 'POST /items')!.AuthorizationType, 'CUSTOM');
  });

  it('the imported API serves Lambda, Lambda-authorized and HTTP_PROXY routes', async () => {
    const api = await apigw.send(new ImportApiCommand({ Body: body }));
    await apigw.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
    const base = `${cloud.endpoint}/_nimbus/execute-api/${api.ApiId}`;
    const item = await fetch(`${base}/items/42`);
    assert.equal(item.status, 200);
    assert.deepEqual(await item.json(), { route: 'GET /items/{id}', id: '42' });
    assert.equal((await fetch(`${base}/items`, { method: 'POST' })).status, 401);
    const allowed = await fetch(`${base}/items`, { method: 'POST', headers: { authorization: 'letmein' } });
    assert.equal(allowed.status, 200);
    const proxied = await fetch(`${base}/elsewhere/x`);
    assert.deepEqual(await proxied.json(), { upstream: '/elsewhere/x' });
    const preflight = await fetch(`${base}/items`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://example.com');
  });

  it('import, export and import again give the same API', async () => {
    const first = await apigw.send(new ImportApiCommand({ Body: body }));
    const exported = await apigw.send(
      new ExportApiCommand({ ApiId: first.ApiId, Specification: 'OAS30', OutputType: 'JSON' }),
    );
    const text = Buffer.from(exported.body!).toString('utf8');
    const doc = JSON.parse(text) as Record<string, unknown>;
    assert.equal(doc.openapi, '3.0.1');
    assert.equal(doc['x-amazon-apigateway-importexport-version'], '1.0');
    const again = await apigw.send(new ImportApiCommand({ Body: text }));
    assert.deepEqual(await describeApi(apigw, again.ApiId!), await describeApi(apigw, first.ApiId!));
  });

  it('ExportApi writes YAML, leaves extensions out on request and exports a stage as deployed', async () => {
    const api = await apigw.send(new ImportApiCommand({ Body: body }));
    const yaml = await apigw.send(
      new ExportApiCommand({
        ApiId: api.ApiId,
        Specification: 'OAS30',
        OutputType: 'YAML',
        IncludeExtensions: false,
      }),
    );
    const doc = parseYaml(Buffer.from(yaml.body!).toString('utf8')) as {
      paths: Record<string, Record<string, object>>;
    };
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/items', '/items/{id}', '/secure', '/{proxy+}']);
    assert.equal(JSON.stringify(doc).includes('x-amazon-apigateway-integration'), false);
    await apigw.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod', AutoDeploy: true }));
    const staged = await apigw.send(
      new ExportApiCommand({
        ApiId: api.ApiId,
        Specification: 'OAS30',
        OutputType: 'JSON',
        StageName: 'prod',
      }),
    );
    const stagedDoc = JSON.parse(Buffer.from(staged.body!).toString('utf8')) as {
      servers: { variables: { basePath: { default: string } } }[];
    };
    assert.equal(stagedDoc.servers[0]!.variables.basePath.default, 'prod');
    await assert.rejects(
      apigw.send(
        new ExportApiCommand({
          ApiId: api.ApiId,
          Specification: 'OAS30',
          OutputType: 'JSON',
          StageName: 'nope',
        }),
      ),
      { name: 'NotFoundException' },
    );
  });

  it('ReimportApi replaces routes, integrations and authorizers and keeps stages', async () => {
    const api = await apigw.send(new ImportApiCommand({ Body: body }));
    await apigw.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
    const replacement = `openapi: 3.0.1
info: { title: Items v2, version: "2" }
paths:
  /ping:
    get:
      responses: {}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: http://127.0.0.1:${(upstream.address() as AddressInfo).port}/ping
        payloadFormatVersion: "1.0"
`;
    const reimported = await apigw.send(new ReimportApiCommand({ ApiId: api.ApiId, Body: replacement }));
    assert.equal(reimported.Name, 'Items v2');
    assert.equal(reimported.CorsConfiguration, undefined);
    const { Items: routes = [] } = await apigw.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    assert.deepEqual(
      routes.map((r) => r.RouteKey),
      ['GET /ping'],
    );
    assert.deepEqual((await apigw.send(new GetAuthorizersCommand({ ApiId: api.ApiId }))).Items, []);
    const stage = await apigw.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    assert.equal(stage.AutoDeploy, true);
    const ping = await fetch(`${cloud.endpoint}/_nimbus/execute-api/${api.ApiId}/ping`);
    assert.deepEqual(await ping.json(), { upstream: '/ping' });
  });

  it('refuses malformed definitions and, with FailOnWarnings, definitions that warn', async () => {
    await assert.rejects(apigw.send(new ImportApiCommand({ Body: 'openapi: [' })), {
      name: 'BadRequestException',
    });
    const warns = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'Warns', version: '1' },
      paths: { '/a': { get: { responses: {} } } },
    });
    const lenient = await apigw.send(new ImportApiCommand({ Body: warns }));
    assert.deepEqual(lenient.Warnings, ['No integration defined for route GET /a.']);
    assert.deepEqual(
      (await apigw.send(new GetApiCommand({ ApiId: lenient.ApiId }))).Warnings,
      lenient.Warnings,
    );
    await assert.rejects(apigw.send(new ImportApiCommand({ Body: warns, FailOnWarnings: true })), {
      name: 'BadRequestException',
      message: /^Warnings found during import:/,
    });
  });
});

/** Routes with their integrations and authorizers by content rather than id. */
async function describeApi(apigw: ApiGatewayV2Client, ApiId: string): Promise<unknown> {
  const api = await apigw.send(new GetApiCommand({ ApiId }));
  const { Items: routes = [] } = await apigw.send(new GetRoutesCommand({ ApiId }));
  const { Items: integrations = [] } = await apigw.send(new GetIntegrationsCommand({ ApiId }));
  const { Items: authorizers = [] } = await apigw.send(new GetAuthorizersCommand({ ApiId }));
  const integration = new Map(
    integrations.map(({ IntegrationId, ...rest }) => [`integrations/${IntegrationId}`, rest]),
  );
  const authorizer = new Map(authorizers.map((a) => [a.AuthorizerId, a.Name]));
  return {
    api: { Name: api.Name, Description: api.Description, Version: api.Version, Cors: api.CorsConfiguration },
    authorizers: authorizers
      .map(({ AuthorizerId: _id, ...rest }) => rest)
      .sort((a, b) => a.Name!.localeCompare(b.Name!)),
    routes: routes
      .map(({ RouteId: _id, Target, AuthorizerId, ...rest }) => ({
        ...rest,
        integration: integration.get(Target ?? ''),
        authorizer: authorizer.get(AuthorizerId),
      }))
      .sort((a, b) => a.RouteKey!.localeCompare(b.RouteKey!)),
  };
}
