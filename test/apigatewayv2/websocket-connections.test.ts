// WebSocket APIs' @connections management API (PostToConnection, GetConnection, DeleteConnection through
// @aws-sdk/client-apigatewaymanagementapi, from the test and from inside a function), MOCK integrations
// with request and response templates, the `$connect` Lambda authorizer, and the limits AWS documents
// (idle timeout and maximum duration on the cloud clock, 128 KB messages).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { connect, refusal } from './ws-client.js';

// Pushes two messages to its own connection through the callback URL built from its event, as AWS's
// guide does (with http://: Nimbus serves no TLS).
const PUSHER = `const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
exports.handler = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const management = new ApiGatewayManagementApiClient({ endpoint: 'http://' + domainName + '/' + stage });
  await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'pushed 1' }));
  await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'pushed 2' }));
  return { statusCode: 200 };
};`;

// Allows `?token=allow`, denies anything else, throws Unauthorized for `?token=unauthorized`.
const AUTHORIZER = `exports.handler = async (event) => {
  const token = event.queryStringParameters.token;
  if (token === 'unauthorized') throw new Error('Unauthorized');
  return {
    principalId: 'user-1',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'allow' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
    context: { tenant: 'acme', methodArn: event.methodArn, type: event.type },
  };
};`;

// Agrees to the first subprotocol the client offers, unless it offers `none`.
const PROTOCOL = `exports.handler = async (event) => {
  const offered = (event.headers['Sec-WebSocket-Protocol'] || '').split(',')[0].trim();
  return offered === 'none' ? { statusCode: 200 } : { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': offered } };
};`;

