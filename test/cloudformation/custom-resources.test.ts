// Custom resources through the SDK v3 client: a Lambda-backed one written inline with cfn-response, whose
// Create, Update (in place, then with a new PhysicalResourceId, which replaces it) and Delete requests it
// records in a queue the test reads; its Data read by Outputs through GetAtt; a FAILED answer rolling the
// stack back with the reason as CloudFormation words it; an SNS-backed one answered by the test's own PUT to
// the ResponseURL; a provider that never answers failing once ServiceTimeout passes on the cloud's clock.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  type Stack,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, receiveMessages, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const PROVIDER_CODE = [
  "const response = require('cfn-response');",
  "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');",
  'const sqs = new SQSClient({});',
  'exports.handler = async (event, context) => {',
  '  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));',
  '  const props = event.ResourceProperties;',
  "  if (props.Fail === 'true') {",
  "    return response.send(event, context, response.FAILED, {}, undefined, false, 'the provider refused');",
  '  }',
  "  const id = event.RequestType === 'Delete' ? event.PhysicalResourceId : 'thing-' + props.Name;",
  "  return response.send(event, context, response.SUCCESS, { Greeting: 'hello ' + props.Name, Size: props.Size }, id);",
  '};',
].join('\n');

const lambdaTemplate = (properties: Record<string, unknown>) =>
  JSON.stringify({
    Resources: {
      // Kept when the stack goes, so the test can read the Delete request after.
      Requests: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Retain' },
      ProviderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
        },
      },
      Provider: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs24.x',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['ProviderRole', 'Arn'] },
          Environment: { Variables: { QUEUE_URL: { Ref: 'Requests' } } },
          Code: { ZipFile: PROVIDER_CODE },
        },
      },
      Greeter: {
        Type: 'Custom::Greeter',
        Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, ...properties },
      },
    },
    Outputs: {
      Greeting: { Value: { 'Fn::GetAtt': ['Greeter', 'Greeting'] } },
      Size: { Value: { 'Fn::GetAtt': ['Greeter', 'Size'] } },
      Id: { Value: { Ref: 'Greeter' } },
      Queue: { Value: { Ref: 'Requests' } },
      Provider: { Value: { 'Fn::GetAtt': ['Provider', 'Arn'] } },
    },
  });

const SNS_TEMPLATE = JSON.stringify({
  Resources: {
    Requests: { Type: 'AWS::SNS::Topic' },
    Inbox: { Type: 'AWS::SQS::Queue' },
    InboxPolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Inbox' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sns.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: { 'Fn::GetAtt': ['Inbox', 'Arn'] },
            },
          ],
        },
      },
    },
    InboxSubscription: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Requests' },
        Protocol: 'sqs',
        Endpoint: { 'Fn::GetAtt': ['Inbox', 'Arn'] },
        RawMessageDelivery: true,
      },
    },
    Answer: {
      Type: 'AWS::CloudFormation::CustomResource',
      // The request must find the subscription in place, and the queue must outlive the Delete request.
      DependsOn: ['InboxSubscription', 'InboxPolicy'],
      Properties: { ServiceToken: { Ref: 'Requests' }, Question: 'life' },
    },
  },
  Outputs: {
    Answer: { Value: { 'Fn::GetAtt': ['Answer', 'Value'] } },
    Inbox: { Value: { Ref: 'Inbox' } },
  },
});

interface CustomRequest {
  RequestType: string;
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  ResourceType: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
}

