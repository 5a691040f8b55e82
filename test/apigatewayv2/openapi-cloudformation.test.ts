// HTTP APIs from OpenAPI in templates: AWS::ApiGatewayV2::Api with `BodyS3Location` (read from Nimbus's
// S3) and an auto-deploying `$default` stage serving it; an update with an inline `Body` reimports it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ApiGatewayV2Client, GetApiCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
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

describe('HTTP APIs from OpenAPI in CloudFormation templates', () => {
  let cloud: Cloud;
  let upstream: Server;
  let origin: string;

  before(async () => {
    cloud = await startTestCloud();
    upstream = createServer((req, res) => res.end(JSON.stringify({ upstream: req.url })));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(async () => {
    await cloud.stop();
    upstream.close();
  });

  const definition = (path: string) => ({
    openapi: '3.0.1',
    info: { title: 'Proxy', version: '1' },
    paths: {
      [path]: {
        get: {
          responses: {},
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'GET',
            uri: `${origin}${path}`,
            payloadFormatVersion: '1.0',
          },
        },
      },
    },
  });
  const template = (api: Record<string, unknown>) =>
    JSON.stringify({
      Resources: {
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: api },
        Stage: {
          Type: 'AWS::ApiGatewayV2::Stage',
          Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true },
        },
      },
      Outputs: {
        ApiId: { Value: { Ref: 'Api' } },
        Endpoint: { Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } },
      },
    });

  it('imports BodyS3Location, serves it, and reimports an inline Body on update', async () => {
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'http-definitions' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'http-definitions',
        Key: 'api.json',
        Body: JSON.stringify(definition('/one')),
      }),
    );
    const cfn = client(cloud, CloudFormationClient);
    await cfn.send(
      new CreateStackCommand({
        StackName: 'http-body',
        TemplateBody: template({
          BodyS3Location: { Bucket: 'http-definitions', Key: 'api.json' },
          Description: 'from the template',
        }),
      }),
    );
    const created = await settled(cfn, 'http-body');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const { ApiId, Endpoint } = outputsOf(created);
    const apigw = client(cloud, ApiGatewayV2Client);
    const api = await apigw.send(new GetApiCommand({ ApiId }));
    assert.equal(api.Name, 'Proxy');
    assert.equal(api.Description, 'from the template');
    assert.deepEqual(await (await fetch(`${Endpoint}/one`)).json(), { upstream: '/one' });

    await cfn.send(
      new UpdateStackCommand({
        StackName: 'http-body',
        TemplateBody: template({ Body: definition('/two') }),
      }),
    );
    const updated = await settled(cfn, 'http-body');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    const { Items: routes = [] } = await apigw.send(new GetRoutesCommand({ ApiId }));
    assert.deepEqual(
      routes.map((r) => r.RouteKey),
      ['GET /two'],
    );
    assert.deepEqual(await (await fetch(`${Endpoint}/two`)).json(), { upstream: '/two' });
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
