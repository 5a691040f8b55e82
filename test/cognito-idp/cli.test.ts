// Cognito user pools through the AWS CLI (`aws --endpoint-url … cognito-idp …`), as people type it: a pool,
// a client, an administrator-made user, a password sign-in and the errors, each command a child process
// with `--output json`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('Cognito user pools through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'cognito-idp', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws cognito-idp ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('creates a pool and a client, makes a user and signs them in with a password', async () => {
    const pool = (await awsJson(['create-user-pool', '--pool-name', 'cli-pool'])).UserPool as { Id: string };
    const appClient = (
      await awsJson([
        'create-user-pool-client',
        '--user-pool-id',
        pool.Id,
        '--client-name',
        'cli',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ])
    ).UserPoolClient as { ClientId: string };
    await awsJson([
      'admin-create-user',
      '--user-pool-id',
      pool.Id,
      '--username',
      'cli-user',
      '--message-action',
      'SUPPRESS',
    ]);
    await awsJson([
      'admin-set-user-password',
      '--user-pool-id',
      pool.Id,
      '--username',
      'cli-user',
      '--password',
      'Passw0rd!',
      '--permanent',
    ]);
    const signedIn = await awsJson([
      'initiate-auth',
      '--client-id',
      appClient.ClientId,
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--auth-parameters',
      'USERNAME=cli-user,PASSWORD=Passw0rd!',
    ]);
    const result = signedIn.AuthenticationResult as { AccessToken: string; TokenType: string };
    assert.equal(result.TokenType, 'Bearer');
    const user = await awsJson(['get-user', '--access-token', result.AccessToken]);
    assert.equal(user.Username, 'cli-user');
    const listed = await awsJson(['list-users', '--user-pool-id', pool.Id]);
    assert.deepEqual(
      (listed.Users as { Username: string }[]).map((entry) => entry.Username),
      ['cli-user'],
    );
  });

  it('prints AWS error for a wrong password', async () => {
    const pool = (await awsJson(['create-user-pool', '--pool-name', 'cli-errors'])).UserPool as {
      Id: string;
    };
    const appClient = (
      await awsJson([
        'create-user-pool-client',
        '--user-pool-id',
        pool.Id,
        '--client-name',
        'c',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
      ])
    ).UserPoolClient as { ClientId: string };
    await awsJson([
      'admin-create-user',
      '--user-pool-id',
      pool.Id,
      '--username',
      'u',
      '--message-action',
      'SUPPRESS',
    ]);
    await awsJson([
      'admin-set-user-password',
      '--user-pool-id',
      pool.Id,
      '--username',
      'u',
      '--password',
      'Passw0rd!',
      '--permanent',
    ]);
    const result = await aws([
      'initiate-auth',
      '--client-id',
      appClient.ClientId,
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--auth-parameters',
      'USERNAME=u,PASSWORD=Wrong0pass!',
    ]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /NotAuthorizedException.*Incorrect username or password\./);
  });
});
