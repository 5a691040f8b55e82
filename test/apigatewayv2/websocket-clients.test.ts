// WebSocket APIs through boto3 (test/apigatewayv2/websocket_clients.py: the API made with the apigatewayv2
// client, a message posted with the apigatewaymanagementapi client) and the AWS CLI (`aws apigatewayv2
// create-api --protocol-type WEBSOCKET …`, `aws apigatewaymanagementapi post-to-connection`), with a `ws`
// client on the connection in between.
// https://docs.aws.amazon.com/cli/latest/reference/apigatewaymanagementapi/post-to-connection.html

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';
import { connect } from './ws-client.js';

const SCRIPT = fileURLToPath(new URL('../../../test/apigatewayv2/websocket_clients.py', import.meta.url));
const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('WebSocket APIs through boto3 and the AWS CLI', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('boto3 creates a WebSocket API and posts to a connection; GoneException for an unknown one', {
    skip: NO_BOTO3,
  }, async () => {
    const created = await runProcess('python3', [SCRIPT, 'create', cloud.endpoint]);
    assert.equal(created.code, 0, created.stderr);
    const { apiId, endpoint, protocol } = JSON.parse(created.stdout);
    assert.equal(protocol, 'WEBSOCKET');
    const ws = await connect(`${endpoint}/live`);
    ws.send('who am i');
    const connectionId = await ws.next();
    const stageUrl = `${cloud.endpoint}/_nimbus/execute-api/${apiId}/live`;
    const posted = await runProcess('python3', [SCRIPT, 'post', stageUrl, connectionId]);
    assert.equal(posted.code, 0, posted.stderr);
    assert.deepEqual(JSON.parse(posted.stdout), { sourceIp: '127.0.0.1', gone: 410 });
    assert.equal(await ws.next(), 'from boto3');
    await ws.close();
  });

  it('the AWS CLI creates a WebSocket API and posts to a connection', { skip: NO_CLI }, async () => {
    const aws = async (args: string[]) => {
      const result = await runProcess('aws', [...args, '--output', 'json']);
      assert.equal(result.code, 0, `aws ${args.join(' ')} failed:\n${result.stderr}`);
      return result.stdout.trim() ? JSON.parse(result.stdout) : {};
    };
    const v2 = (args: string[]) => aws(['--endpoint-url', cloud.endpoint, 'apigatewayv2', ...args]);
    const api = await v2([
      'create-api',
      '--name',
      'cli',
      '--protocol-type',
      'WEBSOCKET',
      '--route-selection-expression',
      '$request.body.action',
    ]);
    const integration = await v2([
      'create-integration',
      '--api-id',
      api.ApiId,
      '--integration-type',
      'MOCK',
      '--request-templates',
      '{"$default":"{\\"statusCode\\": 200}"}',
    ]);
    await v2([
      'create-integration-response',
      '--api-id',
      api.ApiId,
      '--integration-id',
      integration.IntegrationId,
      '--integration-response-key',
      '$default',
      '--response-templates',
      '{"$default":"$context.connectionId"}',
    ]);
    const route = await v2([
      'create-route',
      '--api-id',
      api.ApiId,
      '--route-key',
      '$default',
      '--target',
      `integrations/${integration.IntegrationId}`,
    ]);
    await v2([
      'create-route-response',
      '--api-id',
      api.ApiId,
      '--route-id',
      route.RouteId,
      '--route-response-key',
      '$default',
    ]);
    await v2(['create-stage', '--api-id', api.ApiId, '--stage-name', 'dev', '--auto-deploy']);
    const ws = await connect(`${api.ApiEndpoint}/dev`);
    ws.send('hello');
    const connectionId = await ws.next();
    const stageUrl = `${cloud.endpoint}/_nimbus/execute-api/${api.ApiId}/dev`;
    const management = ['--endpoint-url', stageUrl, 'apigatewaymanagementapi'];
    await aws([
      ...management,
      'post-to-connection',
      '--connection-id',
      connectionId,
      '--data',
      'from the cli',
    ]);
    assert.equal(await ws.next(), 'from the cli');
    const described = await aws([...management, 'get-connection', '--connection-id', connectionId]);
    assert.equal(described.Identity.SourceIp, '127.0.0.1');
    await aws([...management, 'delete-connection', '--connection-id', connectionId]);
    assert.equal((await ws.closed).code, 1000);
    const gone = await runProcess('aws', [...management, 'get-connection', '--connection-id', connectionId]);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /GoneException/);
  });
});
