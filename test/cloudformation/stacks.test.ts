// CloudFormation stacks through the SDK v3 client: a template of queues, a topic and a subscription wired
// with Ref/GetAtt/Sub deploys and works, updates in place, by replacement, with a resource added and one
// removed, rolls back a bad property, refuses bad templates with CloudFormation's errors, and deletes
// with nothing left behind.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListExportsCommand,
  type Stack,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, receiveMessages, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.2 } as const;

const template = (options: {
  visibility: number;
  ordersName: string;
  withAudit: boolean;
  withArchive: boolean;
}) =>
  `AWSTemplateFormatVersion: '2010-09-09'
Description: orders pipeline
Parameters:
  Stage:
    Type: String
    AllowedValues: [dev, prod]
Resources:
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${Stage}-${options.ordersName}'
      VisibilityTimeout: ${options.visibility}
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetters.Arn
        maxReceiveCount: 3
  Events:
    Type: AWS::SNS::Topic
  OrdersPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Orders]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            Action: sqs:SendMessage
            Resource: !GetAtt Orders.Arn
  OrdersSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Events
      Protocol: sqs
      Endpoint: !GetAtt Orders.Arn
      RawMessageDelivery: true
      FilterPolicy:
        kind: [order]
${
  options.withAudit
    ? `  Audit:
    Type: AWS::SQS::Queue
`
    : ''
}${
  options.withArchive
    ? `  Archive:
    Type: AWS::SQS::Queue
`
    : ''
}Outputs:
  OrdersUrl:
    Value: !Ref Orders
    Export:
      Name: !Sub '\${AWS::StackName}-orders-url'
  TopicArn:
    Value: !Ref Events
  DeadLetterArn:
    Value: !GetAtt DeadLetters.Arn
`;

