// The HTTP API management API through boto3 (test/python/apigatewayv2_flows.py) and the AWS CLI
// (`aws apigatewayv2 create-api | create-integration | create-route | get-apis`), then a call through
// execute-api with curl, as people type it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/apigatewayv2_flows.py', import.meta.url));
const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });`;
const has = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

describe('HTTP APIs through boto3, the AWS CLI and curl', () => {
  let cloud: Cloud;
  let functionArn: string;
  before(async () => {
    cloud = await startTestCloud();
    functionArn = (await createFunction(lambdaClient(cloud), 'clients-echo', { 'index.js': ECHO }))
      .FunctionArn!;
  });
  after(() => cloud.stop());

  it('boto3 creates an API, integration, route and stage, lists them and calls the route', {
    skip: has('python3', ['-c', 'import boto3']) ? false : 'python3 with boto3 is not installed',
  }, async () => {
    const result = await runProcess('python3', [
      SCRIPT,
      '--endpoint',
      cloud.endpoint,
      '--function-arn',
      functionArn,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });

  it('the AWS CLI creates an API with a route, and curl calls it through execute-api', {
    skip: has('aws', ['--version']) && has('curl', ['--version']) ? false : 'the AWS CLI or curl is missing',
  }, async () => {
    const aws = async (...args: string[]) => {
      const result = await runProcess('aws', [
        '--endpoint-url',
        cloud.endpoint,
        '--output',
        'json',
        'apigatewayv2',
        ...args,
      ]);
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout) as Record<string, unknown>;
    };
    const api = await aws('create-api', '--name', 'cli-api', '--protocol-type', 'HTTP');
    const ApiId = String(api.ApiId);
    const integration = await aws(
      'create-integration',
      '--api-id',
      ApiId,
      '--integration-type',
      'AWS_PROXY',
      '--integration-uri',
      functionArn,
      '--payload-format-version',
      '2.0',
    );
    const route = await aws(
      'create-route',
      '--api-id',
      ApiId,
      '--route-key',
      'POST /orders',
      '--target',
      `integrations/${String(integration.IntegrationId)}`,
    );
    assert.equal(route.RouteKey, 'POST /orders');
    await aws('create-stage', '--api-id', ApiId, '--stage-name', '$default', '--auto-deploy');
    const apis = (await aws('get-apis')).Items as { ApiId: string; Name: string }[];
    assert.ok(apis.some((item) => item.ApiId === ApiId && item.Name === 'cli-api'));
    const curl = await runProcess('curl', [
      '-s',
      '-i',
      '-X',
      'POST',
      '-H',
      'content-type: application/json',
      '-d',
      '{"qty":2}',
      `${String(api.ApiEndpoint)}/orders`,
    ]);
    assert.equal(curl.code, 0, curl.stderr);
    const [head, body] = curl.stdout.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 200/);
    assert.match(head!, /apigw-requestid: /i);
    const event = JSON.parse(body!);
    assert.equal(event.routeKey, 'POST /orders');
    assert.equal(event.body, '{"qty":2}');
  });
});