const ECHO_CONTEXT = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });`;

describe('API Gateway v2 WebSocket connections', () => {
  let cloud: Cloud;
  let api: ApiGatewayV2Client;
  const arns: Record<string, string> = {};
  const uri = (name: string) =>
    `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arns[name]}/invocations`;

  before(async () => {
    cloud = await startTestCloud();
    api = client(cloud, ApiGatewayV2Client);
    const lambda = lambdaClient(cloud);
    for (const [name, code] of Object.entries({
      pusher: PUSHER,
      authorizer: AUTHORIZER,
      context: ECHO_CONTEXT,
      protocol: PROTOCOL,
    })) {
      arns[name] = (await createFunction(lambda, name, { 'index.js': code }, { timeout: 20 })).FunctionArn!;
    }
  });
  after(() => cloud.stop());

  async function mockApi() {
    const created = await api.send(
      new CreateApiCommand({
        Name: 'mock',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const ApiId = created.ApiId!;
    const integration = await api.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'MOCK',
        // The message's `status` picks the template, whose statusCode picks the integration response.
        TemplateSelectionExpression: '$request.body.status',
        RequestTemplates: { $default: '{"statusCode": 200}', missing: '{"statusCode": 404}' },
      }),
    );
    await api.send(
      new CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId: integration.IntegrationId,
        IntegrationResponseKey: '$default',
        TemplateSelectionExpression: '\\$default',
        ResponseTemplates: {
          $default:
            '{"connectionId": "$context.connectionId", "route": "$context.routeKey", "type": "$context.eventType"}',
        },
      }),
    );
    await api.send(
      new CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId: integration.IntegrationId,
        IntegrationResponseKey: '/4\\d\\d/',
        ResponseTemplates: { $default: '{"error": "not found"}' },
      }),
    );
    const route = await api.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: '$default',
        Target: `integrations/${integration.IntegrationId}`,
        RouteResponseSelectionExpression: '$default',
      }),
    );
    await api.send(
      new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' }),
    );
    await api.send(new CreateStageCommand({ ApiId, StageName: 'dev', AutoDeploy: true }));
    return {
      ApiId,
      url: `${created.ApiEndpoint}/dev`,
      callback: `${cloud.endpoint}/_nimbus/execute-api/${ApiId}/dev`,
    };
  }

  const management = (endpoint: string) =>
    new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });

  it('answers through a MOCK integration its response template renders', async () => {
    const { url } = await mockApi();
    const ws = await connect(url);
    ws.send(JSON.stringify({ text: 'hello' }));
    const answer = JSON.parse(await ws.next());
    assert.equal(answer.route, '$default');
    assert.equal(answer.type, 'MESSAGE');
    assert.match(answer.connectionId, /^[A-Za-z0-9]{15}=$/);
    ws.send(JSON.stringify({ status: 'missing' }));
    assert.deepEqual(JSON.parse(await ws.next()), { error: 'not found' });
    await ws.close();
  });

  it('posts to, describes and deletes a connection through the management API; GoneException once closed', async () => {
    const { url, callback } = await mockApi();
    const ws = await connect(url, { headers: { 'user-agent': 'test-agent' } });
    ws.send('{}');
    const { connectionId } = JSON.parse(await ws.next());
    const manager = management(callback);
    await manager.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the backend' }));
    assert.equal(await ws.next(), 'from the backend');
    const described = await manager.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    assert.ok(described.ConnectedAt instanceof Date);
    assert.ok(described.LastActiveAt! >= described.ConnectedAt!);
    assert.deepEqual(described.Identity, { SourceIp: '127.0.0.1', UserAgent: 'test-agent' });
    await assert.rejects(
      manager.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * 1024 + 1) }),
      ),
      PayloadTooLargeException,
    );
    await manager.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    assert.equal((await ws.closed).code, 1000);
    await assert.rejects(
      manager.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' })),
      (error: Error) => error instanceof GoneException && error.$metadata.httpStatusCode === 410,
    );
    await assert.rejects(
      manager.send(new GetConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' })),
      GoneException,
    );
    const unsigned = await fetch(`${callback}/@connections/${encodeURIComponent(connectionId)}`, {
      method: 'POST',
      body: 'x',
    });
    assert.equal(unsigned.status, 403);
  });

  it('lets a function post to its own connection through the callback URL its event names', async () => {
    const created = await api.send(
      new CreateApiCommand({
        Name: 'push',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const integration = await api.send(
      new CreateIntegrationCommand({
        ApiId: created.ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: uri('pusher'),
      }),
    );
    await api.send(
      new CreateRouteCommand({
        ApiId: created.ApiId,
        RouteKey: 'push',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
    await api.send(new CreateStageCommand({ ApiId: created.ApiId, StageName: 'prod', AutoDeploy: true }));
    const ws = await connect(`${created.ApiEndpoint}/prod`);
    ws.send(JSON.stringify({ action: 'push' }));
    assert.equal(await ws.next(20_000), 'pushed 1');
    assert.equal(await ws.next(), 'pushed 2');
    await ws.close();
  });

  it('runs a REQUEST authorizer on $connect: 401 without the identity source, 403 on Deny, context on later events', async () => {
    const created = await api.send(
      new CreateApiCommand({
        Name: 'auth',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const ApiId = created.ApiId!;
    const authorizer = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'tokens',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: uri('authorizer'),
        IdentitySource: ['route.request.querystring.token'],
      }),
    );
    const integration = await api.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: uri('context') }),
    );
    await api.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: authorizer.AuthorizerId,
      }),
    );
    const route = await api.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: '$default',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
    await api.send(
      new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' }),
    );
    await api.send(new CreateStageCommand({ ApiId, StageName: 'dev', AutoDeploy: true }));
    const url = `${created.ApiEndpoint}/dev`;
    assert.equal((await refusal(url)).status, 401);
    assert.equal((await refusal(`${url}?token=unauthorized`)).status, 401);
    const denied = await refusal(`${url}?token=deny`);
    assert.deepEqual(denied, { status: 403, body: '{"message":"Forbidden"}' });
    const ws = await connect(`${url}?token=allow`);
    ws.send('who am i');
    const context = JSON.parse(await ws.next());
    assert.equal(context.principalId, 'user-1');
    assert.equal(context.tenant, 'acme');
    assert.equal(context.type, 'REQUEST');
    assert.equal(context.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${ApiId}/dev/$connect`);
    await ws.close();
  });

  it('closes a connection idle for 10 minutes on the cloud clock with 1001, and one sending over 128 KB with 1009', async () => {
    const { url } = await mockApi();
    const idle = await connect(url);
    cloud.clock.advance(9 * 60 * 1000);
    idle.send('{}');
    await idle.next();
    cloud.clock.advance(9 * 60 * 1000);
    assert.equal(idle.ws.readyState, idle.ws.OPEN);
    cloud.clock.advance(2 * 60 * 1000);
    assert.equal((await idle.closed).code, 1001);
    const big = await connect(url);
    big.send('x'.repeat(128 * 1024 + 1));
    assert.equal((await big.closed).code, 1009);
  });

  it('sends the request template to an HTTP backend and its answer through the integration response; HTTP_PROXY passes the message', async () => {
    const received: string[] = [];
    const backend = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ got: body }));
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(backend.address() as { port: number }).port}`;
    try {
      const created = await api.send(
        new CreateApiCommand({
          Name: 'http',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.body.action',
        }),
      );
      const ApiId = created.ApiId!;
      const http = await api.send(
        new CreateIntegrationCommand({
          ApiId,
          IntegrationType: 'HTTP',
          IntegrationMethod: 'POST',
          IntegrationUri: `${base}/orders`,
          TemplateSelectionExpression: '\\$default',
          RequestTemplates: { $default: '{"order": $input.json(\'$.item\'), "by": "$context.connectionId"}' },
        }),
      );
      await api.send(
        new CreateIntegrationResponseCommand({
          ApiId,
          IntegrationId: http.IntegrationId,
          IntegrationResponseKey: '/2\\d\\d/',
          ResponseTemplates: { $default: '{"status": "ok", "echo": $input.json(\'$.got\')}' },
        }),
      );
      const proxy = await api.send(
        new CreateIntegrationCommand({
          ApiId,
          IntegrationType: 'HTTP_PROXY',
          IntegrationMethod: 'POST',
          IntegrationUri: `${base}/raw`,
        }),
      );
      for (const [key, integration] of [
        ['order', http.IntegrationId],
        ['raw', proxy.IntegrationId],
      ]) {
        const route = await api.send(
          new CreateRouteCommand({ ApiId, RouteKey: key, Target: `integrations/${integration}` }),
        );
        await api.send(
          new CreateRouteResponseCommand({ ApiId, RouteId: route.RouteId, RouteResponseKey: '$default' }),
        );
      }
      await api.send(new CreateStageCommand({ ApiId, StageName: 'dev', AutoDeploy: true }));
      const ws = await connect(`${created.ApiEndpoint}/dev`);
      ws.send(JSON.stringify({ action: 'order', item: 'tea' }));
      const answer = JSON.parse(await ws.next());
      assert.equal(answer.status, 'ok');
      const sent = JSON.parse(answer.echo);
      assert.equal(sent.order, 'tea');
      assert.match(sent.by, /^[A-Za-z0-9]{15}=$/);
      ws.send(JSON.stringify({ action: 'raw', n: 1 }));
      assert.deepEqual(JSON.parse(await ws.next()), { got: '{"action":"raw","n":1}' });
      assert.equal(received[1], 'POST /raw {"action":"raw","n":1}');
      await ws.close();
    } finally {
      backend.close();
    }
  });

  it('agrees to a subprotocol only when the $connect integration answers it', async () => {
    const created = await api.send(
      new CreateApiCommand({
        Name: 'proto',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const integration = await api.send(
      new CreateIntegrationCommand({
        ApiId: created.ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: uri('protocol'),
      }),
    );
    await api.send(
      new CreateRouteCommand({
        ApiId: created.ApiId,
        RouteKey: '$connect',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
    await api.send(new CreateStageCommand({ ApiId: created.ApiId, StageName: 'dev', AutoDeploy: true }));
    const url = `${created.ApiEndpoint}/dev`;
    const agreed = await connect(url, { protocols: ['graphql-ws', 'other'] });
    assert.equal(agreed.ws.protocol, 'graphql-ws');
    await agreed.close();
    await assert.rejects(connect(url, { protocols: ['none'] }), /no subprotocol/);
  });

  it('records ConnectCount, MessageCount and IntegrationLatency in AWS/ApiGateway', async () => {
    const { ApiId, url } = await mockApi();
    const ws = await connect(url);
    ws.send('{}');
    await ws.next();
    ws.send('{}');
    await ws.next();
    await ws.close();
    const cw = client(cloud, CloudWatchClient);
    const sum = async (MetricName: string) => {
      const now = cloud.clock.now();
      const { Datapoints = [] } = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/ApiGateway',
          MetricName,
          Dimensions: [
            { Name: 'ApiId', Value: ApiId },
            { Name: 'Stage', Value: 'dev' },
          ],
          StartTime: new Date(now - 3_600_000),
          EndTime: new Date(now + 600_000),
          Period: 4200,
          Statistics: ['Sum', 'SampleCount'],
        }),
      );
      return Datapoints[0];
    };
    assert.equal((await sum('ConnectCount'))?.Sum, 1);
    // Two in, two answers out.
    assert.equal((await sum('MessageCount'))?.Sum, 4);
    assert.equal((await sum('IntegrationError'))?.Sum, 0);
    assert.equal((await sum('IntegrationLatency'))?.SampleCount, 2);
  });

  it('closes a connection after 2 hours even when it is busy', async () => {
    const { url } = await mockApi();
    const ws = await connect(url);
    for (let minutes = 0; minutes < 120; minutes += 5) {
      ws.send('{}');
      await ws.next();
      cloud.clock.advance(5 * 60 * 1000);
    }
    assert.equal((await ws.closed).code, 1001);
  });
});
