// Nested stacks and wait conditions through the SDK v3 client: a child stack from a template uploaded to
// Nimbus's S3, with parameters and outputs read by the parent, updated (a no-op, then a real change) and
// deleted with its parent; a failing child failing its parent as CloudFormation words it; a wait condition
// released by signals the test PUTs to its handle, failed by a FAILURE signal, and timed out.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html

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
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.2 } as const;

const CHILD = `Parameters:
  Prefix: { Type: String }
  Retention: { Type: Number, Default: 345600 }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${Prefix}-jobs'
      MessageRetentionPeriod: !Ref Retention
Outputs:
  QueueUrl: { Value: !Ref Queue }
  QueueArn: { Value: !GetAtt Queue.Arn }
`;

const parent = (templateUrl: string, retention: number) =>
  JSON.stringify({
    Resources: {
      Jobs: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: {
          TemplateURL: templateUrl,
          Parameters: { Prefix: 'nested', Retention: retention },
          Tags: [{ Key: 'team', Value: 'core' }],
        },
      },
      Consumer: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['Jobs', 'Outputs.QueueArn'] },
            maxReceiveCount: 2,
          },
        },
      },
    },
    Outputs: {
      JobsQueueUrl: { Value: { 'Fn::GetAtt': ['Jobs', 'Outputs.QueueUrl'] } },
      JobsStackId: { Value: { Ref: 'Jobs' } },
    },
  });

const WAIT_TEMPLATE = (count: number, timeout: number) =>
  JSON.stringify({
    Resources: {
      Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
      Ready: {
        Type: 'AWS::CloudFormation::WaitCondition',
        Properties: { Handle: { Ref: 'Handle' }, Count: count, Timeout: timeout },
      },
    },
    Outputs: { Data: { Value: { 'Fn::GetAtt': ['Ready', 'Data'] } } },
  });

