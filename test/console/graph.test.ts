// GET /_nimbus/console/graph: the wiring every service reports of its own state (core/ports/wiring.ts) —
// redrive policies, event source mappings, destinations, S3 notifications, SNS subscriptions, rule
// targets, Step Functions tasks — per account and region, with stacks as groups.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateEventSourceMappingCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, ROLE } from '../lambda/helpers.js';
import { client, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

interface Graph {
  nodes: { arn: string; type: string; name: string }[];
  edges: { from: string; to: string; kind: string; label?: string }[];
  groups: { id: string; label: string; members: string[] }[];
  errors: unknown[];
}

const ACCOUNT = '000000000000';
const arn = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;

describe('the console graph API', () => {
  let cloud: Cloud;
  const graph = async (query = '') => {
    const response = await fetch(`${cloud.endpoint}/_nimbus/console/graph${query}`);
    return { status: response.status, body: (await response.json()) as Graph };
  };

  before(async () => {
    cloud = await startTestCloud();
    const sqs = client(cloud, SQSClient);
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'orders',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
      }),
    );
    const lambda = client(cloud, LambdaClient);
    await createFunction(lambda, 'handle', { 'index.js': 'exports.handler = async () => ({})' });
    await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: 'handle', EventSourceArn: arn('sqs', 'orders') }),
    );
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'handle',
        DestinationConfig: { OnFailure: { Destination: dlqArn } },
      }),
    );
    const sns = client(cloud, SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'news' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: arn('sqs', 'orders') }));
    const events = client(cloud, EventBridgeClient);
    await events.send(
      new PutRuleCommand({ Name: 'on-order', EventPattern: JSON.stringify({ source: ['shop'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'on-order',
        Targets: [{ Id: 'fn', Arn: arn('lambda', 'function:handle') }],
      }),
    );
    const s3 = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'uploads',
        NotificationConfiguration: {
          QueueConfigurations: [{ QueueArn: arn('sqs', 'orders'), Events: ['s3:ObjectCreated:*'] }],
        },
      }),
    );
    const sfn = client(cloud, SFNClient);
    await sfn.send(
      new CreateStateMachineCommand({
        name: 'flow',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Call',
          States: { Call: { Type: 'Task', Resource: arn('lambda', 'function:handle'), End: true } },
        }),
      }),
    );
    for (const sdk of [sqs, lambda, sns, events, s3, sfn]) sdk.destroy();
  });
  after(() => cloud.stop());

  it('draws every kind of wiring between the resources that own it', async () => {
    const { status, body } = await graph();
    assert.equal(status, 200);
    assert.deepEqual(body.errors, []);
    const has = (kind: string, from: string, to: string) =>
      assert.ok(
        body.edges.some((e) => e.kind === kind && e.from === from && e.to === to),
        `${kind} ${from} -> ${to} in ${JSON.stringify(body.edges)}`,
      );
    const fn = arn('lambda', 'function:handle');
    has('dead-letter', arn('sqs', 'orders'), arn('sqs', 'orders-dlq'));
    has('event-source-mapping', arn('sqs', 'orders'), fn);
    has('destination', fn, arn('sqs', 'orders-dlq'));
    has('subscription', arn('sns', 'news'), arn('sqs', 'orders'));
    has('rule-target', arn('events', 'rule/on-order'), fn);
    has('notification', 'arn:aws:s3:::uploads', arn('sqs', 'orders'));
    has('task', arn('states', 'stateMachine:flow'), fn);
    const types = new Set(body.nodes.map((n) => n.type));
    for (const type of [
      'AWS::SQS::Queue',
      'AWS::Lambda::Function',
      'AWS::SNS::Topic',
      'AWS::Events::Rule',
      'AWS::S3::Bucket',
      'AWS::StepFunctions::StateMachine',
    ]) {
      assert.ok(types.has(type), type);
    }
    assert.ok(!body.nodes.some((n) => n.type === 'Unknown'), 'every edge ends at a listed resource');
  });

  it('answers for the account and region asked, and refuses a malformed one', async () => {
    const other = await graph('?account=111111111111&region=eu-west-1');
    assert.equal(other.status, 200);
    assert.deepEqual(
      other.body.nodes.filter((n) => n.type !== 'AWS::Events::EventBus'),
      [],
    );
    const bad = await graph('?account=abc');
    assert.equal(bad.status, 400);
  });
});
