// HTTP APIs deployed from templates: a serverless.yml service with `httpApi` events and a JWT authorizer
// (`provider.httpApi.authorizers`) deployed as `nimbus deploy` does, and a plain CloudFormation template
// of AWS::ApiGatewayV2::* resources created with the SDK; then real HTTP requests to their routes.
// https://www.serverless.com/framework/docs/providers/aws/events/http-api
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGatewayV2.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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
import { startIssuer, type TestIssuer } from './issuer.js';

const HANDLER = `exports.hello = async () => ({ greeting: 'hello' });
exports.item = async (event) => ({ statusCode: 200, body: JSON.stringify({ id: event.pathParameters.id }) });
exports.secret = async (event) => ({ sub: event.requestContext.authorizer.jwt.claims.sub });`;

describe('HTTP APIs from templates', () => {
  let cloud: Cloud;
  let issuer: TestIssuer;
  let cfn: CloudFormationClient;
  const dirs: string[] = [];

  before(async () => {
    cloud = await startTestCloud();
    issuer = await startIssuer();
    cfn = client(cloud, CloudFormationClient);
  });
  after(async () => {
    issuer.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await cloud.stop();
  });

  it('deploys a serverless.yml with httpApi events and a JWT authorizer, and serves its routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-httpapi-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'handler.js'), HANDLER);
    writeFileSync(
      join(dir, 'serverless.yml'),
      `service: shop
provider:
  name: aws
  runtime: nodejs22.x
  httpApi:
    cors: true
    authorizers:
      jwtAuth:
        identitySource: $request.header.Authorization
        issuerUrl: ${issuer.url}
        audience: [shop-client]
functions:
  hello:
    handler: handler.hello
    events:
      - httpApi: GET /hello
  item:
    handler: handler.item
    events:
      - httpApi:
          method: GET
          path: /items/{id}
  secret:
    handler: handler.secret
    events:
      - httpApi:
          method: GET
          path: /secret
          authorizer:
            name: jwtAuth
            scopes: [shop/read]
`,
    );
    const lines: string[] = [];
    const code = await deployCommand(
      { endpoint: cloud.endpoint, region: 'us-east-1' },
      { serviceDir: dir, write: (line) => lines.push(line) },
    );
    assert.equal(code, 0, lines.join('\n'));
    const outputs = outputsOf(await stack(cfn, 'shop-dev'));
    const base = `${cloud.endpoint}/_nimbus/execute-api/${outputs.HttpApiId}`;
    assert.ok(lines.includes(`  GET - ${base}/hello`), lines.join('\n'));
    const hello = await fetch(`${base}/hello`, { headers: { origin: 'https://shop.example' } });
    assert.equal(hello.status, 200);
    assert.deepEqual(await hello.json(), { greeting: 'hello' });
    assert.equal(hello.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await (await fetch(`${base}/items/42`)).json(), { id: '42' });
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    assert.equal((await fetch(`${base}/secret`)).status, 401);
    const now = cloud.clock.now();
    const unscoped = await issuer.sign({ aud: 'shop-client', sub: 'u7' }, now);
    assert.equal(
      (await fetch(`${base}/secret`, { headers: { authorization: `Bearer ${unscoped}` } })).status,
      403,
    );
    const scoped = await issuer.sign({ aud: 'shop-client', sub: 'u7', scope: 'shop/read' }, now);
    const secret = await fetch(`${base}/secret`, { headers: { authorization: `Bearer ${scoped}` } });
    assert.equal(secret.status, 200);
    assert.deepEqual(await secret.json(), { sub: 'u7' });
  });

  it('creates an API, integration, route, stage and deployment from a CloudFormation template', async () => {
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
                'exports.handler = async (e) => ({ stage: e.requestContext.stage, v: e.stageVariables.v });',
            },
          },
        },
        Api: {
          Type: 'AWS::ApiGatewayV2::Api',
          Properties: { Name: 'cfn-api', ProtocolType: 'HTTP', Tags: { team: 'a' } },
        },
        Integration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationType: 'AWS_PROXY',
            IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] },
            PayloadFormatVersion: '2.0',
            TimeoutInMillis: '5000',
          },
        },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: {
            ApiId: { Ref: 'Api' },
            RouteKey: 'GET /where',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub, not JavaScript.
            Target: { 'Fn::Sub': 'integrations/${Integration}' },
          },
        },
        Stage: {
          Type: 'AWS::ApiGatewayV2::Stage',
          Properties: { ApiId: { Ref: 'Api' }, StageName: 'live', StageVariables: { v: 'one' } },
        },
        Deployment: {
          Type: 'AWS::ApiGatewayV2::Deployment',
          DependsOn: ['Route', 'Stage'],
          Properties: { ApiId: { Ref: 'Api' }, StageName: 'live' },
        },
      },
      Outputs: {
        ApiId: { Value: { Ref: 'Api' } },
        ApiIdAttribute: { Value: { 'Fn::GetAtt': ['Api', 'ApiId'] } },
        Endpoint: { Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } },
        Stage: { Value: { Ref: 'Stage' } },
        RouteId: { Value: { Ref: 'Route' } },
        IntegrationId: { Value: { 'Fn::GetAtt': ['Integration', 'IntegrationId'] } },
        DeploymentId: { Value: { Ref: 'Deployment' } },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'cfn-api', TemplateBody: JSON.stringify(template) }));
    let created = await stack(cfn, 'cfn-api');
    while (created.StackStatus === 'CREATE_IN_PROGRESS') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      created = await stack(cfn, 'cfn-api');
    }
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const outputs = outputsOf(created);
    assert.match(outputs.ApiId!, /^[a-z0-9]{10}$/);
    assert.equal(outputs.ApiIdAttribute, outputs.ApiId);
    assert.equal(outputs.Endpoint, `${cloud.endpoint}/_nimbus/execute-api/${outputs.ApiId}`);
    assert.equal(outputs.Stage, 'live');
    assert.match(outputs.RouteId!, /^[a-z0-9]{7}$/);
    assert.match(outputs.IntegrationId!, /^[a-z0-9]{7}$/);
    assert.match(outputs.DeploymentId!, /^[a-z0-9]+$/);
    const response = await fetch(`${outputs.Endpoint}/live/where`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { stage: 'live', v: 'one' });

    // An update: the route key and stage variables change in place, and a new Deployment (its Description
    // changed, so it is replaced) is what the stage serves afterwards, as on AWS.
    const resources = template.Resources;
    resources.Route.Properties.RouteKey = 'GET /here';
    resources.Stage.Properties.StageVariables = { v: 'two' };
    (resources.Deployment.Properties as Record<string, unknown>).Description = 'second';
    await cfn.send(new UpdateStackCommand({ StackName: 'cfn-api', TemplateBody: JSON.stringify(template) }));
    let updated = await stack(cfn, 'cfn-api');
    while (updated.StackStatus?.endsWith('_IN_PROGRESS')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      updated = await stack(cfn, 'cfn-api');
    }
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    assert.equal(outputsOf(updated).RouteId, outputs.RouteId);
    assert.notEqual(outputsOf(updated).DeploymentId, outputs.DeploymentId);
    assert.deepEqual(await (await fetch(`${outputs.Endpoint}/live/here`)).json(), {
      stage: 'live',
      v: 'two',
    });
    assert.equal((await fetch(`${outputs.Endpoint}/live/where`)).status, 404);

    await cfn.send(new DeleteStackCommand({ StackName: 'cfn-api' }));
    // A deleted stack is found by its id only, as on AWS.
    let deleted = await stack(cfn, created.StackId!);
    while (deleted.StackStatus === 'DELETE_IN_PROGRESS') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deleted = await stack(cfn, created.StackId!);
    }
    assert.equal(deleted.StackStatus, 'DELETE_COMPLETE', deleted.StackStatusReason);
    assert.equal((await fetch(`${outputs.Endpoint}/live/here`)).status, 404);
  });

  it('rolls back an Api whose OpenAPI Body has no info.title to name it', async () => {
    const template = {
      Resources: { Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: { openapi: '3.0.1' } } } },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'cfn-body', TemplateBody: JSON.stringify(template) }));
    let created = await stack(cfn, 'cfn-body');
    while (created.StackStatus?.endsWith('_IN_PROGRESS')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      created = await stack(cfn, 'cfn-body');
    }
    assert.equal(created.StackStatus, 'ROLLBACK_COMPLETE');
  });
});

async function stack(cfn: CloudFormationClient, StackName: string): Promise<Stack> {
  return (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
}

function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}
