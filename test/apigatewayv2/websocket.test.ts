// WebSocket APIs end to end: the management API through the SDK v3 client, real Lambda functions on the
// `$connect`, custom, `$default` and `$disconnect` routes, a `ws` client on the ws:// endpoint handed out,
// and the @connections API through @aws-sdk/client-apigatewaymanagementapi.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  BadRequestException,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  GetRouteResponsesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { connect, refusal } from './ws-client.js';

// Records every event in the queue; answers the message back; refuses `?reject=1` handshakes.
const RECORDER = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
  if (event.queryStringParameters?.reject) return { statusCode: 401, body: 'go away' };
  if (event.queryStringParameters?.crash) throw new Error('boom');
  if (event.body && event.body.includes('crash')) throw new Error('boom');
  return { statusCode: 200, body: JSON.stringify({ routeKey: event.requestContext.routeKey, body: event.body }) };
};`;

describe('API Gateway v2 WebSocket APIs', () => {
  let cloud: Cloud;
  let api: ApiGatewayV2Client;
  let sqs: SQSClient;
  let queueUrl: string;
  let functionArn: string;
  const lambdaUri = () =>
    `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

  before(async () => {
    cloud = await startTestCloud();
    api = client(cloud, ApiGatewayV2Client);
    sqs = sqsClient(cloud);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'events' }))).QueueUrl!;
    const created = await createFunction(
      lambdaClient(cloud),
      'recorder',
      { 'index.js': RECORDER },
      {
        timeout: 20,
        environment: { QUEUE_URL: queueUrl },
      },
    );
    functionArn = created.FunctionArn!;
  });
  after(() => cloud.stop());

  const events = async (count: number) =>
    (await receiveMessages(sqs, queueUrl, count)).map((m) => JSON.parse(m.Body!));

  /** An API whose routes all go to the recorder; `twoWay` routes get a `$default` route response. */
  async function lambdaApi(routes: string[], twoWay: string[], expression = '$request.body.action') {
    const created = await api.send(
      new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: expression }),
    );
    const integration = await api.send(
      new CreateIntegrationCommand({
        ApiId: created.ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: lambdaUri(),
      }),
    );
    for (const key of routes) {
      const route = await api.send(
        new CreateRouteCommand({
          ApiId: created.ApiId,
          RouteKey: key,
          Target: `integrations/${integration.IntegrationId}`,
          ...(twoWay.includes(key) ? { RouteResponseSelectionExpression: '$default' } : {}),
        }),
      );
      if (twoWay.includes(key)) {
        await api.send(
          new CreateRouteResponseCommand({
            ApiId: created.ApiId,
            RouteId: route.RouteId,
            RouteResponseKey: '$default',
          }),
        );
      }
    }
    await api.send(new CreateStageCommand({ ApiId: created.ApiId, StageName: 'dev', AutoDeploy: true }));
    return { apiId: created.ApiId!, url: `${created.ApiEndpoint}/dev` };
  }

  it('CreateApi takes WEBSOCKET with a route selection expression and hands out a ws:// endpoint', async () => {
    await assert.rejects(
      api.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'WEBSOCKET' })),
      (error: Error) =>
        error instanceof BadRequestException && /RouteSelectionExpression/.test(error.message),
    );
    await assert.rejects(
      api.send(
        new CreateApiCommand({
          Name: 'x',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.header.x',
        }),
      ),
      BadRequestException,
    );
    const created = await api.send(
      new CreateApiCommand({
        Name: 'x',
        ProtocolType: 'WEBSOCKET',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's wrapped-variable form, not a template.
        RouteSelectionExpression: '${request.body.action}',
      }),
    );
    assert.equal(
      created.ApiEndpoint,
      `${cloud.endpoint.replace('http', 'ws')}/_nimbus/execute-api/${created.ApiId}`,
    );
    assert.equal(created.ApiKeySelectionExpression, '$request.header.x-api-key');
    const route = await api.send(new CreateRouteCommand({ ApiId: created.ApiId, RouteKey: 'sendmessage' }));
    await assert.rejects(
      api.send(new CreateRouteCommand({ ApiId: created.ApiId, RouteKey: '$other' })),
      BadRequestException,
    );
    await assert.rejects(
      api.send(new CreateRouteCommand({ ApiId: created.ApiId, RouteKey: 'x', AuthorizationType: 'AWS_IAM' })),
      /only on the \$connect route/,
    );
    await assert.rejects(
      api.send(
        new CreateRouteResponseCommand({
          ApiId: created.ApiId,
          RouteId: route.RouteId,
          RouteResponseKey: 'other',
        }),
      ),
      BadRequestException,
    );
    const response = await api.send(
      new CreateRouteResponseCommand({
        ApiId: created.ApiId,
        RouteId: route.RouteId,
        RouteResponseKey: '$default',
      }),
    );
    assert.match(response.RouteResponseId!, /^[a-z0-9]+$/);
    const listed = await api.send(
      new GetRouteResponsesCommand({ ApiId: created.ApiId, RouteId: route.RouteId }),
    );
    assert.deepEqual(listed.Items, [
      { RouteResponseId: response.RouteResponseId, RouteResponseKey: '$default' },
    ]);
    await assert.rejects(
      api.send(
        new CreateIntegrationCommand({
          ApiId: created.ApiId,
          IntegrationType: 'HTTP',
          IntegrationUri: 'http://x',
        }),
      ),
      /IntegrationMethod is required/,
    );
  });

  it('runs $connect with the handshake, routes messages by action, falls back to $default and answers two-way routes', async () => {
    const { apiId, url } = await lambdaApi(['$connect', 'echo', '$default'], ['echo', '$default']);
    const ws = await connect(`${url}?token=abc`, { headers: { 'x-custom': 'yes' } });
    const [connectEvent] = await events(1);
    assert.equal(connectEvent.requestContext.routeKey, '$connect');
    assert.equal(connectEvent.requestContext.eventType, 'CONNECT');
    assert.equal(connectEvent.requestContext.apiId, apiId);
    assert.equal(connectEvent.requestContext.stage, 'dev');
    assert.equal(connectEvent.requestContext.messageDirection, 'IN');
    assert.equal(connectEvent.requestContext.identity.sourceIp, '127.0.0.1');
    assert.match(connectEvent.requestContext.connectionId, /^[A-Za-z0-9]{15}=$/);
    assert.equal(typeof connectEvent.requestContext.connectedAt, 'number');
    assert.equal(connectEvent.headers['x-custom'], 'yes');
    assert.deepEqual(connectEvent.multiValueHeaders['x-custom'], ['yes']);
    assert.deepEqual(connectEvent.queryStringParameters, { token: 'abc' });
    assert.equal(connectEvent.isBase64Encoded, false);
    assert.equal(connectEvent.body, undefined);

    ws.send(JSON.stringify({ action: 'echo', text: 'hi' }));
    assert.deepEqual(JSON.parse(await ws.next()), {
      routeKey: 'echo',
      body: '{"action":"echo","text":"hi"}',
    });
    ws.send('not json');
    assert.deepEqual(JSON.parse(await ws.next()), { routeKey: '$default', body: 'not json' });
    ws.send(JSON.stringify({ action: 'unknown' }));
    assert.equal(JSON.parse(await ws.next()).routeKey, '$default');
    const [message] = await events(1);
    assert.equal(message.requestContext.eventType, 'MESSAGE');
    assert.equal(message.requestContext.routeKey, 'echo');
    assert.equal(message.requestContext.connectionId, connectEvent.requestContext.connectionId);
    assert.equal(message.requestContext.connectedAt, connectEvent.requestContext.connectedAt);
    assert.ok(message.requestContext.messageId);
    assert.equal(message.headers, undefined);
    assert.equal(message.isBase64Encoded, false);
    await events(2);
    ws.send('crash');
    const failure = JSON.parse(await ws.next());
    assert.deepEqual(Object.keys(failure), ['message', 'connectionId', 'requestId']);
    assert.equal(failure.message, 'Internal server error');
    assert.equal(failure.connectionId, connectEvent.requestContext.connectionId);
    await events(1);
    await ws.close();
  });

  it('sends a Forbidden error message when no route matches and there is no $default route', async () => {
    const { url } = await lambdaApi(['echo'], ['echo']);
    const ws = await connect(url);
    ws.send(JSON.stringify({ action: 'nope' }));
    const answer = JSON.parse(await ws.next());
    assert.equal(answer.message, 'Forbidden');
    ws.send(JSON.stringify({ action: 'echo' }));
    assert.equal(JSON.parse(await ws.next()).routeKey, 'echo');
    await events(1);
    await ws.close();
  });

  it('refuses the handshake with the status $connect answers, 500 when it fails, 403 for an unknown stage', async () => {
    const { url } = await lambdaApi(['$connect'], []);
    assert.deepEqual(await refusal(`${url}?reject=1`), { status: 401, body: 'go away' });
    assert.equal((await refusal(`${url}?crash=1`)).status, 500);
    assert.equal((await refusal(url.replace(/\/dev$/, '/prod'))).status, 403);
    await events(2);
  });

  it('runs $disconnect with the close code and reason when the client closes', async () => {
    const { url } = await lambdaApi(['$disconnect'], []);
    const ws = await connect(url);
    await ws.close(4000, 'bye');
    const [event] = await events(1);
    assert.equal(event.requestContext.eventType, 'DISCONNECT');
    assert.equal(event.requestContext.routeKey, '$disconnect');
    assert.equal(event.requestContext.disconnectStatusCode, 4000);
    assert.equal(event.requestContext.disconnectReason, 'bye');
    assert.equal(event.headers, undefined);
    const second = await connect(url);
    await second.close();
    const [other] = await events(1);
    assert.equal(other.requestContext.disconnectStatusCode, 1005);
    assert.equal(other.requestContext.disconnectReason, 'Client-side close frame status not set');
  });

  it('serves the Host header forms on the main port', async () => {
    const { apiId } = await lambdaApi(['$default'], ['$default']);
    for (const host of [`${apiId}.execute-api.localhost`, `${apiId}.execute-api.us-east-1.amazonaws.com`]) {
      const ws = await connect(`ws://127.0.0.1:${cloud.port}/dev`, { headers: { host } });
      ws.send('hello');
      assert.deepEqual(JSON.parse(await ws.next()), { routeKey: '$default', body: 'hello' });
      await ws.close();
    }
    await events(2);
    const wrongRegion = await refusal(`ws://127.0.0.1:${cloud.port}/dev`, {
      headers: { host: `${apiId}.execute-api.eu-west-1.amazonaws.com` },
    });
    assert.equal(wrongRegion.status, 404);
  });
});
