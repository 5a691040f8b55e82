// The CloudFormation resource types of Secrets Manager (AWS::SecretsManager::Secret, ResourcePolicy): a
// template deployed through CreateStack/UpdateStack/DeleteStack, and the types driven directly as the
// engine drives them, checked with the AWS SDK: Ref and GetAtt Id are the secret's ARN, a generated
// secret string follows GenerateSecretString, an unnamed secret gets CloudFormation's name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-resourcepolicy.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Cloud } from '../../src/index.js';
import { secret } from '../../src/services/secrets-manager/resources/secret.js';
import { client, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    },
  ],
};

function template(description: string, tag: string): string {
  return JSON.stringify({
    Resources: {
      DbSecret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          Description: description,
          GenerateSecretString: {
            SecretStringTemplate: '{"username":"admin"}',
            GenerateStringKey: 'password',
            PasswordLength: 24,
            ExcludeCharacters: '"@/\\',
          },
          Tags: [{ Key: 'tier', Value: tag }],
        },
      },
      ApiKey: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { Name: 'cfn/api-key', SecretString: 'k-123' },
      },
      ApiKeyPolicy: {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: { SecretId: { Ref: 'ApiKey' }, ResourcePolicy: POLICY, BlockPublicPolicy: true },
      },
    },
    Outputs: {
      DbSecretArn: { Value: { Ref: 'DbSecret' } },
      DbSecretId: { Value: { 'Fn::GetAtt': ['DbSecret', 'Id'] } },
      ApiKeyArn: { Value: { Ref: 'ApiKey' } },
    },
  });
}

describe('CloudFormation resources: Secrets Manager', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let sm: SecretsManagerClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    sm = client(cloud, SecretsManagerClient);
  });
  after(async () => {
    cfn.destroy();
    sm.destroy();
    await cloud.stop();
  });

  const outputs = async (StackName: string) => {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  };
  const explain = (StackName: string) => async (error: unknown) => {
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName }))).StackEvents ?? [];
    throw new Error(
      `${error}\n${events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`).join('\n')}`,
    );
  };

  it('deploys secrets and a policy from a template, updates them in place and deletes them with the stack', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'secrets', TemplateBody: template('first', 'gold') }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'secrets' }).catch(
      explain('secrets'),
    );
    const out = await outputs('secrets');
    assert.match(
      out.DbSecretArn!,
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:DbSecret-[A-Z0-9]{12}-[A-Za-z0-9]{6}$/,
    );
    assert.equal(out.DbSecretId, out.DbSecretArn);
    const generated = await sm.send(new GetSecretValueCommand({ SecretId: out.DbSecretArn }));
    const document = JSON.parse(generated.SecretString!) as { username: string; password: string };
    assert.equal(document.username, 'admin');
    assert.equal(document.password.length, 24);
    assert.doesNotMatch(document.password, /["@/\\]/);
    assert.equal(
      (await sm.send(new GetSecretValueCommand({ SecretId: 'cfn/api-key' }))).SecretString,
      'k-123',
    );
    assert.deepEqual(
      JSON.parse((await sm.send(new GetResourcePolicyCommand({ SecretId: out.ApiKeyArn }))).ResourcePolicy!),
      POLICY,
    );

    await cfn.send(
      new UpdateStackCommand({ StackName: 'secrets', TemplateBody: template('second', 'silver') }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'secrets' }).catch(
      explain('secrets'),
    );
    const updated = await sm.send(new DescribeSecretCommand({ SecretId: out.DbSecretArn }));
    assert.equal(updated.ARN, out.DbSecretArn);
    assert.equal(updated.Description, 'second');
    assert.deepEqual(updated.Tags, [{ Key: 'tier', Value: 'silver' }]);

    await cfn.send(new DeleteStackCommand({ StackName: 'secrets' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'secrets' });
    // Deleted without a recovery window, so the template deploys again at once.
    for (const SecretId of [out.DbSecretArn!, 'cfn/api-key']) {
      await assert.rejects(sm.send(new DescribeSecretCommand({ SecretId })), {
        name: 'ResourceNotFoundException',
      });
    }
  });

  it('generates a bare password when GenerateSecretString has no template, and refuses half a template', async () => {
    const ctx = resourceContext(cloud, 'Token');
    const state = await secret.create(
      { Name: 'cfn/token', GenerateSecretString: { PasswordLength: 40, ExcludePunctuation: true } },
      ctx,
    );
    assert.deepEqual(state.attributes, { Id: state.physicalId });
    const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: state.physicalId }));
    assert.match(SecretString!, /^[A-Za-z0-9]{40}$/);
    await assert.rejects(
      secret.create({ Name: 'cfn/half', GenerateSecretString: { GenerateStringKey: 'password' } }, ctx),
      /SecretStringTemplate and GenerateStringKey must be given together/,
    );
    await secret.delete(state, {}, ctx);
    // A secret already gone is not an error.
    await secret.delete(state, {}, ctx);
  });
});
