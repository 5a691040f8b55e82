// Durability: a deploy cut short by `kill -9` leaves, after a restart on the same data dir, a stack in a
// status CloudFormation itself could reach (finished, or CREATE_FAILED with its resources' own failures
// recorded), never one still "in progress", and the stack then deletes what it recorded.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kill9, startNimbusProcess, TEST_CREDENTIALS } from '../support/helpers.js';

const QUEUES = 60;

describe('CloudFormation durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-cfn-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ends an interrupted deploy in a status CloudFormation could reach, and deletes what it recorded', async (t) => {
    const resources: Record<string, unknown> = {};
    // A chain, so the deploy takes one resource after another and the kill lands in the middle.
    for (let i = 0; i < QUEUES; i++) {
      resources[`Queue${i}`] = {
        Type: 'AWS::SQS::Queue',
        ...(i > 0 ? { DependsOn: `Queue${i - 1}` } : {}),
      };
    }
    const first = await startNimbusProcess(dataDir);
    const cfnAt = (endpoint: string) =>
      new CloudFormationClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    await cfnAt(first.endpoint).send(
      new CreateStackCommand({ StackName: 'chain', TemplateBody: JSON.stringify({ Resources: resources }) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 15));
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      const cfn = cfnAt(second.endpoint);
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'chain' }))).Stacks![0]!;
      assert.ok(['CREATE_COMPLETE', 'CREATE_FAILED'].includes(stack.StackStatus!), stack.StackStatus);
      const recorded = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'chain' })))
        .StackResources!;
      for (const resource of recorded) {
        assert.ok(
          !resource.ResourceStatus!.endsWith('IN_PROGRESS'),
          `${resource.LogicalResourceId} ${resource.ResourceStatus}`,
        );
      }
      if (stack.StackStatus === 'CREATE_FAILED') {
        assert.match(stack.StackStatusReason!, /Nimbus stopped while the operation was in progress/);
      }
      t.diagnostic(
        `after the kill: ${stack.StackStatus}, ${recorded.length} of ${QUEUES} resources recorded`,
      );
      const made = recorded
        .filter((r) => r.ResourceStatus === 'CREATE_COMPLETE')
        .map((r) => r.PhysicalResourceId!);

      await cfn.send(new DeleteStackCommand({ StackName: 'chain' }));
      await waitUntilStackDeleteComplete(
        { client: cfn, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.2 },
        { StackName: stack.StackId! },
      );
      const sqs = new SQSClient({
        endpoint: second.endpoint,
        region: 'us-east-1',
        credentials: TEST_CREDENTIALS,
      });
      const left = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
      const names = (urls: string[]) => urls.map((url) => url.slice(url.lastIndexOf('/') + 1));
      for (const name of names(made)) assert.ok(!names(left).includes(name), `${name} was deleted`);
    } finally {
      await kill9(second.child);
    }
  });
});
