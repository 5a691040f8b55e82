// The chat example end to end, deployed from a serverless.yml with `websocket` events as `nimbus deploy`
// does: `$connect` stores the connection in DynamoDB, `sendmessage` broadcasts to every stored connection
// with PostToConnection (dropping those that are gone), `$disconnect` removes it; plus a two-way `echo`
// route through its `$default` route response.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-chat-app.html
// https://www.serverless.com/framework/docs/providers/aws/events/websocket

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { deployCommand } from '../../src/cli/service.js';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { connect } from './ws-client.js';

const HANDLER = `const { DynamoDBClient, PutItemCommand, DeleteItemCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const db = new DynamoDBClient({});
const TableName = process.env.TABLE;
exports.connect = async (event) => {
  const name = (event.queryStringParameters || {}).name || 'anonymous';
  await db.send(new PutItemCommand({ TableName, Item: { connectionId: { S: event.requestContext.connectionId }, name: { S: name } } }));
  return { statusCode: 200 };
};
exports.disconnect = async (event) => {
  await db.send(new DeleteItemCommand({ TableName, Key: { connectionId: { S: event.requestContext.connectionId } } }));
  return { statusCode: 200 };
};
exports.sendmessage = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  const management = new ApiGatewayManagementApiClient({ endpoint: 'http://' + domainName + '/' + stage });
  const { message } = JSON.parse(event.body);
  const { Items } = await db.send(new ScanCommand({ TableName }));
  const from = Items.find((item) => item.connectionId.S === connectionId).name.S;
  await Promise.all(Items.map(async (item) => {
    try {
      await management.send(new PostToConnectionCommand({ ConnectionId: item.connectionId.S, Data: JSON.stringify({ from, message }) }));
    } catch (error) {
      if (error.name !== 'GoneException') throw error;
      await db.send(new DeleteItemCommand({ TableName, Key: { connectionId: item.connectionId } }));
    }
  }));
  return { statusCode: 200 };
};
exports.echo = async (event) => ({ statusCode: 200, body: 'echo: ' + JSON.parse(event.body).text });`;

const SERVERLESS_YML = `service: chat
provider:
  name: aws
  runtime: nodejs22.x
  websocketsApiRouteSelectionExpression: $request.body.action
  environment:
    TABLE: chat-connections
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
  disconnect:
    handler: handler.disconnect
    events:
      - websocket:
          route: $disconnect
  sendmessage:
    handler: handler.sendmessage
    events:
      - websocket: sendmessage
  echo:
    handler: handler.echo
    events:
      - websocket:
          route: echo
          routeResponseSelectionExpression: $default
resources:
  Resources:
    ConnectionsTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: chat-connections
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions: [{ AttributeName: connectionId, AttributeType: S }]
        KeySchema: [{ AttributeName: connectionId, KeyType: HASH }]
`;

