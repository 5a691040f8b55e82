// The end-to-end path a web or mobile app takes with amazon-cognito-identity-js (the library Amplify's
// older versions and many apps use): sign up, confirm with the recorded code, sign in with SRP, refresh,
// update an attribute, forgot password, sign out — and tokens that aws-jwt-verify and jose accept from the
// pool's JWKS URL, as they would from AWS's.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, lastCode, type TestPool } from './helpers.js';

describe('amazon-cognito-identity-js against a Nimbus user pool', () => {
  let cloud: Cloud;
  let pool: TestPool;
  let userPool: CognitoUserPool;

  before(async () => {
    cloud = await startTestCloud();
    pool = await createPool(cognitoClient(cloud));
    userPool = new CognitoUserPool({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      endpoint: cloud.endpoint,
    });
  });
  after(() => cloud.stop());

  const signUp = (username: string, password: string, email: string) =>
    new Promise<{ userSub: string; userConfirmed: boolean }>((resolve, reject) =>
      userPool.signUp(
        username,
        password,
        [new CognitoUserAttribute({ Name: 'email', Value: email })],
        [],
        (error, result) =>
          error ? reject(error) : resolve({ userSub: result!.userSub, userConfirmed: result!.userConfirmed }),
      ),
    );
  const userOf = (username: string) => new CognitoUser({ Username: username, Pool: userPool });
  const confirm = (user: CognitoUser, code: string) =>
    new Promise<void>((resolve, reject) =>
      user.confirmRegistration(code, true, (error) => (error ? reject(error) : resolve())),
    );
  const signIn = (user: CognitoUser, password: string) =>
    new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );

  it('signs up, confirms with the recorded code and signs in with SRP', async () => {
    const { userSub, userConfirmed } = await signUp('alice', 'Passw0rd!', 'alice@example.com');
    assert.equal(userConfirmed, false);
    assert.match(userSub, /^[0-9a-f-]{36}$/);
    const user = userOf('alice');
    await confirm(user, await lastCode(cloud, pool.poolId, 'alice'));
    const session = await signIn(user, 'Passw0rd!');
    assert.ok(session.isValid());
    const id = session.getIdToken().decodePayload();
    assert.equal(id['cognito:username'], 'alice');
    assert.equal(id.email, 'alice@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.token_use, 'id');
    assert.equal(id.sub, userSub);
  });

  it('refuses a wrong password with AWS message', async () => {
    await assert.rejects(signIn(userOf('alice'), 'Wrong0pass!'), {
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('issues tokens that aws-jwt-verify and jose verify against the pool JWKS URL', async () => {
    const session = await signIn(userOf('alice'), 'Passw0rd!');
    const issuer = `${cloud.endpoint}/${pool.poolId}`;
    const verifier = JwtRsaVerifier.create({
      issuer,
      audience: null,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.client_id !== pool.clientId && payload.aud !== pool.clientId)
          throw new Error('wrong client');
      },
    });
    // aws-jwt-verify fetches JWKS over https only: hand it the key set read from the pool's http URL.
    verifier.cacheJwks(await (await fetch(`${issuer}/.well-known/jwks.json`)).json());
    const access = await verifier.verify(session.getAccessToken().getJwtToken());
    assert.equal(access.token_use, 'access');
    assert.equal(access.scope, 'aws.cognito.signin.user.admin');
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
      issuer: string;
    };
    assert.equal(discovery.issuer, issuer);
    const { payload } = await jwtVerify(
      session.getIdToken().getJwtToken(),
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      {
        issuer,
        audience: pool.clientId,
      },
    );
    assert.equal(payload.token_use, 'id');
  });

  it('refreshes the session and keeps the origin of the sign-in', async () => {
    const user = userOf('alice');
    const session = await signIn(user, 'Passw0rd!');
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(session.getRefreshToken(), (error, next) =>
        error ? reject(error) : resolve(next),
      ),
    );
    const before = session.getAccessToken().decodePayload();
    const afterRefresh = refreshed.getAccessToken().decodePayload();
    assert.equal(afterRefresh.origin_jti, before.origin_jti);
    assert.notEqual(afterRefresh.jti, before.jti);
  });

  it('updates an attribute and reads it back with the access token', async () => {
    const user = userOf('alice');
    await signIn(user, 'Passw0rd!');
    await new Promise<void>((resolve, reject) =>
      user.updateAttributes([new CognitoUserAttribute({ Name: 'name', Value: 'Alice A.' })], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const attributes = await new Promise<CognitoUserAttribute[]>((resolve, reject) =>
      user.getUserAttributes((error, result) => (error ? reject(error) : resolve(result!))),
    );
    assert.equal(attributes.find((attribute) => attribute.getName() === 'name')?.getValue(), 'Alice A.');
  });

  it('resets a forgotten password with the recorded code', async () => {
    const user = userOf('alice');
    await new Promise<void>((resolve, reject) =>
      user.forgotPassword({
        onSuccess: () => resolve(),
        onFailure: reject,
        inputVerificationCode: () => resolve(),
      }),
    );
    const code = await lastCode(cloud, pool.poolId, 'alice');
    await new Promise<void>((resolve, reject) =>
      user.confirmPassword(code, 'N3wPassw0rd!', { onSuccess: () => resolve(), onFailure: reject }),
    );
    await assert.rejects(signIn(userOf('alice'), 'Passw0rd!'), { code: 'NotAuthorizedException' });
    const session = await signIn(userOf('alice'), 'N3wPassw0rd!');
    assert.ok(session.isValid());
  });

  it('signs out globally, after which the access token is refused', async () => {
    const user = userOf('alice');
    const session = await signIn(user, 'N3wPassw0rd!');
    const idp = cognitoClient(cloud);
    const token = session.getAccessToken().getJwtToken();
    await idp.send(new GetUserCommand({ AccessToken: token }));
    await new Promise<void>((resolve, reject) =>
      user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }),
    );
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: token })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
    );
  });
});
