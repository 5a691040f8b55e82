// CloudFormation through the clients users deploy with: `aws cloudformation deploy` (its change-set flow
// and waiters), boto3's create_stack with its waiter, and `nimbus deploy` / `nimbus stacks` /
// `nimbus destroy` printing the stack's events.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, runProcess, startTestCloud } from '../support/helpers.js';

const APP = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Visibility:
    Type: Number
    Default: 30
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Visibility
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '\${AWS::StackName}-alerts'
Outputs:
  JobsUrl:
    Value: !Ref Jobs
  AlertsArn:
    Value: !Ref Alerts
`;

describe('CloudFormation through the AWS CLI, boto3 and nimbus deploy', () => {
  let cloud: Cloud;
  let dir: string;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    sqs = client(cloud, SQSClient);
    dir = mkdtempSync(join(tmpdir(), 'nimbus-cfn-'));
    writeFileSync(join(dir, 'app.yaml'), APP);
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const aws = (...args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {}, 90_000, dir);
  // The AWS CLI names its change sets `awscli-cloudformation-package-deploy-<unix seconds>` and leaves an
  // empty one behind, so two deploys within one second collide (AlreadyExistsException), on AWS as here.
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

  it('deploys with aws cloudformation deploy, redeploys unchanged, and deploys a parameter change', async () => {
    const first = await aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'app.yaml',
      '--stack-name',
      'cli-app',
    );
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /Successfully created\/updated stack - cli-app/);
    const described = JSON.parse(
      (await aws('cloudformation', 'describe-stacks', '--stack-name', 'cli-app')).stdout,
    );
    const stack = described.Stacks[0];
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    const url = stack.Outputs.find((o: { OutputKey: string }) => o.OutputKey === 'JobsUrl').OutputValue;
    assert.match(
      stack.Outputs.find((o: { OutputKey: string }) => o.OutputKey === 'AlertsArn').OutputValue,
      /:cli-app-alerts$/,
    );

    // The CLI fails on an empty change set unless told not to (its --fail-on-empty-changeset default),
    // recognising CloudFormation's FAILED change set by its reason.
    await nextSecond();
    const again = await aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'app.yaml',
      '--stack-name',
      'cli-app',
    );
    assert.equal(again.code, 255, again.stderr);
    assert.match(again.stdout + again.stderr, /No changes to deploy\. Stack cli-app is up to date/);
    await nextSecond();
    const tolerated = await aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'app.yaml',
      '--stack-name',
      'cli-app',
      '--no-fail-on-empty-changeset',
    );
    assert.equal(tolerated.code, 0, tolerated.stderr);

    await nextSecond();
    const changed = await aws(
      'cloudformation',
      'deploy',
      '--template-file',
      'app.yaml',
      '--stack-name',
      'cli-app',
      '--parameter-overrides',
      'Visibility=60',
    );
    assert.equal(changed.code, 0, changed.stderr + changed.stdout);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }),
    );
    assert.equal(attributes.Attributes?.VisibilityTimeout, '60');
    const deleted = await aws('cloudformation', 'delete-stack', '--stack-name', 'cli-app');
    assert.equal(deleted.code, 0, deleted.stderr);
    const waited = await aws('cloudformation', 'wait', 'stack-delete-complete', '--stack-name', 'cli-app');
    assert.equal(waited.code, 0, waited.stderr);
  });

  it('creates a stack with boto3 and waits with its waiter', async () => {
    const script = `
import boto3, json, sys
cfn = boto3.client('cloudformation', endpoint_url=sys.argv[1], region_name='us-east-1')
cfn.create_stack(StackName='py-app', TemplateBody=open('app.yaml').read(),
                 Parameters=[{'ParameterKey': 'Visibility', 'ParameterValue': '45'}])
