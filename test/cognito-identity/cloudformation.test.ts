// CloudFormation: AWS::Cognito::IdentityPool and AWS::Cognito::IdentityPoolRoleAttachment deployed with
// IAM roles, updated in place, and deleted with the stack; a guest of the deployed pool gets credentials.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypool.html

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
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

function template(allowGuests: boolean): string {
  return JSON.stringify({
    Resources: {
      GuestRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: 'cognito-identity.amazonaws.com' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'Pool' } } },
              },
            ],
          },
        },
      },
      Pool: {
        Type: 'AWS::Cognito::IdentityPool',
        Properties: {
          AllowUnauthenticatedIdentities: allowGuests,
          IdentityPoolTags: [{ Key: 'stack', Value: 'mobile' }],
          CognitoIdentityProviders: [
            { ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123', ClientId: 'webclient' },
          ],
        },
      },
      Roles: {
        Type: 'AWS::Cognito::IdentityPoolRoleAttachment',
        Properties: {
          IdentityPoolId: { Ref: 'Pool' },
          Roles: { unauthenticated: { 'Fn::GetAtt': ['GuestRole', 'Arn'] } },
          RoleMappings: {
            web: {
              IdentityProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:webclient',
              Type: 'Token',
              AmbiguousRoleResolution: 'AuthenticatedRole',
            },
          },
        },
      },
    },
    Outputs: {
      PoolId: { Value: { Ref: 'Pool' } },
      PoolName: { Value: { 'Fn::GetAtt': ['Pool', 'Name'] } },
    },
  });
}

describe('Cognito identity pools in CloudFormation', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('deploys a pool with its roles, updates it in place and deletes it with the stack', async () => {
    const cfn = client(cloud, CloudFormationClient);
    const identity = client(cloud, CognitoIdentityClient);
    await cfn.send(
      new CreateStackCommand({
        StackName: 'mobile',
        TemplateBody: template(true),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'mobile' });
    const outputs = async () => {
      const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'mobile' }));
      return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    };
    const { PoolId, PoolName } = await outputs();
    const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: PoolId }));
    assert.equal(pool.IdentityPoolName, PoolName);
    assert.deepEqual(pool.IdentityPoolTags, { stack: 'mobile' });
    const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: PoolId }));
    assert.match(roles.Roles?.unauthenticated ?? '', /^arn:aws:iam::000000000000:role\/mobile-GuestRole-/);
    assert.deepEqual(Object.keys(roles.RoleMappings ?? {}), [
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:webclient',
    ]);

    const app = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: PoolId }));
    const { Credentials } = await app.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);

    await cfn.send(
      new UpdateStackCommand({
        StackName: 'mobile',
        TemplateBody: template(false),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'mobile' });
    assert.equal((await outputs()).PoolId, PoolId, 'updated in place');
    const updated = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: PoolId }));
    assert.equal(updated.AllowUnauthenticatedIdentities, false);

    await cfn.send(new DeleteStackCommand({ StackName: 'mobile' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'mobile' });
    await assert.rejects(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: PoolId })), {
      name: 'ResourceNotFoundException',
    });
  });
});