describe('WebSocket chat example from serverless.yml', () => {
  let cloud: Cloud;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-chat-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cloud.stop();
  });

  it('stores connections, broadcasts messages, answers two-way routes and forgets closed connections', async () => {
    writeFileSync(join(dir, 'handler.js'), HANDLER);
    writeFileSync(join(dir, 'serverless.yml'), SERVERLESS_YML);
    const lines: string[] = [];
    const code = await deployCommand(
      { endpoint: cloud.endpoint, region: 'us-east-1' },
      { serviceDir: dir, write: (line) => lines.push(line) },
    );
    assert.equal(code, 0, lines.join('\n'));
    const cfn = client(cloud, CloudFormationClient);
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'chat-dev' }));
    const output = Stacks![0]!.Outputs!.find((o) => o.OutputKey === 'ServiceEndpointWebsocket')!.OutputValue!;
    const [, apiId] = /^wss:\/\/([a-z0-9]{10})\.execute-api\.us-east-1\.amazonaws\.com\/dev$/.exec(output)!;
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'chat-dev' }));
    const ids = StackResources!.map((r) => r.LogicalResourceId);
    for (const id of [
      'WebsocketsApi',
      'SconnectWebsocketsRoute',
      'SdisconnectWebsocketsRoute',
      'sendmessageWebsocketsRoute',
      'echoWebsocketsRouteResponse',
      'WebsocketsDeploymentStage',
      'SendmessageWebsocketsIntegration',
      'SendmessageLambdaPermissionWebsockets',
    ]) {
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    }

    const url = `${cloud.endpoint.replace('http', 'ws')}/_nimbus/execute-api/${apiId}/dev`;
    const alice = await connect(`${url}?name=alice`);
    const bob = await connect(`${url}?name=bob`);
    alice.send(JSON.stringify({ action: 'sendmessage', message: 'hi all' }));
    assert.deepEqual(JSON.parse(await alice.next(20_000)), { from: 'alice', message: 'hi all' });
    assert.deepEqual(JSON.parse(await bob.next(20_000)), { from: 'alice', message: 'hi all' });
    bob.send(JSON.stringify({ action: 'echo', text: 'ping' }));
    assert.equal(await bob.next(20_000), 'echo: ping');

    await bob.close();
    const db = client(cloud, DynamoDBClient);
    let count = 2;
    for (let tries = 0; tries < 100 && count !== 1; tries++) {
      count = (await db.send(new ScanCommand({ TableName: 'chat-connections' }))).Count!;
      if (count !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(count, 1);
    alice.send(JSON.stringify({ action: 'sendmessage', message: 'alone now' }));
    assert.deepEqual(JSON.parse(await alice.next(20_000)), { from: 'alice', message: 'alone now' });
    await alice.close();
  });

  it('creates a two-way MOCK route from AWS::ApiGatewayV2 RouteResponse and IntegrationResponse resources', async () => {
    const template = {
      Resources: {
        Api: {
          Type: 'AWS::ApiGatewayV2::Api',
          Properties: {
            Name: 'cfn-ws',
            ProtocolType: 'WEBSOCKET',
            RouteSelectionExpression: '$request.body.action',
          },
        },
        Mock: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationType: 'MOCK',
            RequestTemplates: { $default: '{"statusCode": 200}' },
          },
        },
        MockResponse: {
          Type: 'AWS::ApiGatewayV2::IntegrationResponse',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationId: { Ref: 'Mock' },
            IntegrationResponseKey: '$default',
            ResponseTemplates: { $default: '{"route": "$context.routeKey"}' },
          },
        },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: {
            ApiId: { Ref: 'Api' },
            RouteKey: 'hello',
            Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'Mock' }]] },
          },
        },
        RouteResponse: {
          Type: 'AWS::ApiGatewayV2::RouteResponse',
          Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' },
        },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'v1' } },
        Deployment: {
          Type: 'AWS::ApiGatewayV2::Deployment',
          DependsOn: ['Route', 'RouteResponse', 'MockResponse', 'Stage'],
          Properties: { ApiId: { Ref: 'Api' }, StageName: 'v1' },
        },
      },
      Outputs: {
        Endpoint: { Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } },
        RouteResponseId: { Value: { Ref: 'RouteResponse' } },
      },
    };
    const cfn = client(cloud, CloudFormationClient);
    await cfn.send(new CreateStackCommand({ StackName: 'cfn-ws', TemplateBody: JSON.stringify(template) }));
    let stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'cfn-ws' }))).Stacks![0]!;
    while (stack.StackStatus === 'CREATE_IN_PROGRESS') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'cfn-ws' }))).Stacks![0]!;
    }
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    assert.match(outputs.RouteResponseId!, /^[a-z0-9]{6}$/);
    const ws = await connect(`${outputs.Endpoint}/v1`);
    ws.send(JSON.stringify({ action: 'hello' }));
    assert.deepEqual(JSON.parse(await ws.next()), { route: 'hello' });
    await ws.close();
  });
});