cfn.get_waiter('stack_create_complete').wait(StackName='py-app', WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
stack = cfn.describe_stacks(StackName='py-app')['Stacks'][0]
print(json.dumps({'status': stack['StackStatus'], 'outputs': {o['OutputKey']: o['OutputValue'] for o in stack['Outputs']}}))
`;
    const result = await runProcess('python3', ['-c', script, cloud.endpoint], {}, 90_000, dir);
    assert.equal(result.code, 0, result.stderr);
    const { status, outputs } = JSON.parse(result.stdout);
    assert.equal(status, 'CREATE_COMPLETE');
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: outputs.JobsUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    assert.equal(attributes.Attributes?.VisibilityTimeout, '45');
  });

  it('deploys, lists and destroys with the nimbus command, printing events and outputs', async () => {
    const nimbus = (...args: string[]) =>
      runProcess(process.execPath, [NIMBUS_CLI, ...args, '--endpoint', cloud.endpoint], {}, 60_000, dir);
    const deployed = await nimbus(
      'deploy',
      'app.yaml',
      '--stack-name',
      'nimbus-app',
      '--parameter-overrides',
      'Visibility=20',
    );
    assert.equal(deployed.code, 0, deployed.stderr + deployed.stdout);
    assert.match(deployed.stdout, /CREATE_COMPLETE\s+Jobs \(AWS::SQS::Queue\)/);
    assert.match(deployed.stdout, /Stack nimbus-app CREATE_COMPLETE in \d+ ms/);
    assert.match(deployed.stdout, /JobsUrl: http:\/\/127\.0\.0\.1:\d+\/000000000000\/nimbus-app-Jobs-/);
    const unchanged = await nimbus(
      'deploy',
      'app.yaml',
      '--stack-name',
      'nimbus-app',
      '--parameter-overrides',
      'Visibility=20',
    );
    assert.equal(unchanged.code, 0, unchanged.stderr);
    assert.match(unchanged.stdout, /No changes to deploy/);
    const listed = await nimbus('stacks');
    assert.match(listed.stdout, /^nimbus-app\tCREATE_COMPLETE\t/m);
    const destroyed = await nimbus('destroy', '--stack-name', 'nimbus-app');
    assert.equal(destroyed.code, 0, destroyed.stderr + destroyed.stdout);
    assert.match(destroyed.stdout, /Stack nimbus-app deleted/);
    const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'nimbus-app' }))).QueueUrls ?? [];
    assert.deepEqual(queues, []);

    writeFileSync(
      join(dir, 'broken.yaml'),
      'Resources:\n  Bad:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 9000\n',
    );
    const failed = await nimbus('deploy', 'broken.yaml');
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /CREATE_FAILED\s+Bad \(AWS::SQS::Queue\)/);
    assert.match(failed.stdout, /Deploy of broken failed: ROLLBACK_COMPLETE/);
  });

  it('deploys a SAM template whose CodeUri is a directory beside it, run in place', async () => {
    mkdirSync(join(dir, 'sam', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'sam', 'src', 'app.js'),
      'exports.handler = async (e) => ({ doubled: e.n * 2 });',
    );
    writeFileSync(
      join(dir, 'sam', 'template.yaml'),
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Doubler:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: ./src',
        '      Handler: app.handler',
        '      Runtime: nodejs24.x',
        'Outputs:',
        '  Name:',
        '    Value: !Ref Doubler',
        '',
      ].join('\n'),
    );
    // From the test's directory, not the template's: the path is the template's own.
    const deployed = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy', 'sam/template.yaml', '--stack-name', 'sam-app', '--endpoint', cloud.endpoint],
      {},
      60_000,
      dir,
    );
    assert.equal(deployed.code, 0, deployed.stderr + deployed.stdout);
    const name = /Name: (\S+)/.exec(deployed.stdout)?.[1];
    assert.ok(name, deployed.stdout);
    const result = await client(cloud, LambdaClient).send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"n": 21}') }),
    );
    assert.deepEqual(JSON.parse(new TextDecoder().decode(result.Payload)), { doubled: 42 });
  });
});