describe('nested stacks and wait conditions', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    sqs = client(cloud, SQSClient);
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'child.yaml', Body: CHILD }));
  });
  after(() => cloud.stop());

  const describeStack = async (name: string): Promise<Stack> =>
    (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
  const output = (stack: Stack, key: string) =>
    stack.Outputs?.find((entry) => entry.OutputKey === key)?.OutputValue;
  const retention = async (queueUrl: string) =>
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['MessageRetentionPeriod'] }),
      )
    ).Attributes?.MessageRetentionPeriod;

  it('creates a child stack from a template in S3, with its parameters, tags and outputs', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'parent',
        TemplateBody: parent(`${cloud.endpoint}/templates/child.yaml`, 86400),
      }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'parent' });
    const stack = await describeStack('parent');
    const childId = output(stack, 'JobsStackId')!;
    assert.match(childId, /^arn:aws:cloudformation:us-east-1:000000000000:stack\/parent-Jobs-[A-Z0-9]{12}\//);
    const child = await describeStack(childId);
    assert.equal(child.StackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(child.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.deepEqual(child.Parameters?.map((p) => [p.ParameterKey, p.ParameterValue]).sort(), [
      ['Prefix', 'nested'],
      ['Retention', '86400'],
    ]);
    const queueUrl = output(stack, 'JobsQueueUrl')!;
    assert.match(queueUrl, /\/nested-jobs$/);
    assert.equal(await retention(queueUrl), '86400');
  });

  it('updates the child: an unchanged one is not a failure, a changed parameter reaches its resources', async () => {
    const virtualHosted = `${cloud.endpoint.replace('127.0.0.1', 'templates.s3.localhost')}/child.yaml`;
    await cfn.send(
      new UpdateStackCommand({ StackName: 'parent', TemplateBody: parent(virtualHosted, 86400) }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'parent' });
    await cfn.send(
      new UpdateStackCommand({ StackName: 'parent', TemplateBody: parent(virtualHosted, 172800) }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'parent' });
    const stack = await describeStack('parent');
    const child = await describeStack(output(stack, 'JobsStackId')!);
    assert.equal(child.StackStatus, 'UPDATE_COMPLETE');
    assert.equal(await retention(output(stack, 'JobsQueueUrl')!), '172800');
  });

  it('deletes the child with its parent', async () => {
    const childId = output(await describeStack('parent'), 'JobsStackId')!;
    await cfn.send(new DeleteStackCommand({ StackName: 'parent' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'parent' });
    assert.equal((await describeStack(childId)).StackStatus, 'DELETE_COMPLETE');
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    assert.deepEqual(QueueUrls ?? [], []);
  });

  it('fails the parent when the child fails, with the child stack named in the reason', async () => {
    // MessageRetentionPeriod below 60 seconds is refused by SQS, so the child rolls back.
    await cfn.send(
      new CreateStackCommand({
        StackName: 'broken',
        TemplateBody: parent(`${cloud.endpoint}/templates/child.yaml`, 10),
      }),
    );
    assert.equal(await settled(cfn, 'broken'), 'ROLLBACK_COMPLETE');
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: 'broken' }));
    const failed = StackEvents!.find(
      (e) => e.LogicalResourceId === 'Jobs' && e.ResourceStatus === 'CREATE_FAILED',
    );
    assert.match(
      failed?.ResourceStatusReason ?? '',
      /^Embedded stack arn:aws:cloudformation:us-east-1:000000000000:stack\/broken-Jobs-\S+ was not successfully created: The following resource\(s\) failed to create: \[Queue\]/,
    );
  });

  const handleUrl = async (stackName: string): Promise<string> => {
    for (;;) {
      const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
      const handle = StackResources?.find((r) => r.LogicalResourceId === 'Handle')?.PhysicalResourceId;
      if (handle) return handle;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const signal = (url: string, body: Record<string, string>) =>
    fetch(url, { method: 'PUT', body: JSON.stringify(body) }).then((response) => response.status);

  it('waits for Count SUCCESS signals PUT to the handle; Data holds them by UniqueId', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'waiting', TemplateBody: WAIT_TEMPLATE(2, 300) }));
    const url = await handleUrl('waiting');
    assert.ok(url.startsWith(`${cloud.endpoint}/`), url);
    assert.equal(await signal(url, { Status: 'SUCCESS', UniqueId: 'a', Data: 'one', Reason: 'ok' }), 200);
    assert.equal((await describeStack('waiting')).StackStatus, 'CREATE_IN_PROGRESS');
    assert.equal(await signal(url, { Status: 'SUCCESS', UniqueId: 'b', Data: 'two', Reason: 'ok' }), 200);
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'waiting' });
    assert.deepEqual(JSON.parse(output(await describeStack('waiting'), 'Data')!), { a: 'one', b: 'two' });
    // A tampered URL is refused, as S3 refuses a bad signature.
    assert.equal(
      await signal(url.replace(/X-Amz-Signature=\w+/, `X-Amz-Signature=${'0'.repeat(64)}`), {
        Status: 'SUCCESS',
      }),
      403,
    );
  });

  it('fails on a FAILURE signal with its reason', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'refused', TemplateBody: WAIT_TEMPLATE(1, 300) }));
    await signal(await handleUrl('refused'), {
      Status: 'FAILURE',
      UniqueId: 'c',
      Data: '',
      Reason: 'disk full',
    });
    assert.equal(await settled(cfn, 'refused'), 'ROLLBACK_COMPLETE');
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: 'refused' }));
    const failed = StackEvents!.find(
      (e) => e.LogicalResourceId === 'Ready' && e.ResourceStatus === 'CREATE_FAILED',
    );
    assert.equal(
      failed?.ResourceStatusReason,
      "WaitCondition received failed message: 'disk full' for uniqueId: c",
    );
  });

  it('times out on the cloud clock when too few signals arrive', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'forgotten', TemplateBody: WAIT_TEMPLATE(1, 600) }));
    await handleUrl('forgotten');
    while ((await describeStack('forgotten')).StackStatus === 'CREATE_IN_PROGRESS') {
      cloud.clock.advance(120_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: 'forgotten' }));
    const failed = StackEvents!.find(
      (e) => e.LogicalResourceId === 'Ready' && e.ResourceStatus === 'CREATE_FAILED',
    );
    assert.equal(
      failed?.ResourceStatusReason,
      'WaitCondition timed out. Received 0 conditions when expecting 1',
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
