// A whole application from one template, as the seeds build them: an upload bucket notifying a function
// written inline, which records the upload in a table whose stream feeds a second function, which reports
// to a queue; an EventBridge rule routing order events to another queue; a role for the functions. All
// wired with Ref, GetAtt and Sub, deployed, exercised end to end, then deleted with nothing left behind.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, receiveMessages, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    FunctionRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
    },
    Uploads: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
    },
    Recorder: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] },
        Environment: { Variables: { TABLE: { Ref: 'Uploads' } } },
        Code: {
          ZipFile: [
            "const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');",
            'const db = new DynamoDBClient({});',
            'exports.handler = async (event) => {',
            '  for (const record of event.Records) {',
            '    await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {',
            '      key: { S: record.s3.object.key }, size: { N: String(record.s3.object.size) } } }));',
            '  }',
            '};',
          ].join('\n'),
        },
      },
    },
    RecorderPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: { Ref: 'Recorder' },
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    },
    Bucket: {
      Type: 'AWS::S3::Bucket',
      DependsOn: 'RecorderPermission',
      Properties: {
        NotificationConfiguration: {
          LambdaConfigurations: [
            { Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['Recorder', 'Arn'] } },
          ],
        },
      },
    },
    AuditQueue: { Type: 'AWS::SQS::Queue' },
    Auditor: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'python3.13',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] },
        Environment: { Variables: { QUEUE_URL: { Ref: 'AuditQueue' } } },
        Code: {
          ZipFile: [
            'import boto3, json, os',
            'sqs = boto3.client("sqs")',
            'def handler(event, context):',
            '    for record in event["Records"]:',
            '        sqs.send_message(QueueUrl=os.environ["QUEUE_URL"],',
            '                         MessageBody=record["dynamodb"]["NewImage"]["key"]["S"])',
          ].join('\n'),
        },
      },
    },
    AuditorStream: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Uploads', 'StreamArn'] },
        FunctionName: { Ref: 'Auditor' },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
      },
    },
    OrdersQueue: { Type: 'AWS::SQS::Queue' },
    OrdersQueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'OrdersQueue' }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] },
            },
          ],
        },
      },
    },
    OrderRule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['app.orders'], detail: { total: [{ numeric: ['>', 100] }] } },
        Targets: [{ Id: 'orders', Arn: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] } }],
      },
    },
  },
  Outputs: {
    BucketName: { Value: { Ref: 'Bucket' } },
    AuditQueueUrl: { Value: { Ref: 'AuditQueue' } },
    OrdersQueueUrl: { Value: { Ref: 'OrdersQueue' } },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's own ${} syntax, not JavaScript's.
    Summary: { Value: { 'Fn::Sub': '${Bucket} -> ${Recorder} -> ${Uploads} -> ${Auditor}' } },
  },
});

describe('a whole application deployed from one template', () => {
  let cloud: Cloud;

  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('deploys, works end to end, and deletes with nothing left behind', async (t) => {
    const cfn = client(cloud, CloudFormationClient);
    const started = performance.now();
    await cfn.send(
      new CreateStackCommand({ StackName: 'app', TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'app' }).catch(
      async (error) => {
        const events =
          (await cfn.send(new DescribeStackEventsCommand({ StackName: 'app' }))).StackEvents ?? [];
        throw new Error(
          `${error}\n${events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`).join('\n')}`,
        );
      },
    );
    const deployMs = performance.now() - started;
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'app' }))).Stacks![0]!;
    const output = (key: string) => stack.Outputs!.find((o) => o.OutputKey === key)!.OutputValue!;
    assert.match(
      output('Summary'),
      /^app-bucket-[a-z0-9]{12} -> app-Recorder-[A-Z0-9]{12} -> app-Uploads-[A-Z0-9]{12} -> /,
    );

    // An upload runs the inline Node.js function, whose write to the table reaches the Python function
    // through the stream, which reports to the audit queue.
    const sqs = client(cloud, SQSClient);
    await client(cloud, S3Client).send(
      new PutObjectCommand({ Bucket: output('BucketName'), Key: 'photos/cat.jpg', Body: 'meow' }),
    );
    const audited = await receiveMessages(sqs, output('AuditQueueUrl'), 1, 30);
    assert.deepEqual(
      audited.map((m) => m.Body),
      ['photos/cat.jpg'],
    );

    // The rule routes only the big orders.
    await client(cloud, EventBridgeClient).send(
      new PutEventsCommand({
        Entries: [
          { Source: 'app.orders', DetailType: 'placed', Detail: JSON.stringify({ total: 20 }) },
          { Source: 'app.orders', DetailType: 'placed', Detail: JSON.stringify({ total: 250 }) },
        ],
      }),
    );
    const orders = await receiveMessages(sqs, output('OrdersQueueUrl'), 1);
    assert.equal(JSON.parse(orders[0]!.Body!).detail.total, 250);

    // As on AWS, a bucket with objects in it cannot be deleted: the stack's delete fails until it is empty.
    const s3 = client(cloud, S3Client);
    await cfn.send(new DeleteStackCommand({ StackName: 'app' }));
    await assert.rejects(
      waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stack.StackId! }),
    );
    const failed = (await cfn.send(new DescribeStacksCommand({ StackName: stack.StackId! }))).Stacks![0]!;
    assert.equal(failed.StackStatus, 'DELETE_FAILED');
    assert.match(failed.StackStatusReason!, /The following resource\(s\) failed to delete: \[Bucket\]/);
    await s3.send(new DeleteObjectCommand({ Bucket: output('BucketName'), Key: 'photos/cat.jpg' }));
    await cfn.send(new DeleteStackCommand({ StackName: 'app' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stack.StackId! });
    assert.deepEqual((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [], []);
    assert.deepEqual((await client(cloud, LambdaClient).send(new ListFunctionsCommand({}))).Functions, []);
    assert.deepEqual((await client(cloud, DynamoDBClient).send(new ListTablesCommand({}))).TableNames, []);
    assert.deepEqual((await s3.send(new ListBucketsCommand({}))).Buckets ?? [], []);
    // The deploy itself (functions included) is quick: a figure for the note, not a pass/fail bound.
    t.diagnostic(`deploy of 12 resources: ${Math.round(deployMs)} ms`);
  });
});
