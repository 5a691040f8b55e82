// Template parameters of the AWS::SSM::Parameter::Value<…> types read Nimbus's Parameter Store when the
// stack operation is requested; a name with no parameter behind it is the operation's ValidationError.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const TEMPLATE = JSON.stringify({
  Parameters: {
    Size: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/size' },
    Zones: { Type: 'AWS::SSM::Parameter::Value<List<String>>', Default: '/app/zones' },
  },
  Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: { Ref: 'Size' } } } },
  Outputs: {
    Size: { Value: { Ref: 'Size' } },
    FirstZone: { Value: { 'Fn::Select': [0, { Ref: 'Zones' }] } },
  },
});

describe('SSM parameter types', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    const ssm = client(cloud, SSMClient);
    await ssm.send(new PutParameterCommand({ Name: '/app/size', Type: 'String', Value: '5' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/zones', Type: 'StringList', Value: 'a,b' }));
  });
  after(() => cloud.stop());

  it("resolves to the named parameter's value, a StringList as a list", async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'ssm-types', TemplateBody: TEMPLATE }));
    let stack: Awaited<ReturnType<typeof describeStack>>;
    do stack = await describeStack(cfn, 'ssm-types');
    while (stack?.StackStatus?.endsWith('IN_PROGRESS'));
    assert.equal(stack?.StackStatus, 'CREATE_COMPLETE', stack?.StackStatusReason);
    const outputs = Object.fromEntries(
      stack!.Outputs!.map((output) => [output.OutputKey, output.OutputValue]),
    );
    assert.deepEqual(outputs, { Size: '5', FirstZone: 'a' });
    // DescribeStacks reports the name given and, as ResolvedValue, what it read (API_Parameter.html).
    const size = stack!.Parameters!.find((parameter) => parameter.ParameterKey === 'Size');
    assert.deepEqual(
      { value: size?.ParameterValue, resolved: size?.ResolvedValue },
      { value: '/app/size', resolved: '5' },
    );
  });

  it('reads the parameter again on an update that keeps the previous value', async () => {
    const ssm = client(cloud, SSMClient);
    await cfn.send(new CreateStackCommand({ StackName: 'ssm-update', TemplateBody: TEMPLATE }));
    while ((await describeStack(cfn, 'ssm-update'))?.StackStatus?.endsWith('IN_PROGRESS'));
    await ssm.send(
      new PutParameterCommand({ Name: '/app/size', Type: 'String', Value: '7', Overwrite: true }),
    );
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'ssm-update',
        TemplateBody: TEMPLATE,
        Parameters: [
          { ParameterKey: 'Size', UsePreviousValue: true },
          { ParameterKey: 'Zones', UsePreviousValue: true },
        ],
      }),
    );
    let stack: Awaited<ReturnType<typeof describeStack>>;
    do stack = await describeStack(cfn, 'ssm-update');
    while (stack?.StackStatus?.endsWith('IN_PROGRESS'));
    assert.equal(stack?.StackStatus, 'UPDATE_COMPLETE', stack?.StackStatusReason);
    const size = stack!.Parameters!.find((parameter) => parameter.ParameterKey === 'Size');
    assert.deepEqual(
      { value: size?.ParameterValue, resolved: size?.ResolvedValue },
      { value: '/app/size', resolved: '7' },
    );
    await ssm.send(
      new PutParameterCommand({ Name: '/app/size', Type: 'String', Value: '5', Overwrite: true }),
    );
  });

  it('refuses a name with no parameter behind it', async () => {
    await assert.rejects(
      cfn.send(
        new CreateStackCommand({
          StackName: 'ssm-missing',
          TemplateBody: TEMPLATE,
          Parameters: [{ ParameterKey: 'Size', ParameterValue: '/app/none' }],
        }),
      ),
      {
        name: 'ValidationError',
        message: 'Unable to fetch parameters [/app/none] from parameter store for this account.',
      },
    );
  });
});

async function describeStack(cfn: CloudFormationClient, name: string) {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Stacks?.[0];
}
