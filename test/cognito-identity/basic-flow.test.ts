// The basic (classic) flow: the app takes GetOpenIdToken's token to STS AssumeRoleWithWebIdentity itself,
// unsigned, and gets credentials for the role it names; STS refuses a role IAM lacks and an expired token.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

describe('Cognito identity basic flow through STS', () => {
  let cloud: Cloud;
  let token: string;
  let identityId: string;
  let poolId: string;
  let roleArn: string;
  const sts = () => new STSClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
  before(async () => {
    cloud = await startTestCloud();
    const role = await client(cloud, IAMClient).send(
      new CreateRoleCommand({ RoleName: 'classic', AssumeRolePolicyDocument: '{"Statement":[]}' }),
    );
    roleArn = role.Role?.Arn as string;
    poolId = (
      await client(cloud, CognitoIdentityClient).send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'classic',
          AllowUnauthenticatedIdentities: true,
          AllowClassicFlow: true,
        }),
      )
    ).IdentityPoolId as string;
    const app = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    identityId = (await app.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId as string;
    token = (await app.send(new GetOpenIdTokenCommand({ IdentityId: identityId }))).Token as string;
  });
  after(() => cloud?.stop());

  it('exchanges the OpenID token for credentials of the role', async () => {
    const assumed = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'app',
        WebIdentityToken: token,
      }),
    );
    assert.match(assumed.Credentials?.AccessKeyId ?? '', /^ASIA/);
    assert.equal(assumed.SubjectFromWebIdentityToken, identityId);
    assert.equal(assumed.Audience, poolId);
    assert.equal(assumed.Provider, 'cognito-identity.amazonaws.com');
    assert.equal(assumed.AssumedRoleUser?.Arn, 'arn:aws:sts::000000000000:assumed-role/classic/app');
    const lifetime = (assumed.Credentials?.Expiration?.getTime() ?? 0) - cloud.clock.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `expires in ${lifetime} ms`);
  });

  it('refuses a role IAM does not have, a token that is no JWT, and an expired token', async () => {
    await assert.rejects(
      sts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: 'arn:aws:iam::000000000000:role/absent',
          RoleSessionName: 'app',
          WebIdentityToken: token,
        }),
      ),
      { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' },
    );
    await assert.rejects(
      sts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: 'app',
          WebIdentityToken: 'nope',
        }),
      ),
      { name: 'InvalidIdentityTokenException' },
    );
    cloud.clock.advance(11 * 60_000);
    await assert.rejects(
      sts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: 'app',
          WebIdentityToken: token,
        }),
      ),
      { name: 'ExpiredTokenException' },
    );
  });
});
