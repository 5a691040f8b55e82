// REST APIs from OpenAPI: ImportRestApi (3.0 YAML and 2.0 JSON, parameters basepath and
// endpointConfigurationTypes, failonwarnings), PutRestApi (merge and overwrite), GetExport (oas30 and
// swagger, JSON and YAML, extensions) and the round trip import → export → import giving the same API,
// which serves traffic through execute-api (MOCK, Lambda proxy with a TOKEN authorizer and an API key,
// HTTP_PROXY, a validated body with an overridden gateway response).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/import-rest-api.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetGatewayResponsesCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { parse as parseYaml } from 'yaml';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { stageUrl } from './helpers.js';
import { petstoreYaml } from './petstore.js';

// A TOKEN authorizer answer for `Bearer good`, else the proxy event echoed back.
const HANDLER = `exports.handler = async (event) => {
  if (event.type === 'TOKEN') return { principalId: 'u1', policyDocument: { Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'Bearer good' ? 'Allow' : 'Deny', Resource: event.methodArn }] } };
  return { statusCode: 200, body: JSON.stringify({ path: event.path, pathParameters: event.pathParameters, body: event.body }) };
};`;

describe('REST APIs from OpenAPI definitions', () => {
  let cloud: Cloud;
  let apigw: APIGatewayClient;
  let upstream: Server;
  let definition: string;

  before(async () => {
    cloud = await startTestCloud();
    apigw = client(cloud, APIGatewayClient);
    upstream = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ upstream: req.url, method: req.method }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const fn = await createFunction(lambdaClient(cloud), 'petstore', { 'index.js': HANDLER });
    definition = petstoreYaml(
      fn.FunctionArn!,
      `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    );
  });
  after(async () => {
    await cloud.stop();
    upstream.close();
  });

  const importYaml = (body: string, extra: Record<string, unknown> = {}) =>
    apigw.send(new ImportRestApiCommand({ body: Buffer.from(body), ...extra }));

  it('ImportRestApi makes resources, methods, integrations, models, validators, authorizers from 3.0 YAML', async () => {
    const api = await importYaml(definition);
    assert.equal(api.name, 'PetStore');
    assert.equal(api.description, 'Pets, imported');
    assert.equal(api.version, '2026-12-07');
    assert.deepEqual(api.binaryMediaTypes, ['image/png']);
    assert.deepEqual(api.endpointConfiguration?.types, ['EDGE']);
    const { items = [] } = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.deepEqual(items.map((r) => r.path).sort(), ['/', '/pets', '/pets/{petId}', '/{proxy+}']);
    const pets = items.find((r) => r.path === '/pets')!;
    const list = await apigw.send(
      new GetMethodCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: 'GET' }),
    );
    assert.equal(list.operationName, 'ListPets');
    assert.deepEqual(list.requestParameters, { 'method.request.querystring.type': false });
    assert.deepEqual(list.methodResponses?.['200'], {
      statusCode: '200',
      responseParameters: { 'method.response.header.Access-Control-Allow-Origin': false },
      responseModels: { 'application/json': 'Pets' },
    });
    assert.equal(list.methodIntegration?.type, 'MOCK');
    assert.equal(list.methodIntegration?.passthroughBehavior, 'WHEN_NO_MATCH');
    assert.deepEqual(list.methodIntegration?.integrationResponses?.['200']?.responseParameters, {
      'method.response.header.Access-Control-Allow-Origin': "'*'",
    });
    const create = await apigw.send(
      new GetMethodCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: 'POST' }),
    );
    assert.equal(create.apiKeyRequired, true);
    assert.deepEqual(create.requestModels, { 'application/json': 'Pet' });
    const { items: validators = [] } = await apigw.send(
      new GetRequestValidatorsCommand({ restApiId: api.id }),
    );
    assert.deepEqual(
      validators.map(({ name, validateRequestBody, validateRequestParameters }) => ({
        name,
        validateRequestBody,
        validateRequestParameters,
      })),
      [{ name: 'body-only', validateRequestBody: true, validateRequestParameters: false }],
    );
    assert.equal(create.requestValidatorId, validators[0]!.id);
    const { items: authorizers = [] } = await apigw.send(new GetAuthorizersCommand({ restApiId: api.id }));
    assert.equal(authorizers.length, 1);
    assert.equal(authorizers[0]!.type, 'TOKEN');
    assert.equal(authorizers[0]!.identitySource, 'method.request.header.Authorization');
    assert.equal(authorizers[0]!.authorizerResultTtlInSeconds, 60);
    const pet = items.find((r) => r.path === '/pets/{petId}')!;
    const get = await apigw.send(
      new GetMethodCommand({ restApiId: api.id, resourceId: pet.id, httpMethod: 'GET' }),
    );
    assert.equal(get.authorizationType, 'CUSTOM');
    assert.equal(get.authorizerId, authorizers[0]!.id);
    const proxy = items.find((r) => r.path === '/{proxy+}')!;
    const integration = await apigw.send(
      new GetIntegrationCommand({ restApiId: api.id, resourceId: proxy.id, httpMethod: 'ANY' }),
    );
    assert.equal(integration.type, 'HTTP_PROXY');
    assert.equal(integration.httpMethod, 'ANY');
    const { items: models = [] } = await apigw.send(new GetModelsCommand({ restApiId: api.id }));
    const pets2 = JSON.parse(models.find((m) => m.name === 'Pets')!.schema!) as { items: { $ref: string } };
    // Model references take API Gateway's model URL form.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html
    assert.equal(pets2.items.$ref, `https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet`);
  });

  it('the imported API serves MOCK, Lambda proxy (authorizer, API key, validated body) and HTTP_PROXY traffic', async () => {
    const api = await importYaml(definition);
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'v1' }));
    const key = await apigw.send(new CreateApiKeyCommand({ name: 'pets-key', enabled: true }));
    const plan = await apigw.send(
      new CreateUsagePlanCommand({ name: 'pets', apiStages: [{ apiId: api.id, stage: 'v1' }] }),
    );
    await apigw.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }),
    );
    const base = stageUrl(cloud, api.id!, 'v1');

    const list = await fetch(`${base}/pets`);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await list.json(), [{ id: 1, type: 'dog', price: 249.99 }]);

    const denied = await fetch(`${base}/pets/7`, { headers: { authorization: 'Bearer bad' } });
    assert.equal(denied.status, 403);
    const one = await fetch(`${base}/pets/7`, { headers: { authorization: 'Bearer good' } });
    assert.equal(one.status, 200);
    assert.deepEqual(((await one.json()) as { pathParameters: unknown }).pathParameters, { petId: '7' });

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/pets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    assert.equal((await post({ type: 'dog', price: 30 })).status, 403); // no API key
    const invalid = await post({ type: 'dragon', price: 30 }, { 'x-api-key': key.value! });
    assert.equal(invalid.status, 422);
    assert.deepEqual(await invalid.json(), { error: 'bad pet' });
    const valid = await post({ type: 'cat', price: 30 }, { 'x-api-key': key.value! });
    assert.equal(valid.status, 200);
    assert.equal(((await valid.json()) as { body: string }).body, '{"type":"cat","price":30}');

    const proxied = await fetch(`${base}/shelters/north?open=1`);
    assert.equal(proxied.status, 200);
    assert.deepEqual(await proxied.json(), { upstream: '/shelters/north?open=1', method: 'GET' });
  });

  it('import, export and import again give the same API, in OpenAPI 3.0 and Swagger 2.0', async () => {
    const first = await importYaml(definition);
    await apigw.send(new CreateDeploymentCommand({ restApiId: first.id, stageName: 'v1' }));
    const original = await describeApi(apigw, first.id!);
    for (const exportType of ['oas30', 'swagger']) {
      const exported = await apigw.send(
        new GetExportCommand({
          restApiId: first.id,
          stageName: 'v1',
          exportType,
          parameters: { extensions: 'apigateway' },
          accepts: 'application/json',
        }),
      );
      assert.equal(exported.contentType, 'application/json');
      const text = Buffer.from(exported.body!).toString('utf8');
      const doc = JSON.parse(text) as Record<string, unknown>;
      assert.equal(
        exportType === 'oas30' ? doc.openapi : doc.swagger,
        exportType === 'oas30' ? '3.0.1' : '2.0',
      );
      const again = await apigw.send(new ImportRestApiCommand({ body: Buffer.from(text) }));
      assert.equal(again.name, 'PetStore');
      assert.deepEqual(await describeApi(apigw, again.id!), original, `round trip through ${exportType}`);
    }
  });

  it('GetExport writes YAML for application/yaml and leaves integrations out without extensions', async () => {
    const api = await importYaml(definition);
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'v1' }));
    const plain = await apigw.send(
      new GetExportCommand({
        restApiId: api.id,
        stageName: 'v1',
        exportType: 'oas30',
        accepts: 'application/yaml',
      }),
    );
    assert.equal(plain.contentType, 'application/yaml');
    const doc = parseYaml(Buffer.from(plain.body!).toString('utf8')) as {
      info: { title: string };
      servers: { variables: { basePath: { default: string } } }[];
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    assert.equal(doc.info.title, 'PetStore');
    assert.equal(doc.servers[0]!.variables.basePath.default, 'v1');
    assert.ok(doc.paths['/pets']!.get);
    assert.equal(doc.paths['/pets']!.get!['x-amazon-apigateway-integration'], undefined);
    assert.ok(doc.paths['/{proxy+}']!['x-amazon-apigateway-any-method']);
    await assert.rejects(
      apigw.send(new GetExportCommand({ restApiId: api.id, stageName: 'nope', exportType: 'oas30' })),
      { name: 'NotFoundException', message: 'Invalid Stage identifier specified' },
    );
  });

  it('PutRestApi merges by default and overwrites with mode=overwrite', async () => {
    const api = await importYaml(definition);
    const extra = `swagger: "2.0"
info: { title: Renamed, version: "2" }
paths:
  /health:
    get:
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
`;
    const merged = await apigw.send(new PutRestApiCommand({ restApiId: api.id, body: Buffer.from(extra) }));
    assert.equal(merged.name, 'PetStore'); // merge keeps the API's settings' name
    const paths = async () =>
      ((await apigw.send(new GetResourcesCommand({ restApiId: api.id }))).items ?? [])
        .map((r) => r.path)
        .sort();
    assert.deepEqual(await paths(), ['/', '/health', '/pets', '/pets/{petId}', '/{proxy+}']);
    const overwritten = await apigw.send(
      new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: Buffer.from(extra) }),
    );
    assert.equal(overwritten.name, 'Renamed');
    assert.deepEqual(await paths(), ['/', '/health']);
    assert.deepEqual((await apigw.send(new GetModelsCommand({ restApiId: api.id }))).items, []);
  });

  it('basepath=prepend and endpointConfigurationTypes=REGIONAL shape the imported API', async () => {
    const api = await importYaml(definition, {
      parameters: { basepath: 'prepend', endpointConfigurationTypes: 'REGIONAL' },
    });
    assert.deepEqual(api.endpointConfiguration?.types, ['REGIONAL']);
    const { items = [] } = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    assert.ok(items.some((r) => r.path === '/v1/pets/{petId}'));
  });

  it('refuses malformed definitions and, with failonwarnings, definitions that warn', async () => {
    await assert.rejects(importYaml('{"swagger": "2.0", "info": '), { name: 'BadRequestException' });
    await assert.rejects(importYaml('{"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}}'), {
      name: 'BadRequestException',
      message: /Unsupported OpenAPI version 3\.1\.0/,
    });
    const warns = `openapi: 3.0.1
info: { title: Warns, version: "1" }
paths:
  /a:
    get:
      security: [{ missing: [] }]
      responses: {}
`;
    const lenient = await importYaml(warns);
    assert.deepEqual(lenient.warnings, [
      'Unable to find security definition missing for method GET /a. Ignoring.',
    ]);
    const before = (await apigw.send(new GetRestApiCommand({ restApiId: lenient.id }))).warnings;
    assert.deepEqual(before, lenient.warnings);
    await assert.rejects(importYaml(warns, { failOnWarnings: true }), {
      name: 'BadRequestException',
      message: /^Warnings found during import:/,
    });
  });
});

/** The API's resources, methods and the rest by name and path, ids replaced by what they point at. */
async function describeApi(apigw: APIGatewayClient, restApiId: string): Promise<unknown> {
  const { items: authorizers = [] } = await apigw.send(new GetAuthorizersCommand({ restApiId }));
  const { items: validators = [] } = await apigw.send(new GetRequestValidatorsCommand({ restApiId }));
  const { items: models = [] } = await apigw.send(new GetModelsCommand({ restApiId }));
  const { items: responses = [] } = await apigw.send(new GetGatewayResponsesCommand({ restApiId }));
  const { items: resources = [] } = await apigw.send(
    new GetResourcesCommand({ restApiId, embed: ['methods'] }),
  );
  const names = new Map([...authorizers, ...validators].map((item) => [item.id, item.name]));
  const api = await apigw.send(new GetRestApiCommand({ restApiId }));
  return {
    api: {
      name: api.name,
      description: api.description,
      binaryMediaTypes: api.binaryMediaTypes,
      apiKeySource: api.apiKeySource,
    },
    authorizers: authorizers.map(({ id: _id, ...rest }) => rest),
    validators: validators.map(({ id: _id, ...rest }) => rest),
    models: models
      .map(({ id: _id, schema, ...rest }) => ({
        ...rest,
        schema: JSON.parse(schema!.replaceAll(restApiId, 'API')),
      }))
      .sort((a, b) => a.name!.localeCompare(b.name!)),
    gatewayResponses: responses.filter((r) => !r.defaultResponse),
    resources: resources
      .map(({ id: _id, parentId: _parent, resourceMethods, ...rest }) => ({
        ...rest,
        methods: Object.fromEntries(
          Object.entries(resourceMethods ?? {}).map(([verb, method]) => {
            const { authorizerId, requestValidatorId, ...kept } = method;
            const integration = kept.methodIntegration && {
              ...kept.methodIntegration,
              cacheNamespace: undefined,
            };
            return [
              verb,
              {
                ...kept,
                methodIntegration: integration,
                authorizer: names.get(authorizerId),
                validator: names.get(requestValidatorId),
              },
            ];
          }),
        ),
      }))
      .sort((a, b) => a.path!.localeCompare(b.path!)),
  };
}
