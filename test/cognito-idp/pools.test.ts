// User pools, app clients, groups, domains and tags through the SDK v3, with the errors AWS answers.
// Expected answers: the API reference of each operation (docs.aws.amazon.com/cognito-user-identity-pools/
// latest/APIReference/) and AWS's observed wording where noted.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddCustomAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersInGroupCommand,
  TagResourceCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';

describe('Cognito user pools and app clients', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
  });
  after(() => cloud.stop());

  it('creates a pool with AWS defaults and describes it', async () => {
    const { UserPool } = await idp.send(
      new CreateUserPoolCommand({
        PoolName: 'defaults',
        Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
        UserPoolTags: { team: 'auth' },
      }),
    );
    assert.match(UserPool!.Id!, /^us-east-1_[0-9a-zA-Z]{9}$/);
    assert.equal(UserPool!.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool!.Id}`);
    assert.deepEqual(UserPool!.Policies?.PasswordPolicy, {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    assert.equal(UserPool!.MfaConfiguration, 'OFF');
    assert.equal(UserPool!.DeletionProtection, 'INACTIVE');
    assert.ok(UserPool!.SchemaAttributes?.some((attribute) => attribute.Name === 'custom:tenant'));
    assert.equal(UserPool!.SchemaAttributes?.[0]?.Name, 'sub');
    assert.ok(UserPool!.CreationDate instanceof Date);
    const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
    assert.equal(described.UserPool?.EstimatedNumberOfUsers, 0);
    const tags = await idp.send(new ListTagsForResourceCommand({ ResourceArn: UserPool!.Arn }));
    assert.deepEqual(tags.Tags, { team: 'auth' });
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await assert.rejects(idp.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere12' })), {
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_nothere12 does not exist.',
    });
  });

  it('validates the request against the model before looking anything up', async () => {
    await assert.rejects(
      idp.send(new DescribeUserPoolCommand({ UserPoolId: 'no-underscore' })),
      (error: Error) => {
        assert.equal(error.name, 'InvalidParameterException');
        assert.match(error.message, /userPoolId/);
        return true;
      },
    );
  });

  it('pages ListUserPools and keeps deletion protection', async () => {
    for (const name of ['p1', 'p2', 'p3']) await idp.send(new CreateUserPoolCommand({ PoolName: name }));
    const first = await idp.send(new ListUserPoolsCommand({ MaxResults: 2 }));
    assert.equal(first.UserPools?.length, 2);
    assert.ok(first.NextToken);
    const rest = await idp.send(new ListUserPoolsCommand({ MaxResults: 10, NextToken: first.NextToken }));
    const names = [...first.UserPools!, ...rest.UserPools!].map((pool) => pool.Name);
    assert.ok(['p1', 'p2', 'p3', 'defaults'].every((name) => names.includes(name)));
    const { UserPool } = await idp.send(
      new CreateUserPoolCommand({ PoolName: 'kept', DeletionProtection: 'ACTIVE' }),
    );
    await assert.rejects(idp.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })), {
      name: 'InvalidParameterException',
    });
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: UserPool!.Id, DeletionProtection: 'INACTIVE' }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id }));
    await assert.rejects(idp.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('adds custom attributes once', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'custom' }));
    const command = new AddCustomAttributesCommand({
      UserPoolId: UserPool!.Id,
      CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String' }],
    });
    await idp.send(command);
    await assert.rejects(idp.send(command), { name: 'InvalidParameterException' });
  });

  it('creates app clients with a secret and the default token validity, and updates them', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'clients' }));
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'web', GenerateSecret: true }),
    );
    assert.match(UserPoolClient!.ClientId!, /^[a-z0-9]{26}$/);
    assert.ok(UserPoolClient!.ClientSecret && UserPoolClient!.ClientSecret.length >= 24);
    assert.equal(UserPoolClient!.RefreshTokenValidity, 30);
    assert.equal(UserPoolClient!.AuthSessionValidity, 3);
    await idp.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: UserPool!.Id,
        ClientId: UserPoolClient!.ClientId,
        ClientName: 'web2',
        AccessTokenValidity: 5,
        TokenValidityUnits: { AccessToken: 'minutes' },
      }),
    );
    const { UserPoolClient: described } = await idp.send(
      new DescribeUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientId: UserPoolClient!.ClientId }),
    );
    assert.equal(described?.ClientName, 'web2');
    assert.equal(described?.AccessTokenValidity, 5);
    assert.equal(described?.ClientSecret, UserPoolClient!.ClientSecret);
    const listed = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: UserPool!.Id }));
    assert.deepEqual(
      listed.UserPoolClients?.map((client) => client.ClientName),
      ['web2'],
    );
    await assert.rejects(
      idp.send(new DescribeUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientId: 'unknownclient' })),
      { name: 'ResourceNotFoundException', message: 'User pool client unknownclient does not exist.' },
    );
  });

  it('refuses ExplicitAuthFlows that mix ALLOW_ and legacy values', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'flows' }));
    await assert.rejects(
      idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: UserPool!.Id,
          ClientName: 'mixed',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ADMIN_NO_SRP_AUTH'],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('keeps groups with precedence and members', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'groups' }));
    const UserPoolId = UserPool!.Id!;
    await idp.send(
      new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: 1, Description: 'all' }),
    );
    await idp.send(new CreateGroupCommand({ UserPoolId, GroupName: 'readers', Precedence: 5 }));
    await assert.rejects(idp.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins' })), {
      name: 'GroupExistsException',
      message: 'A group with the name admins already exists.',
    });
    await idp.send(new AdminCreateUserCommand({ UserPoolId, Username: 'bob', MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: 'bob', GroupName: 'readers' }));
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: 'bob', GroupName: 'admins' }));
    const groups = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: 'bob' }));
    assert.deepEqual(
      groups.Groups?.map((group) => group.GroupName),
      ['admins', 'readers'],
    );
    const members = await idp.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'admins' }));
    assert.deepEqual(
      members.Users?.map((user) => user.Username),
      ['bob'],
    );
    const listed = await idp.send(new ListGroupsCommand({ UserPoolId, Limit: 1 }));
    assert.equal(listed.Groups?.length, 1);
    assert.ok(listed.NextToken);
    const { Group } = await idp.send(new GetGroupCommand({ UserPoolId, GroupName: 'admins' }));
    assert.equal(Group?.Precedence, 1);
    await assert.rejects(idp.send(new GetGroupCommand({ UserPoolId, GroupName: 'nobody' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('stores a domain and tags a pool', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'domain' }));
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: UserPool!.Id, Domain: 'my-app-auth' }));
    const { DomainDescription } = await idp.send(
      new DescribeUserPoolDomainCommand({ Domain: 'my-app-auth' }),
    );
    assert.equal(DomainDescription?.UserPoolId, UserPool!.Id);
    assert.equal(DomainDescription?.Status, 'ACTIVE');
    const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
    assert.equal(described.UserPool?.Domain, 'my-app-auth');
    await idp.send(new TagResourceCommand({ ResourceArn: UserPool!.Arn, Tags: { env: 'dev' } }));
    const tags = await idp.send(new ListTagsForResourceCommand({ ResourceArn: UserPool!.Arn }));
    assert.deepEqual(tags.Tags, { env: 'dev' });
  });
});
