// GetTokensFromRefreshToken through the SDK: new tokens for a refresh token, a new refresh token when the
// app client rotates them (the old one usable for the grace period on the cloud clock, then refused),
// and RevokeToken ending the rotated family.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, type TestPool } from './helpers.js';

describe('GetTokensFromRefreshToken', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
  });
  after(() => cloud.stop());

  async function signedIn(rotation?: { Feature: 'ENABLED'; RetryGracePeriodSeconds: number }) {
    const pool: TestPool = await createPool(idp, {}, rotation ? { RefreshTokenRotation: rotation } : {});
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'rita', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'rita',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'rita', PASSWORD: 'Passw0rd!' },
      }),
    );
    return { pool, refreshToken: AuthenticationResult!.RefreshToken! };
  }

  const refresh = (pool: TestPool, RefreshToken: string) =>
    idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken }));

  it('answers new tokens and keeps the refresh token when the client does not rotate', async () => {
    const { pool, refreshToken } = await signedIn();
    const { AuthenticationResult } = await refresh(pool, refreshToken);
    assert.equal(AuthenticationResult?.RefreshToken, undefined);
    const me = await idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
    assert.equal(me.Username, 'rita');
    await assert.rejects(refresh(pool, 'not-a-token'), {
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
  });

  it('rotates the refresh token and refuses the old one after the grace period', async () => {
    const { pool, refreshToken } = await signedIn({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    const first = await refresh(pool, refreshToken);
    const rotated = first.AuthenticationResult!.RefreshToken!;
    assert.ok(rotated && rotated !== refreshToken);
    // Within the grace period the old token still answers (a client retrying a lost response).
    await refresh(pool, refreshToken);
    cloud.clock.advance(11_000);
    await assert.rejects(refresh(pool, refreshToken), { name: 'RefreshTokenReuseException' });
  });

  it('ends the rotated tokens of a sign-in with RevokeToken', async () => {
    const { pool, refreshToken } = await signedIn({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    const { AuthenticationResult } = await refresh(pool, refreshToken);
    await idp.send(
      new RevokeTokenCommand({ ClientId: pool.clientId, Token: AuthenticationResult!.RefreshToken! }),
    );
    await assert.rejects(refresh(pool, AuthenticationResult!.RefreshToken!), {
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken! })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });
});
