// REST APIs from OpenAPI in templates: AWS::ApiGateway::RestApi with an inline `Body` (the template's Name
// overriding the definition's title) and with `BodyS3Location` read from Nimbus's S3; an update with a
// changed Body overwrites the API; a Deployment and Stage serve it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APIGatewayClient, GetResourcesCommand, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { stageUrl } from './helpers.js';

function mockDefinition(path: string, answer: string): Record<string, unknown> {
  return {
    swagger: '2.0',
    info: { title: 'FromBody', version: '1' },
    paths: {
      [path]: {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': answer } } },
          },
        },
      },
    },
  };
}

/** The API and a deployment to `live`; a new `deployment` logical id is a new deployment, as templates
 * (and SAM) make one when the definition changes — a Deployment updated in place is not redeployed. */
function template(api: Record<string, unknown>, deployment = 'Deployment'): string {
  return JSON.stringify({
    Resources: {
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: api },
      [deployment]: {
        Type: 'AWS::ApiGateway::Deployment',
        Properties: { RestApiId: { Ref: 'Api' }, StageName: 'live' },
      },
    },
    Outputs: { ApiId: { Value: { Ref: 'Api' } } },
  });
}

describe('REST APIs from OpenAPI in CloudFormation templates', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let apigw: APIGatewayClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    apigw = client(cloud, APIGatewayClient);
  });
  after(() => cloud.stop());

  it('imports an inline Body, takes the template Name over the title, and overwrites on update', async () => {
    const name = 'named-by-template';
    await cfn.send(
      new CreateStackCommand({
        StackName: 'rest-body',
        TemplateBody: template({ Name: name, Body: mockDefinition('/hello', '{"v": 1}') }),
      }),
    );
    const created = await settled(cfn, 'rest-body');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const apiId = outputsOf(created).ApiId!;
    assert.equal((await apigw.send(new GetRestApiCommand({ restApiId: apiId }))).name, name);
    assert.deepEqual(await (await fetch(`${stageUrl(cloud, apiId, 'live')}/hello`)).json(), { v: 1 });

    await cfn.send(
      new UpdateStackCommand({
        StackName: 'rest-body',
        TemplateBody: template({ Name: name, Body: mockDefinition('/bye', '{"v": 2}') }, 'Deployment2'),
      }),
    );
    const updated = await settled(cfn, 'rest-body');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    assert.equal(outputsOf(updated).ApiId, apiId);
    const { items = [] } = await apigw.send(new GetResourcesCommand({ restApiId: apiId }));
    assert.deepEqual(items.map((r) => r.path).sort(), ['/', '/bye']);
    assert.deepEqual(await (await fetch(`${stageUrl(cloud, apiId, 'live')}/bye`)).json(), { v: 2 });
  });

  it('imports a YAML definition from BodyS3Location', async () => {
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'definitions' }));
    const yaml = `swagger: "2.0"
info: { title: FromS3, version: "1" }
paths:
  /s3:
    get:
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: "200", responseTemplates: { application/json: '{"from": "s3"}' } } }
`;
    await s3.send(new PutObjectCommand({ Bucket: 'definitions', Key: 'api.yaml', Body: yaml }));
    await cfn.send(
      new CreateStackCommand({
        StackName: 'rest-s3',
        TemplateBody: template({ BodyS3Location: { Bucket: 'definitions', Key: 'api.yaml' } }),
      }),
    );
    const created = await settled(cfn, 'rest-s3');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const apiId = outputsOf(created).ApiId!;
    assert.equal((await apigw.send(new GetRestApiCommand({ restApiId: apiId }))).name, 'FromS3');
    assert.deepEqual(await (await fetch(`${stageUrl(cloud, apiId, 'live')}/s3`)).json(), { from: 's3' });
  });

  it('rolls back a RestApi whose Body is not an OpenAPI definition', async () => {
    await cfn.send(
      new CreateStackCommand({ StackName: 'rest-bad', TemplateBody: template({ Body: { hello: 1 } }) }),
    );
    const created = await settled(cfn, 'rest-bad');
    assert.equal(created.StackStatus, 'ROLLBACK_COMPLETE');
  });
});

async function settled(cfn: CloudFormationClient, StackName: string): Promise<Stack> {
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
    if (!stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}