describe('custom resources', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let sqs: SQSClient;
  let queue: string;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    sqs = client(cloud, SQSClient);
  });
  after(() => cloud.stop());

  const describeStack = async (name: string): Promise<Stack> =>
    (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
  const output = (stack: Stack, key: string) =>
    stack.Outputs?.find((entry) => entry.OutputKey === key)?.OutputValue;
  const requests = async (queueUrl: string, expected: number): Promise<CustomRequest[]> =>
    (await receiveMessages(sqs, queueUrl, expected)).map((m) => JSON.parse(m.Body!) as CustomRequest);
  const failureOf = async (stackName: string, logicalId: string) => {
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }));
    return StackEvents!.find((e) => e.LogicalResourceId === logicalId && e.ResourceStatus === 'CREATE_FAILED')
      ?.ResourceStatusReason;
  };

  it('creates a Lambda-backed resource: the request as CloudFormation sends it, Data read by GetAtt', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'greeter',
        TemplateBody: lambdaTemplate({ Name: 'alpha', Size: 5, Options: { Loud: true, Tags: ['a', 1] } }),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'greeter' });
    const stack = await describeStack('greeter');
    assert.equal(output(stack, 'Greeting'), 'hello alpha');
    assert.equal(output(stack, 'Size'), '5');
    assert.equal(output(stack, 'Id'), 'thing-alpha');
    queue = output(stack, 'Queue')!;
    const [create] = await requests(queue, 1);
    assert.equal(create?.RequestType, 'Create');
    assert.equal(create.ResourceType, 'Custom::Greeter');
    assert.equal(create.LogicalResourceId, 'Greeter');
    assert.equal(create.StackId, stack.StackId);
    assert.match(create.RequestId, /^[0-9a-f-]{36}$/);
    assert.ok(create.ResponseURL.startsWith(`${cloud.endpoint}/`), create.ResponseURL);
    assert.match(create.ResponseURL, /X-Amz-Signature=[0-9a-f]{64}/);
    assert.equal(create.PhysicalResourceId, undefined);
    // Scalars reach the provider as strings, as CloudFormation passes them.
    assert.deepEqual(create.ResourceProperties, {
      ServiceToken: output(stack, 'Provider'),
      Name: 'alpha',
      Size: '5',
      Options: { Loud: 'true', Tags: ['a', '1'] },
    });
  });

  it('sends Update with the old properties, in place while the PhysicalResourceId stays', async () => {
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'greeter',
        TemplateBody: lambdaTemplate({ Name: 'alpha', Size: 6 }),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'greeter' });
    assert.equal(output(await describeStack('greeter'), 'Size'), '6');
    const [update, ...others] = await requests(queue, 1);
    assert.equal(update?.RequestType, 'Update');
    assert.equal(update.PhysicalResourceId, 'thing-alpha');
    assert.equal(update.ResourceProperties.Size, '6');
    assert.equal(update.OldResourceProperties?.Size, '5');
    assert.deepEqual(others, []);
  });

  it('treats a new PhysicalResourceId as a replacement: Delete goes to the old one at cleanup', async () => {
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'greeter',
        TemplateBody: lambdaTemplate({ Name: 'beta', Size: 6 }),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'greeter' });
    const stack = await describeStack('greeter');
    assert.equal(output(stack, 'Id'), 'thing-beta');
    assert.equal(output(stack, 'Greeting'), 'hello beta');
    const received = await requests(queue, 2);
    assert.deepEqual(
      received.map((r) => [r.RequestType, r.PhysicalResourceId, r.ResourceProperties.Name]),
      [
        ['Update', 'thing-alpha', 'beta'],
        ['Delete', 'thing-alpha', 'alpha'],
      ],
    );
  });

  it('rolls back on a FAILED answer, with the reason in the events', async () => {
    const provider = output(await describeStack('greeter'), 'Provider')!;
    await cfn.send(
      new CreateStackCommand({
        StackName: 'refused',
        TemplateBody: JSON.stringify({
          Resources: {
            Refused: { Type: 'Custom::Refused', Properties: { ServiceToken: provider, Fail: true } },
          },
        }),
      }),
    );
    assert.equal(await settled(cfn, 'refused'), 'ROLLBACK_COMPLETE');
    assert.match(
      (await failureOf('refused', 'Refused')) ?? '',
      /^Received response status \[FAILED\] from custom resource\. Message returned: the provider refused \(RequestId: [0-9a-f-]{36}\)$/,
    );
    const [create] = await requests(queue, 1);
    assert.equal(create?.ResourceType, 'Custom::Refused');
  });

  it('sends Delete when the stack is deleted', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'greeter' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'greeter' });
    const [deletion, ...others] = await requests(queue, 1);
    assert.equal(deletion?.RequestType, 'Delete');
    assert.equal(deletion.PhysicalResourceId, 'thing-beta');
    assert.equal(deletion.ResourceProperties.Name, 'beta');
    assert.deepEqual(others, []);
  });

  it('publishes to an SNS service token; the subscriber answers with a PUT to the ResponseURL', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'oracle', TemplateBody: SNS_TEMPLATE }));
    let inbox: string | undefined;
    let request: CustomRequest | undefined;
    for (let tries = 0; !request && tries < 100; tries++) {
      const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'oracle' }));
      inbox ??= StackResources?.find((r) => r.LogicalResourceId === 'Inbox')?.PhysicalResourceId;
      if (inbox) [request] = await requests(inbox, 1);
    }
    assert.equal(request?.RequestType, 'Create');
    assert.equal(request.ResourceType, 'AWS::CloudFormation::CustomResource');
    assert.equal(request.ResourceProperties.Question, 'life');
    const answer = (status: string, data: Record<string, string>) =>
      JSON.stringify({
        Status: status,
        PhysicalResourceId: 'answer-1',
        StackId: request!.StackId,
        RequestId: request!.RequestId,
        LogicalResourceId: request!.LogicalResourceId,
        Data: data,
      });
    const put = await fetch(request.ResponseURL, { method: 'PUT', body: answer('SUCCESS', { Value: '42' }) });
    assert.equal(put.status, 200);
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'oracle' });
    assert.equal(output(await describeStack('oracle'), 'Answer'), '42');

    await cfn.send(new DeleteStackCommand({ StackName: 'oracle' }));
    const [deletion] = await requests(inbox!, 1);
    assert.equal(deletion?.RequestType, 'Delete');
    assert.equal(deletion.PhysicalResourceId, 'answer-1');
    await fetch(deletion.ResponseURL, { method: 'PUT', body: answer('SUCCESS', {}) });
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'oracle' });
  });

  it('fails a resource whose provider never answers once ServiceTimeout passes', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'silent',
        TemplateBody: JSON.stringify({
          Resources: {
            Nobody: { Type: 'AWS::SNS::Topic' },
            Silent: {
              Type: 'Custom::Silent',
              Properties: { ServiceToken: { Ref: 'Nobody' }, ServiceTimeout: 300 },
            },
          },
        }),
      }),
    );
    while ((await describeStack('silent')).StackStatus === 'CREATE_IN_PROGRESS') {
      cloud.clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(
      (await failureOf('silent', 'Silent')) ?? '',
      /^CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]\./,
    );
  });
});

/** Waits for a stack's operation to end (the SDK's StackRollbackComplete waiter is for update rollbacks). */
async function settled(cfn: CloudFormationClient, StackName: string): Promise<string> {
  for (;;) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0]?.StackStatus ?? '';
    if (!status.endsWith('_IN_PROGRESS')) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
