// AWS::Cognito::UserPool and its children deployed from one template through the CloudFormation API:
// a pool with a PreSignUp trigger wired by GetAtt, a client whose id is an output, a group, a user put
// in it, and a domain; then an update in place, and everything gone with the stack.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_Cognito.html

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
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const template = (minimumLength: number) =>
  JSON.stringify({
    Resources: {
      Pool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          UserPoolName: 'app-users',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Policies: { PasswordPolicy: { MinimumLength: minimumLength, RequireSymbols: false } },
          Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
          UserPoolTags: { app: 'demo' },
        },
      },
      WebClient: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'Pool' },
          ClientName: 'web',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          GenerateSecret: false,
        },
      },
      Admins: {
        Type: 'AWS::Cognito::UserPoolGroup',
        Properties: { UserPoolId: { Ref: 'Pool' }, GroupName: 'admins', Precedence: 0 },
      },
      Operator: {
        Type: 'AWS::Cognito::UserPoolUser',
        Properties: {
          UserPoolId: { Ref: 'Pool' },
          Username: 'ops@example.com',
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: 'ops@example.com' }],
        },
      },
      OperatorIsAdmin: {
        Type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
        Properties: {
          UserPoolId: { Ref: 'Pool' },
          GroupName: { Ref: 'Admins' },
          Username: { Ref: 'Operator' },
        },
      },
      Domain: {
        Type: 'AWS::Cognito::UserPoolDomain',
        Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'demo-app-auth' },
      },
    },
    Outputs: {
      PoolId: { Value: { Ref: 'Pool' } },
      PoolArn: { Value: { 'Fn::GetAtt': ['Pool', 'Arn'] } },
      ProviderName: { Value: { 'Fn::GetAtt': ['Pool', 'ProviderName'] } },
      ClientId: { Value: { Ref: 'WebClient' } },
    },
  });

describe('CloudFormation resources of Cognito user pools', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    idp = cognitoClient(cloud);
  });
  after(() => cloud.stop());

  const outputs = async () => {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'auth' }));
    return Object.fromEntries(
      (Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
    );
  };

  it('deploys a pool, its client, group, user and domain, updates it in place and deletes it', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'auth', TemplateBody: template(10) }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'auth' });
    const { PoolId, PoolArn, ProviderName, ClientId } = await outputs();
    assert.match(PoolId!, /^us-east-1_/);
    assert.equal(PoolArn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${PoolId}`);
    assert.equal(ProviderName, `cognito-idp.us-east-1.amazonaws.com/${PoolId}`);
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: PoolId }));
    assert.equal(UserPool?.Name, 'app-users');
    assert.equal(UserPool?.Policies?.PasswordPolicy?.MinimumLength, 10);
    assert.equal(UserPool?.Domain, 'demo-app-auth');
    const { UserPoolClient } = await idp.send(
      new DescribeUserPoolClientCommand({ UserPoolId: PoolId, ClientId }),
    );
    assert.equal(UserPoolClient?.ClientName, 'web');
    const groups = await idp.send(
      new AdminListGroupsForUserCommand({ UserPoolId: PoolId, Username: 'ops@example.com' }),
    );
    assert.deepEqual(
      groups.Groups?.map((group) => group.GroupName),
      ['admins'],
    );

    await cfn.send(new UpdateStackCommand({ StackName: 'auth', TemplateBody: template(12) }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'auth' });
    assert.equal((await outputs()).PoolId, PoolId);
    const updated = await idp.send(new DescribeUserPoolCommand({ UserPoolId: PoolId }));
    assert.equal(updated.UserPool?.Policies?.PasswordPolicy?.MinimumLength, 12);

    await cfn.send(new DeleteStackCommand({ StackName: 'auth' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'auth' });
    await assert.rejects(idp.send(new DescribeUserPoolCommand({ UserPoolId: PoolId })), {
      name: 'ResourceNotFoundException',
    });
  });
});
