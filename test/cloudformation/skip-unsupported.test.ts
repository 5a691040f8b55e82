// `--skip-unsupported`: a template with a resource type Nimbus does not serve deploys the rest, the
// unsupported resource creating nothing and resolving Ref/GetAtt to placeholders; without it the type is
// refused as CloudFormation refuses a type its registry lacks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { ListQueueTagsCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startCloud } from '../../src/index.js';
import { client } from '../support/helpers.js';

const TEMPLATE = JSON.stringify({
  Resources: {
    Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true } } },
    Jobs: {
      Type: 'AWS::SQS::Queue',
      Properties: { Tags: [{ Key: 'cdn', Value: { 'Fn::GetAtt': ['Cdn', 'DomainName'] } }] },
    },
  },
  Outputs: { Cdn: { Value: { Ref: 'Cdn' } }, Jobs: { Value: { Ref: 'Jobs' } } },
});

describe('CloudFormation with --skip-unsupported', () => {
  it('deploys the served resources and stands placeholders in for the others', async () => {
    const logged: string[] = [];
    const cloud = await startCloud({
      port: 0,
      inMemory: true,
      skipUnsupportedResources: true,
      log: (l) => logged.push(l),
    });
    try {
      const cfn = client(cloud, CloudFormationClient);
      await cfn.send(new CreateStackCommand({ StackName: 'mixed', TemplateBody: TEMPLATE }));
      await waitUntilStackCreateComplete(
        { client: cfn, maxWaitTime: 20, minDelay: 0.1, maxDelay: 0.2 },
        { StackName: 'mixed' },
      );
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'mixed' }))).Stacks![0]!;
      const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
      assert.equal(outputs.Cdn, 'nimbus-unsupported-Cdn');
      const tags = await client(cloud, SQSClient).send(new ListQueueTagsCommand({ QueueUrl: outputs.Jobs }));
      assert.deepEqual(tags.Tags, { cdn: 'nimbus-unsupported-Cdn.DomainName' });
      assert.ok(
        logged.some((line) =>
          /Cdn \(AWS::CloudFront::Distribution\) is not served by Nimbus; skipped/.test(line),
        ),
      );
    } finally {
      await cloud.stop();
    }
  });

  it('refuses the unsupported type without the switch', async () => {
    const cloud = await startCloud({ port: 0, inMemory: true, log: () => {} });
    try {
      await assert.rejects(
        client(cloud, CloudFormationClient).send(
          new CreateStackCommand({ StackName: 'mixed', TemplateBody: TEMPLATE }),
        ),
        /Unrecognized resource types: \[AWS::CloudFront::Distribution\]/,
      );
    } finally {
      await cloud.stop();
    }
  });
});
