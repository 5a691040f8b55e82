// Durability: users, their confirmed state and password, a pending code and the pool's signing key
// survive `kill -9` and a restart on the same data dir; tokens issued before still verify against the
// pool's JWKS and are still accepted by GetUser, and the refresh token still refreshes.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';
import { createPool } from './helpers.js';

describe('Cognito user pools durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-cognito-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps users, codes, keys and sessions across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    let idp = client(first.endpoint, CognitoIdentityProviderClient);
    const pool = await createPool(idp);
    const signUp = (Username: string) =>
      idp.send(
        new SignUpCommand({
          ClientId: pool.clientId,
          Username,
          Password: 'Passw0rd!',
          UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
        }),
      );
    await signUp('ann');
    await signUp('ben');
    const messages = async (endpoint: string, username: string) =>
      (
        (await (
          await fetch(
            `${endpoint}/_nimbus/cognito-idp/messages?userPoolId=${pool.poolId}&username=${username}`,
          )
        ).json()) as { messages: { code: string }[] }
      ).messages;
    const [annCode] = await messages(first.endpoint, 'ann');
    await idp.send(
      new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: 'ann', ConfirmationCode: annCode!.code }),
    );
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ann', PASSWORD: 'Passw0rd!' },
      }),
    );
    await kill9(first.child);

    // The same port: the issuer in the tokens names it.
    const port = Number(new URL(first.endpoint).port);
    const second = await startNimbusProcess(dataDir, { port });
    try {
      idp = client(second.endpoint, CognitoIdentityProviderClient);
      const issuer = `${second.endpoint}/${pool.poolId}`;
      const { payload } = await jwtVerify(
        AuthenticationResult!.IdToken!,
        createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
        { issuer, audience: pool.clientId },
      );
      assert.equal(payload['cognito:username'], 'ann');
      const user = await idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken }));
      assert.equal(user.Username, 'ann');
      const refreshed = await idp.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
        }),
      );
      assert.ok(refreshed.AuthenticationResult?.AccessToken);
      // Ben's code, recorded before the kill, still confirms him.
      const [benCode] = await messages(second.endpoint, 'ben');
      await idp.send(
        new ConfirmSignUpCommand({
          ClientId: pool.clientId,
          Username: 'ben',
          ConfirmationCode: benCode!.code,
        }),
      );
      const ben = await idp.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ben', PASSWORD: 'Passw0rd!' },
        }),
      );
      assert.ok(ben.AuthenticationResult?.IdToken);
    } finally {
      await kill9(second.child);
    }
  });
});
