// REST APIs deployed from templates: a CloudFormation template of AWS::ApiGateway::* resources (RestApi,
// Resource, Method with its inline integration and responses, Deployment, Stage, Authorizer, Model,
// RequestValidator, GatewayResponse, ApiKey, UsagePlan, UsagePlanKey) created with the SDK and updated, and
// a serverless.yml with `http` events (cors, a private method with an API key, a Lambda authorizer,
// request parameters) deployed as `nimbus deploy` does; then real HTTP requests to them.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGateway.html
// https://www.serverless.com/framework/docs/providers/aws/events/apigateway

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  type Stack,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { deployCommand } from '../../src/cli/service.js';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const HANDLER = `exports.hello = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.path, q: event.queryStringParameters, who: event.requestContext.authorizer && event.requestContext.authorizer.principalId }) });
exports.auth = async (event) => {
  if (event.authorizationToken !== 'secret') throw new Error('Unauthorized');
  return { principalId: 'ada', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] } };
};`;

describe('REST APIs from templates', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  const dirs: string[] = [];

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
  });
  after(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await cloud.stop();
  });

  it('creates, updates and deletes a REST API from AWS::ApiGateway::* resources', async () => {
    const template = {
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::000000000000:role/any',
            Code: {
              ZipFile:
                'exports.handler = async (e) => ({ statusCode: 200, body: JSON.stringify({ id: e.pathParameters.id, v: e.stageVariables.v }) });',
            },
          },
        },
        Api: {
          Type: 'AWS::ApiGateway::RestApi',
          Properties: { Name: 'cfn-rest', EndpointConfiguration: { Types: ['REGIONAL'] } },
        },
        Items: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
            PathPart: 'items',
          },
        },
        Item: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Items' }, PathPart: '{id}' },
        },
        Validator: {
          Type: 'AWS::ApiGateway::RequestValidator',
          Properties: { RestApiId: { Ref: 'Api' }, Name: 'body', ValidateRequestBody: true },
        },
        ItemModel: {
          Type: 'AWS::ApiGateway::Model',
          Properties: {
            RestApiId: { Ref: 'Api' },
            Name: 'Item',
            ContentType: 'application/json',
            Schema: { type: 'object', required: ['name'] },
          },
        },
        GetItem: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResourceId: { Ref: 'Item' },
            HttpMethod: 'GET',
            AuthorizationType: 'NONE',
            Integration: {
              Type: 'AWS_PROXY',
              IntegrationHttpMethod: 'POST',
              Uri: {
                'Fn::Sub':
                  // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub, not JavaScript.
                  'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations',
              },
            },
          },
        },
        PostItems: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResourceId: { Ref: 'Items' },
            HttpMethod: 'POST',
            AuthorizationType: 'NONE',
            ApiKeyRequired: true,
            RequestValidatorId: { Ref: 'Validator' },
            RequestModels: { 'application/json': { Ref: 'ItemModel' } },
            Integration: {
              Type: 'MOCK',
              RequestTemplates: { 'application/json': '{"statusCode": 201}' },
              IntegrationResponses: [
                { StatusCode: '201', ResponseTemplates: { 'application/json': '{"created": true}' } },
              ],
            },
            MethodResponses: [{ StatusCode: '201' }],
          },
        },
        NotFound: {
          Type: 'AWS::ApiGateway::GatewayResponse',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
            StatusCode: '404',
            ResponseParameters: { 'gatewayresponse.header.X-Why': "'no route'" },
            ResponseTemplates: { 'application/json': '{"error": $context.error.messageString}' },
          },
        },
        Deployment: {
          Type: 'AWS::ApiGateway::Deployment',
          DependsOn: ['GetItem', 'PostItems', 'NotFound'],
          Properties: { RestApiId: { Ref: 'Api' } },
        },
        Stage: {
          Type: 'AWS::ApiGateway::Stage',
          Properties: {
            RestApiId: { Ref: 'Api' },
            StageName: 'live',
            DeploymentId: { Ref: 'Deployment' },
            Variables: { v: 'one' },
          },
        },
        Key: {
          Type: 'AWS::ApiGateway::ApiKey',
          Properties: { Name: 'cfn-key', Enabled: true, Value: 'cfn-key-value-0123456789' },
        },
        Plan: {
          Type: 'AWS::ApiGateway::UsagePlan',
          DependsOn: 'Stage',
          Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: 'live' }] },
        },
        PlanKey: {
          Type: 'AWS::ApiGateway::UsagePlanKey',
          Properties: { KeyId: { Ref: 'Key' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } },
        },
      },
      Outputs: {
        ApiId: { Value: { Ref: 'Api' } },
        Root: { Value: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } },
        Stage: { Value: { Ref: 'Stage' } },
      },
    };
    const created = await deployStack(cfn, 'cfn-rest', template, 'create');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const outputs = outputsOf(created);
    assert.match(outputs.ApiId!, /^[a-z0-9]{10}$/);
    assert.equal(outputs.Stage, 'live');
    const base = `${cloud.endpoint}/_nimbus/execute-api/${outputs.ApiId}/live`;
    assert.deepEqual(await (await fetch(`${base}/items/7`)).json(), { id: '7', v: 'one' });
    const json = { 'content-type': 'application/json', 'x-api-key': 'cfn-key-value-0123456789' };
    const posted = await fetch(`${base}/items`, { method: 'POST', headers: json, body: '{"name":"a"}' });
    assert.equal(posted.status, 201);
    assert.deepEqual(await posted.json(), { created: true });
    const invalid = await fetch(`${base}/items`, { method: 'POST', headers: json, body: '{"other":1}' });
    assert.equal(invalid.status, 400);
    assert.deepEqual(await invalid.json(), { message: 'Invalid request body' });
    assert.equal((await fetch(`${base}/items`, { method: 'POST', body: '{"name":"a"}' })).status, 403);
    const missing = await fetch(`${base}/nowhere`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-why'), 'no route');
    assert.deepEqual(await missing.json(), { error: 'Missing Authentication Token' });

    template.Resources.Stage.Properties.Variables = { v: 'two' };
    const updated = await deployStack(cfn, 'cfn-rest', template, 'update');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    assert.deepEqual(await (await fetch(`${base}/items/8`)).json(), { id: '8', v: 'two' });

    await cfn.send(new DeleteStackCommand({ StackName: 'cfn-rest' }));
    let deleted = await stack(cfn, created.StackId!);
    while (deleted.StackStatus === 'DELETE_IN_PROGRESS') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deleted = await stack(cfn, created.StackId!);
    }
    assert.equal(deleted.StackStatus, 'DELETE_COMPLETE', deleted.StackStatusReason);
    // The id names no API of either kind now: the execute-api endpoint answers 404.
    assert.equal((await fetch(`${base}/items/7`)).status, 404);
  });

  it('deploys a serverless.yml with http events, cors, an API key and a Lambda authorizer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-http-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'handler.js'), HANDLER);
    writeFileSync(
      join(dir, 'serverless.yml'),
      `service: shop
provider:
  name: aws
  runtime: nodejs22.x
  apiGateway:
    apiKeys:
      - shop-partner
functions:
  auth:
    handler: handler.auth
  hello:
    handler: handler.hello
    events:
      - http:
          method: get
          path: items/{id}
          cors: true
          request:
            parameters:
              querystrings:
                q: false
      - http: POST /items
      - http:
          method: get
          path: private
          private: true
      - http:
          method: get
          path: guarded
          authorizer: auth
`,
    );
    const lines: string[] = [];
    const code = await deployCommand(
      { endpoint: cloud.endpoint, region: 'us-east-1' },
      { serviceDir: dir, write: (line) => lines.push(line) },
    );
    assert.equal(code, 0, lines.join('\n'));
    const outputs = outputsOf(await stack(cfn, 'shop-dev'));
    const apiId = /^https:\/\/([a-z0-9]{10})\.execute-api\.us-east-1\.amazonaws\.com\/dev$/.exec(
      outputs.ServiceEndpoint ?? '',
    )?.[1];
    assert.ok(apiId, outputs.ServiceEndpoint);
    const base = `${cloud.endpoint}/_nimbus/execute-api/${apiId}/dev`;
    assert.ok(lines.includes(`  GET - ${base}/items/{id}`), lines.join('\n'));
    const hello = await fetch(`${base}/items/42?q=x`);
    assert.equal(hello.status, 200);
    assert.deepEqual(await hello.json(), { path: '/items/42', q: { q: 'x' } });
    const preflight = await fetch(`${base}/items/42`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'OPTIONS,GET');
    assert.equal((await fetch(`${base}/private`)).status, 403);
    const apigw = client(cloud, APIGatewayClient);
    const { items } = await apigw.send(
      new GetApiKeysCommand({ includeValues: true, nameQuery: 'shop-partner' }),
    );
    const keyed = await fetch(`${base}/private`, { headers: { 'x-api-key': items![0]!.value! } });
    assert.equal(keyed.status, 200);
    assert.equal((await fetch(`${base}/guarded`)).status, 401);
    const guarded = await fetch(`${base}/guarded`, { headers: { Authorization: 'secret' } });
    assert.equal(guarded.status, 200);
    assert.equal((await guarded.json()).who, 'ada');
  });
});

async function deployStack(
  cfn: CloudFormationClient,
  StackName: string,
  template: unknown,
  kind: 'create' | 'update',
): Promise<Stack> {
  const TemplateBody = JSON.stringify(template);
  await cfn.send(
    kind === 'create'
      ? new CreateStackCommand({ StackName, TemplateBody })
      : new UpdateStackCommand({ StackName, TemplateBody }),
  );
  let current = await stack(cfn, StackName);
  while (current.StackStatus?.endsWith('_IN_PROGRESS')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await stack(cfn, StackName);
  }
  return current;
}

async function stack(cfn: CloudFormationClient, StackName: string): Promise<Stack> {
  return (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
}

function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}
