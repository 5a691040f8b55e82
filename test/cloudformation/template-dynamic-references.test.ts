// Dynamic references in resource properties read Nimbus's SSM and Secrets Manager as each resource is made;
// the stack keeps the references as written, so a value that changes later does not update the resource.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

/** Copies of referenced values land in SSM parameters, where the test can read what a resource was given. */
function copies(values: Record<string, string>, description = 'v1') {
  return JSON.stringify({
    Resources: Object.fromEntries(
      Object.entries(values).map(([id, value]) => [
        id,
        {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: `/copy/${id}`, Type: 'String', Value: value, Description: description },
        },
      ]),
    ),
  });
}

describe('dynamic references', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let ssm: SSMClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    ssm = client(cloud, SSMClient);
    await ssm.send(new PutParameterCommand({ Name: '/app/host', Type: 'String', Value: 'db-1.internal' }));
    await ssm.send(
      new PutParameterCommand({ Name: '/app/host', Type: 'String', Value: 'db-2.internal', Overwrite: true }),
    );
    await ssm.send(new PutParameterCommand({ Name: '/app/zones', Type: 'StringList', Value: 'a,b' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/token', Type: 'SecureString', Value: 's3cret' }));
    const secrets = client(cloud, SecretsManagerClient);
    await secrets.send(
      new CreateSecretCommand({ Name: 'db', SecretString: JSON.stringify({ user: 'admin', port: 5432 }) }),
    );
    await secrets.send(new CreateSecretCommand({ Name: 'plain', SecretString: 'hunter2' }));
  });
  after(() => cloud.stop());

  const value = async (name: string) =>
    (await ssm.send(new GetParameterCommand({ Name: `/copy/${name}` }))).Parameter?.Value;

  it('replaces ssm and secretsmanager references, alone or inside a longer string', async () => {
    const status = await deploy(
      cfn,
      'refs',
      copies({
        Latest: '{{resolve:ssm:/app/host}}',
        Versioned: 'host={{resolve:ssm:/app/host:1}};zones={{resolve:ssm:/app/zones}}',
        Secret: '{{resolve:secretsmanager:plain}}',
        JsonKey: '{{resolve:secretsmanager:db:SecretString:user}}:{{resolve:secretsmanager:db::port}}',
        Stage: '{{resolve:secretsmanager:plain:SecretString::AWSCURRENT}}',
      }),
    );
    assert.equal(status.StackStatus, 'CREATE_COMPLETE', status.StackStatusReason);
    assert.equal(await value('Latest'), 'db-2.internal');
    assert.equal(await value('Versioned'), 'host=db-1.internal;zones=a,b');
    assert.equal(await value('Secret'), 'hunter2');
    assert.equal(await value('JsonKey'), 'admin:5432');
    assert.equal(await value('Stage'), 'hunter2');
    // The stack keeps the template as written.
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'refs' }));
    assert.match(TemplateBody ?? '', /\{\{resolve:ssm:\/app\/host\}\}/);
  });

  it('does not update a resource whose template is unchanged when the parameter changes', async () => {
    // "because you're not changing anything about the template itself, it's not going to pick up your
    // new value" (aws-cloudformation/cloudformation-coverage-roadmap#75).
    await deploy(cfn, 'pinned', copies({ Pinned: '{{resolve:ssm:/app/zones}}' }));
    await ssm.send(
      new PutParameterCommand({ Name: '/app/zones', Type: 'StringList', Value: 'c', Overwrite: true }),
    );
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'pinned',
        TemplateBody: copies({ Pinned: '{{resolve:ssm:/app/zones}}' }, 'v2'),
      }),
    );
    const status = await settled(cfn, 'pinned');
    assert.equal(status.StackStatus, 'UPDATE_COMPLETE', status.StackStatusReason);
    // The update that changed the resource's template read the new value.
    assert.equal(await value('Pinned'), 'c');
  });

  it('refuses a stack operation whose ssm reference names no parameter (ValidationError)', async () => {
    // Observed: "ValidationError: Parameters: [ssm:/xxxx/blueprintId] cannot be found."
    // (aws-samples/data-mesh-datazone-cdk-cloudformation#19).
    await assert.rejects(
      cfn.send(
        new CreateStackCommand({
          StackName: 'missing',
          TemplateBody: copies({ X: '{{resolve:ssm:/app/none}}' }),
        }),
      ),
      (error: Error) => {
        assert.equal(error.name, 'ValidationError');
        assert.equal(error.message, 'Parameters: [ssm:/app/none] cannot be found.');
        return true;
      },
    );
  });

  it("fails the resource for a missing secret, with Secrets Manager's error", async () => {
    const status = await deploy(cfn, 'no-secret', copies({ X: '{{resolve:secretsmanager:nope}}' }));
    assert.equal(status.StackStatus, 'ROLLBACK_COMPLETE');
    const reason = await failedReason(cfn, 'no-secret');
    assert.match(reason, /Secrets Manager can't find the specified secret\./);
  });

  it('refuses ssm-secure outside the properties AWS allows it in', async () => {
    const status = await deploy(cfn, 'secure', copies({ X: '{{resolve:ssm-secure:/app/token}}' }));
    assert.equal(status.StackStatus, 'ROLLBACK_COMPLETE');
    assert.equal(
      await failedReason(cfn, 'secure'),
      'SSM Secure reference is not supported in: [AWS::SSM::Parameter/Properties/Value]',
    );
  });
});

async function deploy(cfn: CloudFormationClient, name: string, template: string) {
  await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: template }));
  return settled(cfn, name);
}

async function settled(cfn: CloudFormationClient, name: string) {
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    const stack = Stacks![0]!;
    if (!stack.StackStatus?.endsWith('IN_PROGRESS')) return stack;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function failedReason(cfn: CloudFormationClient, name: string): Promise<string> {
  const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: name }));
  return StackEvents!.find((event) => event.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason ?? '';
}