describe('CloudFormation stacks through the SDK v3', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let sqs: SQSClient;
  let sns: SNSClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    sqs = client(cloud, SQSClient);
    sns = client(cloud, SNSClient);
  });
  after(() => cloud.stop());

  const describeStack = async (name: string): Promise<Stack> =>
    (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
  const output = (stack: Stack, key: string) => stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
  const reasons = async (name: string) =>
    ((await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? []).map(
      (e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`,
    );

  it('deploys a template whose resources work together, then updates and deletes it', async () => {
    const created = await cfn.send(
      new CreateStackCommand({
        StackName: 'orders',
        TemplateBody: template({ visibility: 30, ordersName: 'orders', withAudit: true, withArchive: false }),
        Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'dev' }],
      }),
    );
    assert.match(
      created.StackId!,
      /^arn:aws:cloudformation:us-east-1:000000000000:stack\/orders\/[0-9a-f-]{36}$/,
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'orders' });
    let stack = await describeStack('orders');
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE', (await reasons('orders')).join('\n'));
    assert.equal(stack.Description, 'orders pipeline');
    assert.deepEqual(stack.Parameters, [{ ParameterKey: 'Stage', ParameterValue: 'dev' }]);
    const ordersUrl = output(stack, 'OrdersUrl')!;
    assert.match(ordersUrl, /\/000000000000\/dev-orders$/);
    assert.match(
      output(stack, 'DeadLetterArn')!,
      /^arn:aws:sqs:us-east-1:000000000000:orders-DeadLetters-[A-Z0-9]{12}$/,
    );

    // The queue got its properties, and the subscription delivers filtered messages to it.
    const attributes = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: ordersUrl, AttributeNames: ['All'] }))
    ).Attributes!;
    assert.equal(attributes.VisibilityTimeout, '30');
    assert.equal(JSON.parse(attributes.RedrivePolicy!).deadLetterTargetArn, output(stack, 'DeadLetterArn'));
    const topicArn = output(stack, 'TopicArn')!;
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'skipped',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'refund' } },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'order 1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
      }),
    );
    const received = await receiveMessages(sqs, ordersUrl, 1);
    assert.deepEqual(
      received.map((m) => m.Body),
      ['order 1'],
    );

    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'orders' })))
      .StackResources!;
    assert.deepEqual(
      resources.map((r) => `${r.LogicalResourceId}:${r.ResourceStatus}`).sort(),
      ['Audit', 'DeadLetters', 'Events', 'Orders', 'OrdersPolicy', 'OrdersSubscription'].map(
        (id) => `${id}:CREATE_COMPLETE`,
      ),
    );
    const exports = (await cfn.send(new ListExportsCommand({}))).Exports!;
    assert.deepEqual(
      exports.map((e) => [e.Name, e.Value]),
      [['orders-orders-url', ordersUrl]],
    );

    // In place (VisibilityTimeout), by replacement (QueueName), one added (Archive), one removed (Audit).
    const auditUrl = resources.find((r) => r.LogicalResourceId === 'Audit')!.PhysicalResourceId!;
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'orders',
        TemplateBody: template({
          visibility: 45,
          ordersName: 'orders-v2',
          withAudit: false,
          withArchive: true,
        }),
        Parameters: [{ ParameterKey: 'Stage', UsePreviousValue: true }],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'orders' });
    stack = await describeStack('orders');
    assert.equal(stack.StackStatus, 'UPDATE_COMPLETE', (await reasons('orders')).join('\n'));
    const newUrl = output(stack, 'OrdersUrl')!;
    assert.match(newUrl, /\/dev-orders-v2$/);
    const queues = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    assert.ok(queues.includes(newUrl), 'the replacement exists');
    assert.ok(!queues.includes(ordersUrl), 'the replaced queue is gone');
    assert.ok(!queues.includes(auditUrl), 'the removed resource is gone');
    const updated = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: newUrl, AttributeNames: ['All'] }))
    ).Attributes!;
    assert.equal(updated.VisibilityTimeout, '45');
    const after = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'orders' })))
      .StackResources!;
    assert.deepEqual(after.map((r) => r.LogicalResourceId).sort(), [
      'Archive',
      'DeadLetters',
      'Events',
      'Orders',
      'OrdersPolicy',
      'OrdersSubscription',
    ]);

    // An update with nothing to change is refused, as CloudFormation refuses it.
    await assert.rejects(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'orders',
          UsePreviousTemplate: true,
          Parameters: [{ ParameterKey: 'Stage', UsePreviousValue: true }],
        }),
      ),
      /No updates are to be performed\./,
    );

    await cfn.send(new DeleteStackCommand({ StackName: 'orders' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stack.StackId! });
    assert.deepEqual((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [], []);
    assert.deepEqual((await cfn.send(new ListExportsCommand({}))).Exports ?? [], []);
    await assert.rejects(describeStack('orders'), /Stack with id orders does not exist/);
    assert.equal((await describeStack(stack.StackId!)).StackStatus, 'DELETE_COMPLETE');
  });

  it('rolls back a stack whose resource fails, and the events name the cause', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'broken',
        TemplateBody: JSON.stringify({
          Resources: {
            Fine: { Type: 'AWS::SQS::Queue' },
            Bad: { Type: 'AWS::SQS::Queue', DependsOn: 'Fine', Properties: { VisibilityTimeout: 999999 } },
          },
        }),
      }),
    );
    await assert.rejects(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'broken' }));
    const stack = await describeStack('broken');
    assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
    const events = await reasons('broken');
    assert.ok(
      events.some((e) => /^Bad CREATE_FAILED .*VisibilityTimeout|^Bad CREATE_FAILED .*Invalid/.test(e)),
      events.join('\n'),
    );
    assert.ok(
      events.some((e) =>
        /^broken ROLLBACK_IN_PROGRESS The following resource\(s\) failed to create: \[Bad\]/.test(e),
      ),
    );
    assert.ok(
      events.some((e) => /^Fine DELETE_COMPLETE/.test(e)),
      events.join('\n'),
    );
    assert.deepEqual((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [], []);
  });

  it("refuses bad templates with CloudFormation's errors", async () => {
    const create = (body: unknown, parameters: { ParameterKey: string; ParameterValue: string }[] = []) =>
      cfn.send(
        new CreateStackCommand({
          StackName: 'bad',
          TemplateBody: JSON.stringify(body),
          Parameters: parameters,
        }),
      );
    await assert.rejects(
      create({
        Resources: {
          A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'B' } } },
          B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } },
        },
      }),
      /Circular dependency between resources: \[A, B\]/,
    );
    await assert.rejects(
      create({
        Resources: {
          A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A2', 'Arn'] } } },
        },
      }),
      /Template error: instance of Fn::GetAtt references undefined resource A2/,
    );
    await assert.rejects(
      create({
        Resources: {
          A: { Type: 'AWS::SQS::Queue' },
          B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'Colour'] } } },
        },
      }),
      /Template error: resource A does not support attribute type Colour in Fn::GetAtt/,
    );
    await assert.rejects(
      create({ Parameters: { Size: { Type: 'Number' } }, Resources: { A: { Type: 'AWS::SQS::Queue' } } }),
      /Parameters: \[Size\] must have values/,
    );
    await assert.rejects(
      create({ Resources: { A: { Type: 'AWS::Nope::Thing' } } }),
      /Template format error: Unrecognized resource types: \[AWS::Nope::Thing\]/,
    );
    await assert.rejects(
      cfn.send(new CreateStackCommand({ StackName: 'bad', TemplateBody: 'Resources: [unclosed' })),
      /Template format error/,
    );
    await assert.rejects(describeStack('bad'), /does not exist/);
  });

  it('refuses to replace a resource whose template-given name stays the same, and rolls the update back', async () => {
    const table = (key: string) =>
      JSON.stringify({
        Resources: {
          Orders: {
            Type: 'AWS::DynamoDB::Table',
            Properties: {
              TableName: 'named-orders',
              BillingMode: 'PAY_PER_REQUEST',
              AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
              KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
            },
          },
        },
      });
    await cfn.send(new CreateStackCommand({ StackName: 'named', TemplateBody: table('id') }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'named' });
    // A new KeySchema replaces a table (CloudFormation's "Update requires: Replacement").
    await cfn.send(new UpdateStackCommand({ StackName: 'named', TemplateBody: table('orderId') }));
    await assert.rejects(waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'named' }));
    assert.equal((await describeStack('named')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    const events = await reasons('named');
    assert.ok(
      events.some((e) =>
        /^Orders UPDATE_FAILED CloudFormation cannot update a stack when a custom-named resource requires replacing\. Rename named-orders and update the stack again\./.test(
          e,
        ),
      ),
      events.join('\n'),
    );
  });
});
