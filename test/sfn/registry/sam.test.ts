// AWS::Serverless::StateMachine: our SAM transform against AWS's own translator (samtranslator, run
// offline when installed), then a SAM template deployed through CloudFormation: the machine, its generated
// role and the EventBridge rules its events make.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: DefinitionSubstitutions use ${} */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import type { Template } from '../../../src/services/cloudformation/template/parse.js';
import { applyServerlessTransform } from '../../../src/services/cloudformation/transforms/serverless/index.js';
import { client, startTestCloud } from '../../support/helpers.js';

const SAM_TEMPLATE = {
  Transform: 'AWS::Serverless-2016-10-31',
  Resources: {
    Flow: {
      Type: 'AWS::Serverless::StateMachine',
      Properties: {
        Name: 'sam-flow',
        Type: 'STANDARD',
        Definition: { StartAt: 'A', States: { A: { Type: 'Pass', Result: '${Greeting}', End: true } } },
        DefinitionSubstitutions: { Greeting: 'hi' },
        Policies: [
          'AmazonSQSFullAccess',
          { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
          { SQSPollerPolicy: { QueueName: 'q' } },
        ],
        Tracing: { Enabled: true },
        Tags: { team: 'a' },
        Events: {
          Every: { Type: 'Schedule', Properties: { Schedule: 'rate(1 hour)', Input: '{}' } },
          OnEvent: { Type: 'EventBridgeRule', Properties: { Pattern: { source: ['orders'] } } },
        },
      },
    },
  },
} as unknown as Template;

const TRANSLATE = `
import json, sys
from samtranslator.translator.transform import transform
class FixedPolicies:
    def load(self):
        return {"AmazonSQSFullAccess": "arn:aws:iam::aws:policy/AmazonSQSFullAccess"}
print(json.dumps(transform(json.load(sys.stdin), {}, FixedPolicies())))
`;

const SAM = spawnSync('python3', ['-c', 'import samtranslator'], { stdio: 'ignore' }).status === 0;

describe('AWS::Serverless::StateMachine', () => {
  it('translates as samtranslator does', { skip: SAM ? false : 'samtranslator is not installed' }, () => {
    const theirs = spawnSync('python3', ['-c', TRANSLATE], {
      input: JSON.stringify(SAM_TEMPLATE),
      encoding: 'utf8',
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    assert.equal(theirs.status, 0, theirs.stderr);
    const ours = applyServerlessTransform(SAM_TEMPLATE, {
      region: 'us-east-1',
      accountId: '000000000000',
      stackName: 's',
    });
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(theirs.stdout));
  });

  it('refuses Role together with Policies in samtranslator words', () => {
    const template = structuredClone(SAM_TEMPLATE) as unknown as {
      Resources: { Flow: { Properties: Record<string, unknown> } };
    };
    template.Resources.Flow.Properties.Role = 'arn:aws:iam::000000000000:role/r';
    assert.throws(
      () =>
        applyServerlessTransform(template as unknown as Template, {
          region: 'us-east-1',
          accountId: '000000000000',
          stackName: 's',
        }),
      /Resource with id \[Flow\] is invalid\. Specify either 'Role' or 'Policies' \(but not both at the same time\) or neither/,
    );
  });

  describe('deployed', () => {
    let cloud: Cloud;
    before(async () => {
      cloud = await startTestCloud();
    });
    after(() => cloud?.stop());

    it('creates the machine with its substitutions, role and event rules', async () => {
      const cfn = client(cloud, CloudFormationClient);
      await cfn.send(
        new CreateStackCommand({
          StackName: 'sam-sfn',
          TemplateBody: JSON.stringify(SAM_TEMPLATE),
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
        }),
      );
      await waitUntilStackCreateComplete(
        { client: cfn, maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 },
        { StackName: 'sam-sfn' },
      );
      const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'sam-sfn' }));
      assert.equal(Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE');
      const sfn = client(cloud, SFNClient);
      const machine = await sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sam-flow',
        }),
      );
      assert.equal(JSON.parse(machine.definition!).States.A.Result, 'hi');
      assert.match(machine.roleArn ?? '', /^arn:aws:iam::000000000000:role\//);
      const events = client(cloud, EventBridgeClient);
      const { Targets } = await events.send(
        new ListTargetsByRuleCommand({ Rule: await ruleName(cfn, 'FlowEvery') }),
      );
      assert.equal(Targets?.[0]?.Arn, machine.stateMachineArn);
      assert.equal(Targets?.[0]?.Id, 'FlowEveryStepFunctionsTarget');
      assert.match(Targets?.[0]?.RoleArn ?? '', /:role\//);
    });
  });
});

async function ruleName(cfn: CloudFormationClient, logicalId: string): Promise<string> {
  const { StackResourceDetail } = await cfn.send(
    new DescribeStackResourceCommand({ StackName: 'sam-sfn', LogicalResourceId: logicalId }),
  );
  return String(StackResourceDetail?.PhysicalResourceId);
}
