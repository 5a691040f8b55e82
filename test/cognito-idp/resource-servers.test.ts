// Resource servers through the SDK v3: create, describe, update (a whole replacement), list with pages,
// delete, and AWS's errors for a duplicate identifier, an unknown one and an unknown pool.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';

describe('Cognito resource servers', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  let UserPoolId: string;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    UserPoolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'rs' }))).UserPool!.Id!;
  });
  after(() => cloud.stop());

  const read = { ScopeName: 'read', ScopeDescription: 'Read it' };

  it('creates, describes, updates and deletes a resource server', async () => {
    const created = await idp.send(
      new CreateResourceServerCommand({
        UserPoolId,
        Identifier: 'https://api.example.com',
        Name: 'API',
        Scopes: [read],
      }),
    );
    const expected = { UserPoolId, Identifier: 'https://api.example.com', Name: 'API', Scopes: [read] };
    assert.deepEqual(created.ResourceServer, expected);
    const described = await idp.send(
      new DescribeResourceServerCommand({ UserPoolId, Identifier: 'https://api.example.com' }),
    );
    assert.deepEqual(described.ResourceServer, expected);

    const write = { ScopeName: 'write', ScopeDescription: 'Write it' };
    const updated = await idp.send(
      new UpdateResourceServerCommand({
        UserPoolId,
        Identifier: 'https://api.example.com',
        Name: 'API v2',
        Scopes: [write],
      }),
    );
    assert.deepEqual(updated.ResourceServer, { ...expected, Name: 'API v2', Scopes: [write] });

    await idp.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: 'https://api.example.com' }));
    await assert.rejects(
      idp.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: 'https://api.example.com' })),
      { name: 'ResourceNotFoundException' },
    );
  });

  it('refuses a duplicate identifier, duplicate scope names and unknown servers or pools', async () => {
    await idp.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'dup', Name: 'dup' }));
    await assert.rejects(
      idp.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'dup', Name: 'dup' })),
      {
        name: 'InvalidParameterException',
        message: `dup already exists in user pool ${UserPoolId}.`,
      },
    );
    await assert.rejects(
      idp.send(
        new CreateResourceServerCommand({
          UserPoolId,
          Identifier: 'twice',
          Name: 'twice',
          Scopes: [read, read],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
    await assert.rejects(
      idp.send(new UpdateResourceServerCommand({ UserPoolId, Identifier: 'missing', Name: 'x' })),
      {
        name: 'ResourceNotFoundException',
      },
    );
    await assert.rejects(idp.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: 'missing' })), {
      name: 'ResourceNotFoundException',
    });
    await assert.rejects(
      idp.send(new ListResourceServersCommand({ UserPoolId: 'us-east-1_nothere00', MaxResults: 10 })),
      {
        name: 'ResourceNotFoundException',
        message: 'User pool us-east-1_nothere00 does not exist.',
      },
    );
    await assert.rejects(
      idp.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'bad"quote', Name: 'x' })),
      { name: 'InvalidParameterException' },
    );
  });

  it('lists resource servers in identifier order, a page at a time', async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'list' }));
    for (const id of ['c', 'a', 'b']) {
      await idp.send(
        new CreateResourceServerCommand({ UserPoolId: UserPool!.Id!, Identifier: id, Name: id }),
      );
    }
    const first = await idp.send(
      new ListResourceServersCommand({ UserPoolId: UserPool!.Id!, MaxResults: 2 }),
    );
    assert.deepEqual(
      first.ResourceServers?.map((server) => server.Identifier),
      ['a', 'b'],
    );
    assert.ok(first.NextToken);
    const second = await idp.send(
      new ListResourceServersCommand({
        UserPoolId: UserPool!.Id!,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      second.ResourceServers?.map((server) => server.Identifier),
      ['c'],
    );
    assert.equal(second.NextToken, undefined);
  });
});
