// Durability of the OAuth endpoints' state: an authorization code handed to the browser, the hosted
// sign-in session cookie and the scopes behind a refresh token all survive `kill -9` and a restart.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';

const CALLBACK = 'http://localhost:3000/callback';

describe('Cognito OAuth durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-cognito-oauth-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an issued code, the sign-in session and refresh-token scopes across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    const idp = client(first.endpoint, CognitoIdentityProviderClient);
    const poolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'durable' }))).UserPool!.Id!;
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email'],
        CallbackURLs: [CALLBACK],
      }),
    );
    const clientId = UserPoolClient!.ClientId!;
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'erin', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'erin',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK });
    const signIn = await fetch(`${first.endpoint}/${poolId}/login?${query}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'erin', password: 'Passw0rd!' }),
    });
    assert.equal(signIn.status, 302);
    const code = new URL(signIn.headers.get('location')!).searchParams.get('code')!;
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      const redeem = await fetch(`${second.endpoint}/${poolId}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: clientId,
          code,
          redirect_uri: CALLBACK,
        }),
      });
      assert.equal(redeem.status, 200);
      const tokens = (await redeem.json()) as { refresh_token: string };
      const again = await fetch(`${second.endpoint}/${poolId}/oauth2/authorize?${query}`, {
        redirect: 'manual',
        headers: { cookie },
      });
      assert.ok(again.headers.get('location')!.startsWith(`${CALLBACK}?code=`));
      await kill9(second.child);

      const third = await startNimbusProcess(dataDir);
      try {
        const refreshed = await fetch(`${third.endpoint}/${poolId}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            client_id: clientId,
            refresh_token: tokens.refresh_token,
          }),
        });
        assert.equal(refreshed.status, 200);
        const body = (await refreshed.json()) as { access_token: string };
        assert.equal(decodeJwt(body.access_token).scope, 'openid email');
      } finally {
        await kill9(third.child);
      }
    } finally {
      await kill9(second.child);
    }
  });
});
