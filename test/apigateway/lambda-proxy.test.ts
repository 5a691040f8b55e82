// REST APIs' Lambda proxy integration at the execute-api endpoint: the event exactly as AWS builds it
// (resource, path, headers as sent and in multi-value form, query in both forms, path parameters, stage
// variables, requestContext with identity, resourcePath, requestTime/Epoch, isBase64Encoded), the response
// contract (a malformed answer or a failing function is 502 `{"message": "Internal server error"}`), the
// host and path URL forms, and API Gateway's own 403s for unknown routes and stages.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { addMethod, createApi, deploy, lambdaUri, stageUrl } from './helpers.js';

const ECHO = `exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'X-Echo': 'yes' },
  multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
  body: JSON.stringify(event),
});`;
const MALFORMED = `exports.handler = async () => ({ statusCode: 200, body: { not: 'a string' } });`;
const FAILING = `exports.handler = async () => { throw new Error('boom'); };`;
const BINARY = `exports.handler = async () => ({ statusCode: 200, headers: { 'Content-Type': 'image/png' },
  body: Buffer.from([137, 80, 78, 71]).toString('base64'), isBase64Encoded: true });`;

describe('API Gateway REST API Lambda proxy integration', () => {
  let cloud: Cloud;
  let apiId: string;
  let base: string;

  before(async () => {
    cloud = await startTestCloud();
    const apigw = client(cloud, APIGatewayClient);
    const lambda = lambdaClient(cloud);
    const arns: Record<string, string> = {};
    for (const [name, code] of Object.entries({
      echo: ECHO,
      malformed: MALFORMED,
      failing: FAILING,
      binary: BINARY,
    })) {
      arns[name] = (await createFunction(lambda, `proxy-${name}`, { 'index.js': code })).FunctionArn!;
    }
    apiId = await createApi(apigw, 'proxy', { binaryMediaTypes: ['image/png'] });
    const proxy = (arn: string) => ({
      type: 'AWS_PROXY' as const,
      integrationHttpMethod: 'POST',
      uri: lambdaUri(arn),
    });
    await addMethod(apigw, apiId, { path: '/items/{id}', integration: proxy(arns.echo!) });
    await addMethod(apigw, apiId, { path: '/{proxy+}', httpMethod: 'ANY', integration: proxy(arns.echo!) });
    await addMethod(apigw, apiId, { path: '/malformed', integration: proxy(arns.malformed!) });
    await addMethod(apigw, apiId, { path: '/failing', integration: proxy(arns.failing!) });
    await addMethod(apigw, apiId, { path: '/binary', integration: proxy(arns.binary!) });
    await deploy(apigw, apiId, 'dev', { table: 'orders' });
    base = stageUrl(cloud, apiId);
  });
  after(() => cloud.stop());

  it('sends the proxy event AWS builds and answers with the function response', async () => {
    const response = await fetch(`${base}/items/42?tag=a&tag=b&one=1`, {
      headers: { 'X-Custom': 'hello', 'User-Agent': 'test-agent' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-echo'), 'yes');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(response.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(response.headers.get('x-amz-apigw-id'));
    const event = await response.json();
    assert.equal(event.resource, '/items/{id}');
    assert.equal(event.path, '/items/42');
    assert.equal(event.httpMethod, 'GET');
    assert.equal(event.headers['X-Custom'], 'hello');
    assert.deepEqual(event.multiValueHeaders['X-Custom'], ['hello']);
    assert.deepEqual(event.queryStringParameters, { tag: 'b', one: '1' });
    assert.deepEqual(event.multiValueQueryStringParameters, { tag: ['a', 'b'], one: ['1'] });
    assert.deepEqual(event.pathParameters, { id: '42' });
    assert.deepEqual(event.stageVariables, { table: 'orders' });
    assert.equal(event.body, null);
    assert.equal(event.isBase64Encoded, false);
    const context = event.requestContext;
    assert.equal(context.resourcePath, '/items/{id}');
    assert.equal(context.path, '/dev/items/42');
    assert.equal(context.stage, 'dev');
    assert.equal(context.apiId, apiId);
    assert.equal(context.accountId, '000000000000');
    assert.equal(context.httpMethod, 'GET');
    assert.equal(context.identity.userAgent, 'test-agent');
    assert.equal(context.identity.sourceIp, '127.0.0.1');
    assert.equal(context.identity.cognitoIdentityId, null);
    assert.equal(context.requestId, response.headers.get('x-amzn-requestid'));
    assert.ok(
      context.requestTimeEpoch <= cloud.clock.now() && context.requestTimeEpoch > cloud.clock.now() - 60_000,
    );
    assert.match(context.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(context.domainName, `${apiId}.execute-api.us-east-1.amazonaws.com`);
  });

  it('passes a body as text, and base64 for a binary media type', async () => {
    const text = await (
      await fetch(`${base}/anything/deep`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'content-type': 'application/json' },
      })
    ).json();
    assert.equal(text.resource, '/{proxy+}');
    assert.deepEqual(text.pathParameters, { proxy: 'anything/deep' });
    assert.equal(text.body, '{"a":1}');
    assert.equal(text.isBase64Encoded, false);
    const binary = await (
      await fetch(`${base}/upload`, {
        method: 'PUT',
        body: Buffer.from([1, 2, 3]),
        headers: { 'content-type': 'image/png' },
      })
    ).json();
    assert.equal(binary.body, 'AQID');
    assert.equal(binary.isBase64Encoded, true);
  });

  it('decodes a base64 answer for a binary media type', async () => {
    const response = await fetch(`${base}/binary`, { headers: { accept: 'image/png' } });
    assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [137, 80, 78, 71]);
  });

  it('answers 502 Internal server error for a malformed answer or a failing function', async () => {
    for (const path of ['/malformed', '/failing']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 502);
      assert.deepEqual(await response.json(), { message: 'Internal server error' });
    }
  });

  it('answers 403 Missing Authentication Token for a method the resource lacks, Forbidden for an unknown stage', async () => {
    const missing = await fetch(`${base}/items/42`, { method: 'DELETE' });
    assert.equal(missing.status, 403);
    assert.deepEqual(await missing.json(), { message: 'Missing Authentication Token' });
    assert.equal(missing.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    const stage = await fetch(`${stageUrl(cloud, apiId, 'prod')}/items/42`);
    assert.equal(stage.status, 403);
    assert.deepEqual(await stage.json(), { message: 'Forbidden' });
  });

  it('serves the host form by Host header', async () => {
    const { port } = new URL(cloud.endpoint);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/dev/items/7',
          headers: { host: `${apiId}.execute-api.us-east-1.amazonaws.com` },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const event = JSON.parse(body);
    assert.deepEqual(event.pathParameters, { id: '7' });
    assert.equal(event.requestContext.domainName, `${apiId}.execute-api.us-east-1.amazonaws.com`);
  });
});
