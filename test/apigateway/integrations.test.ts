// REST APIs' non-proxy integrations at the endpoint, with Velocity mapping templates: MOCK (the request
// template selecting the status), HTTP and HTTP_PROXY against a local node:http server, AWS service
// actions in process (SQS SendMessage by path and by action, DynamoDB PutItem, a Lambda function with its
// error message selecting a response, Step Functions StartExecution), passthrough behaviours (415
// Unsupported Media Type), integration responses chosen by selectionPattern, responseParameters and
// `$context.responseOverride`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { addMethod, createApi, deploy, lambdaUri, stageUrl } from './helpers.js';

const VALIDATE = `exports.handler = async (event) => {
  if (!event.name) throw new Error('Validation failed: name is required');
  return { greeting: 'hello ' + event.name };
};`;
const ROLE = 'arn:aws:iam::000000000000:role/apigw';

describe('API Gateway REST API non-proxy integrations', () => {
  let cloud: Cloud;
  let server: Server;
  let upstream: string;
  let base: string;
  let queueUrl: string;
  let stateMachineArn: string;
  const seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string }[] = [];

  before(async () => {
    cloud = await startTestCloud();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        const status = req.url?.includes('missing') ? 404 : 200;
        res.writeHead(status, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        res.end(JSON.stringify({ upstream: true, items: [{ id: 1 }, { id: 2 }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const apigw = client(cloud, APIGatewayClient);
    const sqs = sqsClient(cloud);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
    const dynamodb = client(cloud, DynamoDBClient);
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'items',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const sfn = client(cloud, SFNClient);
    stateMachineArn = (
      await sfn.send(
        new CreateStateMachineCommand({
          name: 'flow',
          roleArn: ROLE,
          definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
        }),
      )
    ).stateMachineArn!;
    const validate = await createFunction(lambdaClient(cloud), 'validate', { 'index.js': VALIDATE });

    const apiId = await createApi(apigw, 'mapped');
    const ok = { statusCode: '200' };
    await addMethod(apigw, apiId, {
      path: '/mock',
      integration: {
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": $input.params(\'code\')}' },
      },
      responses: [
        {
          ...ok,
          responseTemplates: {
            'application/json': '{"mocked": true, "stage": "$context.stage", "v": "$stageVariables.version"}',
          },
          responseParameters: { 'method.response.header.X-Mock': "'yes'" },
        },
        {
          statusCode: '404',
          selectionPattern: '404',
          responseTemplates: { 'application/json': '{"message": "not here"}' },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/http/{id}',
      httpMethod: 'POST',
      integration: {
        type: 'HTTP',
        integrationHttpMethod: 'POST',
        uri: `${upstream}/things/{id}`,
        requestParameters: {
          'integration.request.path.id': 'method.request.path.id',
          'integration.request.header.X-From': "'gateway'",
          'integration.request.querystring.q': 'method.request.querystring.q',
        },
        requestTemplates: {
          'application/json':
            '{"name": $input.json(\'$.name\'), "escaped": "$util.escapeJavaScript($input.path(\'$.note\'))", "b64": "$util.base64Encode(\'hi\')"}',
        },
        passthroughBehavior: 'NEVER',
      },
      responses: [
        {
          ...ok,
          responseParameters: {
            'method.response.header.X-Upstream': 'integration.response.header.x-upstream',
          },
          responseTemplates: {
            'application/json':
              "#set($root = $input.path('$'))[#foreach($item in $root.items)$item.id#if($foreach.hasNext),#end#end]",
          },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/http-missing',
      integration: { type: 'HTTP', integrationHttpMethod: 'GET', uri: `${upstream}/missing` },
      responses: [
        { ...ok },
        {
          statusCode: '404',
          selectionPattern: '4\\d{2}',
          responseTemplates: { 'application/json': '{"message": "upstream said no"}' },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/passthrough/{proxy+}',
      httpMethod: 'ANY',
      integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', uri: `${upstream}/proxied/{proxy}` },
    });
    await addMethod(apigw, apiId, {
      path: '/sqs',
      httpMethod: 'POST',
      integration: {
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:sqs:path/000000000000/orders',
        requestParameters: {
          'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
        },
        requestTemplates: {
          'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)',
        },
      },
      responses: [
        {
          ...ok,
          responseTemplates: {
            'application/json':
              '{"id": "$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')"}',
          },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/items',
      httpMethod: 'PUT',
      integration: {
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
        requestTemplates: {
          'application/json':
            '{"TableName": "$input.path(\'$.table\')", "Item": {"id": {"S": "$input.path(\'$.id\')"}, "by": {"S": "$context.requestId"}}}',
        },
      },
      responses: [
        { ...ok, responseTemplates: { 'application/json': '{"saved": true}' } },
        {
          statusCode: '400',
          selectionPattern: '400',
          responseTemplates: { 'application/json': '{"error": $input.json(\'$.__type\')}' },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/greet',
      httpMethod: 'POST',
      integration: { type: 'AWS', integrationHttpMethod: 'POST', uri: lambdaUri(validate.FunctionArn!) },
      responses: [
        { ...ok, responseTemplates: { 'application/json': '{"message": $input.json(\'$.greeting\')}' } },
        {
          statusCode: '400',
          selectionPattern: 'Validation failed.*',
          responseTemplates: { 'application/json': '{"error": $input.json(\'$.errorMessage\')}' },
        },
      ],
    });
    await addMethod(apigw, apiId, {
      path: '/start',
      httpMethod: 'POST',
      integration: {
        type: 'AWS',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:states:action/StartExecution',
        requestTemplates: {
          'application/json': `{"stateMachineArn": "${stateMachineArn}", "input": "$util.escapeJavaScript($input.body)"}`,
        },
      },
      responses: [
        {
          ...ok,
          responseTemplates: {
            'application/json': "#set($context.responseOverride.status = 202)$input.json('$.executionArn')",
          },
        },
      ],
    });
    await deploy(apigw, apiId, 'dev', { version: 'v7' });
    base = stageUrl(cloud, apiId);
  });
  after(async () => {
    server.close();
    await cloud.stop();
  });

  it('answers a MOCK integration by the status its request template selects', async () => {
    const ok = await fetch(`${base}/mock?code=200`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-mock'), 'yes');
    assert.deepEqual(await ok.json(), { mocked: true, stage: 'dev', v: 'v7' });
    const missing = await fetch(`${base}/mock?code=404`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { message: 'not here' });
  });

  it('maps an HTTP integration request and response through templates and parameters', async () => {
    seen.length = 0;
    const response = await fetch(`${base}/http/abc?q=find`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', note: 'say "hi"' }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-upstream'), 'yes');
    assert.equal(await response.text(), '[1,2]');
    const call = seen[0]!;
    assert.equal(call.method, 'POST');
    assert.equal(call.url, '/things/abc?q=find');
    assert.equal(call.headers?.['x-from'], 'gateway');
    assert.deepEqual(JSON.parse(call.body!), { name: 'Ada', escaped: 'say "hi"', b64: 'aGk=' });
  });

  it('refuses a body no template takes with 415 when passthrough is NEVER', async () => {
    const response = await fetch(`${base}/http/abc`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    assert.equal(response.status, 415);
    assert.deepEqual(await response.json(), { message: 'Unsupported Media Type' });
  });

  it('selects the integration response whose pattern matches the upstream status', async () => {
    const response = await fetch(`${base}/http-missing`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { message: 'upstream said no' });
  });

  it('forwards an HTTP_PROXY request with its path and query and passes the answer back', async () => {
    seen.length = 0;
    const response = await fetch(`${base}/passthrough/a/b?x=1`, { method: 'DELETE' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-upstream'), 'yes');
    assert.equal(seen[0]?.method, 'DELETE');
    assert.equal(seen[0]?.url, '/proxied/a/b?x=1');
  });

  it('sends an SQS message through an AWS integration by path', async () => {
    const response = await fetch(`${base}/sqs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"order":1}',
    });
    assert.equal(response.status, 200);
    const { id } = await response.json();
    const [message] = await receiveMessages(sqsClient(cloud), queueUrl);
    assert.equal(message?.MessageId, id);
    assert.equal(message?.Body, '{"order":1}');
  });

  it('puts a DynamoDB item through an AWS integration and maps a service error by status', async () => {
    const response = await fetch(`${base}/items`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"table":"items","id":"i1"}',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { saved: true });
    const item = await client(cloud, DynamoDBClient).send(
      new GetItemCommand({ TableName: 'items', Key: { id: { S: 'i1' } } }),
    );
    assert.equal(item.Item?.by?.S, response.headers.get('x-amzn-requestid'));
    const bad = await fetch(`${base}/items`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"table":"nope","id":"i2"}',
    });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /ResourceNotFoundException/);
  });

  it('invokes a Lambda function through an AWS integration; its error message selects the response', async () => {
    const ok = await fetch(`${base}/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { message: 'hello Ada' });
    const failed = await fetch(`${base}/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(failed.status, 400);
    assert.deepEqual(await failed.json(), { error: 'Validation failed: name is required' });
  });

  it('starts a Step Functions execution and overrides the status from the response template', async () => {
    const response = await fetch(`${base}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"go":true}',
    });
    assert.equal(response.status, 202);
    const executionArn = await response.json();
    const { executions } = await client(cloud, SFNClient).send(
      new ListExecutionsCommand({ stateMachineArn }),
    );
    assert.equal(executions?.[0]?.executionArn, executionArn);
  });
});
