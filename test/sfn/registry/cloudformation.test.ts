// The Step Functions CloudFormation types deployed through the CloudFormation API: a state machine with
// an inline Definition and DefinitionSubstitutions, one read from S3, an activity, a version published
// from the machine's revision and an alias routing to it; then an update that publishes a new version and
// moves the alias, and the stack's deletion.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_StepFunctions.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: DefinitionSubstitutions use ${} */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeActivityCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { client, startTestCloud } from '../../support/helpers.js';
import { ROLE } from './fixtures.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const template = (result: string) =>
  JSON.stringify({
    Parameters: { Greeting: { Type: 'String', Default: 'hello' } },
    Resources: {
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: 'cfn-machine',
          RoleArn: ROLE,
          Definition: {
            StartAt: 'Say',
            States: { Say: { Type: 'Pass', Result: { greeting: '${Greeting}', result }, End: true } },
          },
          DefinitionSubstitutions: { Greeting: { Ref: 'Greeting' } },
          TracingConfiguration: { Enabled: true },
          Tags: [{ Key: 'stack', Value: 'cfn' }],
        },
      },
      FromS3: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: ROLE,
          StateMachineType: 'EXPRESS',
          DefinitionS3Location: { Bucket: 'definitions', Key: 'machine.json' },
        },
      },
      Worker: { Type: 'AWS::StepFunctions::Activity', Properties: { Name: 'cfn-worker' } },
      Version: {
        Type: 'AWS::StepFunctions::StateMachineVersion',
        Properties: {
          StateMachineArn: { Ref: 'Machine' },
          StateMachineRevisionId: { 'Fn::GetAtt': ['Machine', 'StateMachineRevisionId'] },
          Description: `version with ${result}`,
        },
      },
      Live: {
        Type: 'AWS::StepFunctions::StateMachineAlias',
        Properties: {
          Name: 'live',
          DeploymentPreference: { StateMachineVersionArn: { Ref: 'Version' }, Type: 'ALL_AT_ONCE' },
        },
      },
    },
    Outputs: {
      MachineArn: { Value: { Ref: 'Machine' } },
      MachineName: { Value: { 'Fn::GetAtt': ['Machine', 'Name'] } },
      Revision: { Value: { 'Fn::GetAtt': ['Machine', 'StateMachineRevisionId'] } },
      FromS3: { Value: { Ref: 'FromS3' } },
      Worker: { Value: { Ref: 'Worker' } },
      WorkerName: { Value: { 'Fn::GetAtt': ['Worker', 'Name'] } },
      Version: { Value: { Ref: 'Version' } },
      Alias: { Value: { 'Fn::GetAtt': ['Live', 'Arn'] } },
    },
  });

describe('CloudFormation resources of Step Functions', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let sfn: SFNClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    sfn = client(cloud, SFNClient);
    const s3 = client(cloud, S3Client);
    (s3.config as { forcePathStyle?: boolean }).forcePathStyle = true;
    await s3.send(new CreateBucketCommand({ Bucket: 'definitions' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'definitions',
        Key: 'machine.json',
        Body: JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Succeed' } } }),
      }),
    );
  });
  after(() => cloud?.stop());

  const outputs = async () => {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'sfn-stack' }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  };

  it('creates a machine, a machine from S3, an activity, a version and an alias', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'sfn-stack', TemplateBody: template('one') }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'sfn-stack' });
    const out = await outputs();
    assert.equal(out.MachineArn, 'arn:aws:states:us-east-1:000000000000:stateMachine:cfn-machine');
    assert.equal(out.MachineName, 'cfn-machine');
    assert.equal(out.Revision, 'INITIAL');
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: out.MachineArn }));
    assert.deepEqual(JSON.parse(machine.definition!).States.Say.Result, { greeting: 'hello', result: 'one' });
    assert.deepEqual(machine.tracingConfiguration, { enabled: true });
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: out.MachineArn }))).tags, [
      { key: 'stack', value: 'cfn' },
    ]);
    // An unnamed machine is named after its logical id with a suffix.
    assert.match(out.FromS3 ?? '', /:stateMachine:FromS3-[A-Za-z0-9]{12}$/);
    const fromS3 = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: out.FromS3 }));
    assert.equal(fromS3.type, 'EXPRESS');
    assert.equal(JSON.parse(fromS3.definition!).StartAt, 'S');
    assert.equal(out.WorkerName, 'cfn-worker');
    assert.equal(
      (await sfn.send(new DescribeActivityCommand({ activityArn: out.Worker }))).name,
      'cfn-worker',
    );
    assert.equal(out.Version, `${out.MachineArn}:1`);
    assert.equal(out.Alias, `${out.MachineArn}:live`);
    const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: out.Alias }));
    assert.deepEqual(alias.routingConfiguration, [{ stateMachineVersionArn: out.Version, weight: 100 }]);
  });

  it('updates the machine in place, publishes a new version and moves the alias to it', async () => {
    await cfn.send(new UpdateStackCommand({ StackName: 'sfn-stack', TemplateBody: template('two') }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'sfn-stack' });
    const out = await outputs();
    assert.equal(out.MachineArn, 'arn:aws:states:us-east-1:000000000000:stateMachine:cfn-machine');
    assert.notEqual(out.Revision, 'INITIAL');
    assert.equal(out.Version, `${out.MachineArn}:2`);
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: out.MachineArn }));
    assert.equal(machine.revisionId, out.Revision);
    const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: out.Alias }));
    assert.deepEqual(alias.routingConfiguration, [{ stateMachineVersionArn: out.Version, weight: 100 }]);
    // The replaced version is deleted at cleanup.
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: out.MachineArn }));
    assert.deepEqual(
      versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn),
      [out.Version],
    );
  });

  it('deletes every resource with the stack', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'sfn-stack' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'sfn-stack' });
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    assert.deepEqual(listed.stateMachines, []);
  });
});
