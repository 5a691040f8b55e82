// SAM's AWS::Serverless::Api (DefinitionBody) and AWS::Serverless::HttpApi (DefinitionUri in S3) deployed
// through the transform: the REST API serves its stage, the HTTP API its `$default` stage.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { stageUrl } from './helpers.js';

describe('SAM APIs defined by OpenAPI', () => {
  let cloud: Cloud;
  let upstream: Server;

  before(async () => {
    cloud = await startTestCloud();
    upstream = createServer((req, res) => res.end(JSON.stringify({ upstream: req.url })));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await cloud.stop();
    upstream.close();
  });

  it('deploys a Serverless::Api from DefinitionBody and a Serverless::HttpApi from DefinitionUri', async () => {
    const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'sam-definitions' }));
    const http = `openapi: 3.0.1
info: { title: SamHttp, version: "1" }
paths:
  /up:
    get:
      responses: {}
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: "${origin}/up", payloadFormatVersion: "1.0" }
`;
    await s3.send(new PutObjectCommand({ Bucket: 'sam-definitions', Key: 'http.yaml', Body: http }));
    const template = {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        RestApi: {
          Type: 'AWS::Serverless::Api',
          Properties: {
            StageName: 'prod',
            DefinitionBody: {
              swagger: '2.0',
              info: { title: 'SamRest', version: '1' },
              paths: {
                '/ping': {
                  get: {
                    responses: { '200': { description: 'ok' } },
                    'x-amazon-apigateway-integration': {
                      type: 'mock',
                      requestTemplates: { 'application/json': '{"statusCode": 200}' },
                      responses: {
                        default: {
                          statusCode: '200',
                          responseTemplates: { 'application/json': '{"pong": true}' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        HttpApi: {
          Type: 'AWS::Serverless::HttpApi',
          Properties: { DefinitionUri: 's3://sam-definitions/http.yaml' },
        },
      },
      Outputs: {
        RestApiId: { Value: { Ref: 'RestApi' } },
        HttpEndpoint: { Value: { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] } },
      },
    };
    const cfn = client(cloud, CloudFormationClient);
    await cfn.send(
      new CreateStackCommand({
        StackName: 'sam-apis',
        TemplateBody: JSON.stringify(template),
        Capabilities: ['CAPABILITY_AUTO_EXPAND'],
      }),
    );
    let stack: Stack;
    for (;;) {
      stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'sam-apis' }))).Stacks![0]!;
      if (!stack.StackStatus?.endsWith('_IN_PROGRESS')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', stack.StackStatusReason);
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    assert.deepEqual(await (await fetch(`${stageUrl(cloud, outputs.RestApiId!, 'prod')}/ping`)).json(), {
      pong: true,
    });
    assert.deepEqual(await (await fetch(`${outputs.HttpEndpoint}/up`)).json(), { upstream: '/up' });
  });
});
