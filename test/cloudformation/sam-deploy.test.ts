// SAM templates deployed through the real engine with the SDK v3 CloudFormation client: the transform runs in
// prepareTemplate, and what it generates works: an SQS event runs its function, a Schedule event fires when the
// cloud's clock moves, a SimpleTable takes items, a function from a local directory picks up an edit.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, receiveMessages, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const WORKER = [
  "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');",
  'const sqs = new SQSClient({});',
  'exports.handler = async (event) => {',
  '  for (const record of event.Records) {',
  "    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.RESULTS, MessageBody: 'done:' + record.body }));",
  '  }',
  '};',
].join('\n');

const TICKER = [
  'import boto3, json, os',
  'table = boto3.resource("dynamodb").Table(os.environ["TABLE"])',
  'def handler(event, context):',
  '    table.put_item(Item={"id": "tick", "input": json.dumps(event)})',
].join('\n');

function template(localDirectory: string): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Globals: { Function: { Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 10 } },
    Resources: {
      Jobs: { Type: 'AWS::SQS::Queue' },
      Results: { Type: 'AWS::SQS::Queue' },
      Ticks: { Type: 'AWS::Serverless::SimpleTable' },
      Worker: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          InlineCode: WORKER,
          Environment: { Variables: { RESULTS: { Ref: 'Results' } } },
          Policies: [{ SQSSendMessagePolicy: { QueueName: { 'Fn::GetAtt': ['Results', 'QueueName'] } } }],
          Events: {
            Work: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, BatchSize: 1 } },
          },
        },
      },
      Ticker: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'python3.13',
          InlineCode: TICKER,
          Environment: { Variables: { TABLE: { Ref: 'Ticks' } } },
          Policies: [{ DynamoDBCrudPolicy: { TableName: { Ref: 'Ticks' } } }],
          Events: {
            Every: {
              Type: 'Schedule',
              Properties: { Schedule: 'rate(5 minutes)', Input: '{"from":"schedule"}' },
            },
          },
        },
      },
      Local: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: localDirectory } },
    },
    Outputs: {
      JobsUrl: { Value: { Ref: 'Jobs' } },
      ResultsUrl: { Value: { Ref: 'Results' } },
      Table: { Value: { Ref: 'Ticks' } },
      LocalName: { Value: { Ref: 'Local' } },
    },
  });
}

describe('SAM templates deployed through the engine', () => {
  let cloud: Cloud;
  let directory: string;
  let outputs: Record<string, string>;

  before(async () => {
    cloud = await startTestCloud();
    directory = mkdtempSync(join(tmpdir(), 'nimbus-sam-'));
    writeFileSync(join(directory, 'index.js'), 'exports.handler = async () => ({ version: 1 });\n');
    const cfn = client(cloud, CloudFormationClient);
    await cfn.send(
      new CreateStackCommand({
        StackName: 'sam-app',
        TemplateBody: template(directory),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'sam-app' }).catch(
      async (error) => {
        const events =
          (await cfn.send(new DescribeStackEventsCommand({ StackName: 'sam-app' }))).StackEvents ?? [];
        throw new Error(
          `${error}\n${events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`).join('\n')}`,
        );
      },
    );
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'sam-app' }))).Stacks![0]!;
    outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
  });
  after(async () => {
    await cloud.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the resources samtranslator would, and keeps the SAM template as the Original stage', async () => {
    const cfn = client(cloud, CloudFormationClient);
    const resources =
      (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'sam-app' }))).StackResources ?? [];
    const types = Object.fromEntries(resources.map((r) => [r.LogicalResourceId!, r.ResourceType!]));
    assert.equal(types.Worker, 'AWS::Lambda::Function');
    assert.equal(types.WorkerRole, 'AWS::IAM::Role');
    assert.equal(types.WorkerWork, 'AWS::Lambda::EventSourceMapping');
    assert.equal(types.TickerEvery, 'AWS::Events::Rule');
    assert.equal(types.TickerEveryPermission, 'AWS::Lambda::Permission');
    assert.equal(types.Ticks, 'AWS::DynamoDB::Table');
    const original = await cfn.send(
      new GetTemplateCommand({ StackName: 'sam-app', TemplateStage: 'Original' }),
    );
    assert.match(original.TemplateBody!, /AWS::Serverless-2016-10-31/);
  });

  it('runs the function of an SQS event for a message sent to the queue', async () => {
    const sqs = client(cloud, SQSClient);
    await sqs.send(new SendMessageCommand({ QueueUrl: outputs.JobsUrl, MessageBody: 'job-1' }));
    const results = await receiveMessages(sqs, outputs.ResultsUrl!, 1, 30);
    assert.deepEqual(
      results.map((m) => m.Body),
      ['done:job-1'],
    );
  });

  it('fires a Schedule event with its Input when the clock passes the rate, writing to the SimpleTable', async () => {
    const dynamodb = client(cloud, DynamoDBClient);
    cloud.clock.advance(5 * 60_000);
    let items: Record<string, { S?: string }>[] = [];
    for (let attempt = 0; attempt < 100 && items.length === 0; attempt++) {
      items = ((await dynamodb.send(new ScanCommand({ TableName: outputs.Table }))).Items ??
        []) as typeof items;
      if (items.length === 0) await new Promise((done) => setTimeout(done, 100));
    }
    assert.equal(items.length, 1, 'the scheduled function wrote its item');
    assert.deepEqual(JSON.parse(items[0]!.input!.S!), { from: 'schedule' });
  });

  it('runs a local CodeUri directory in place and picks up an edit on the next invocation', async () => {
    const lambda = client(cloud, LambdaClient);
    const invoke = async () => {
      const { Payload } = await lambda.send(new InvokeCommand({ FunctionName: outputs.LocalName }));
      return JSON.parse(Buffer.from(Payload!).toString()) as { version: number };
    };
    assert.deepEqual(await invoke(), { version: 1 });
    writeFileSync(join(directory, 'index.js'), 'exports.handler = async () => ({ version: 2 });\n');
    assert.deepEqual(await invoke(), { version: 2 });
  });
});

describe('SAM templates the engine refuses before anything is created', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('answers a ValidationError in SAM words for an Api event', async () => {
    const cfn = client(cloud, CloudFormationClient);
    const body = JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Api: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Runtime: 'nodejs24.x',
            Handler: 'index.handler',
            InlineCode: 'exports.handler = async () => ({})',
            Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } },
          },
        },
      },
    });
    await assert.rejects(
      cfn.send(
        new CreateStackCommand({
          StackName: 'api',
          TemplateBody: body,
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        }),
      ),
      (error: Error & { name: string }) => {
        assert.equal(error.name, 'ValidationError');
        assert.match(
          error.message,
          /^Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\. Resource with id \[Api\] is invalid\. Event with id \[Get\] is invalid\. .*API Gateway is not served by Nimbus yet/,
        );
        return true;
      },
    );
  });

  it('asks for CAPABILITY_AUTO_EXPAND on CreateStack, as CloudFormation does for a transform', async () => {
    const cfn = client(cloud, CloudFormationClient);
    const body = JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: { T: { Type: 'AWS::Serverless::SimpleTable' } },
    });
    await assert.rejects(
      cfn.send(new CreateStackCommand({ StackName: 't', TemplateBody: body })),
      /CAPABILITY_AUTO_EXPAND/,
    );
  });
});
