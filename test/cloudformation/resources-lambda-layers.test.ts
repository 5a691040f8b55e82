// A template with a layer (from S3), a function using it, a function URL and its permissions, deployed
// through CloudFormation's API: the URL from Fn::GetAtt answers over HTTP with the layer's module, and
// deleting the stack removes the URL and the layer version.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-layerversion.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-url.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { GetLayerVersionByArnCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { zip } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    Library: {
      Type: 'AWS::Lambda::LayerVersion',
      Properties: {
        LayerName: 'library',
        CompatibleRuntimes: ['nodejs24.x'],
        Content: { S3Bucket: 'artifacts', S3Key: 'library.zip' },
      },
    },
    LibraryShared: {
      Type: 'AWS::Lambda::LayerVersionPermission',
      Properties: { Action: 'lambda:GetLayerVersion', LayerVersionArn: { Ref: 'Library' }, Principal: '*' },
    },
    Api: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::000000000000:role/lambda-role',
        Layers: [{ Ref: 'Library' }],
        Code: {
          ZipFile:
            "const { shout } = require('shout'); exports.handler = async (event) => ({ statusCode: 200, body: shout(event.rawPath) });",
        },
      },
    },
    ApiUrl: {
      Type: 'AWS::Lambda::Url',
      Properties: {
        TargetFunctionArn: { 'Fn::GetAtt': ['Api', 'Arn'] },
        AuthType: 'NONE',
        Cors: { AllowOrigins: ['*'] },
      },
    },
    ApiUrlPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: { Ref: 'Api' },
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      },
    },
    ApiInvokePermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: { Ref: 'Api' },
        Action: 'lambda:InvokeFunction',
        Principal: '*',
        InvokedViaFunctionUrl: true,
      },
    },
  },
  Outputs: {
    Url: { Value: { 'Fn::GetAtt': ['ApiUrl', 'FunctionUrl'] } },
    UrlFunction: { Value: { 'Fn::GetAtt': ['ApiUrl', 'FunctionArn'] } },
    LayerArn: { Value: { Ref: 'Library' } },
  },
});

describe('Lambda layers and URLs in a CloudFormation template', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'artifacts',
        Key: 'library.zip',
        Body: zip({ 'nodejs/node_modules/shout/index.js': 'exports.shout = (s) => s.toUpperCase() + "!";' }),
      }),
    );
  });
  after(() => cloud.stop());

  it('deploys a layer, a function using it and its URL, which answers over HTTP; deleting removes them', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'layered', TemplateBody: TEMPLATE }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'layered' });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'layered' }));
    const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    assert.equal(outputs.LayerArn, 'arn:aws:lambda:us-east-1:000000000000:layer:library:1');
    assert.match(outputs.UrlFunction ?? '', /^arn:aws:lambda:us-east-1:000000000000:function:layered-Api-/);
    const response = await fetch(`${outputs.Url}hello`, { headers: { Origin: 'https://site.example' } });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '/HELLO!');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');

    await cfn.send(new DeleteStackCommand({ StackName: 'layered' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'layered' });
    assert.equal((await fetch(outputs.Url!)).status, 403);
    const lambda = client(cloud, LambdaClient);
    await assert.rejects(lambda.send(new GetLayerVersionByArnCommand({ Arn: outputs.LayerArn })), {
      name: 'ResourceNotFoundException',
    });
  });
});
