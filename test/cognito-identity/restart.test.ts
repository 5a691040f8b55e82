// Restart: pools, identities with their logins, and the OpenID signing key survive a reopen of the same
// data dir: a token issued before the restart still logs its identity in after it.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { decodeProtectedHeader } from 'jose';
import { startCloud } from '../../src/index.js';
import { client } from '../support/helpers.js';

describe('Cognito identity across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-cognito-identity-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps identities and the signing key, so tokens issued before still verify', async () => {
    const first = await startCloud({ port: 0, dataDir, log: () => {} });
    let identity = client(first, CognitoIdentityClient);
    const role = await client(first, IAMClient).send(
      new CreateRoleCommand({ RoleName: 'users', AssumeRolePolicyDocument: '{"Statement":[]}' }),
    );
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'durable',
        AllowUnauthenticatedIdentities: true,
        DeveloperProviderName: 'login.durable',
      }),
    );
    await identity.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: role.Role?.Arn as string } }),
    );
    const guest = await identity.send(new GetIdCommand({ IdentityPoolId }));
    const developer = await identity.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({
        IdentityPoolId,
        Logins: { 'login.durable': 'user-9' },
      }),
    );
    await first.stop();

    const second = await startCloud({ port: 0, dataDir, log: () => {} });
    try {
      identity = client(second, CognitoIdentityClient);
      const described = await identity.send(new DescribeIdentityCommand({ IdentityId: guest.IdentityId }));
      assert.equal(described.IdentityId, guest.IdentityId);
      const again = await identity.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId,
          Logins: { 'login.durable': 'user-9' },
        }),
      );
      assert.equal(again.IdentityId, developer.IdentityId);
      assert.equal(
        decodeProtectedHeader(again.Token as string).kid,
        decodeProtectedHeader(developer.Token as string).kid,
      );
      const { Credentials } = await identity.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: developer.IdentityId,
          Logins: { 'cognito-identity.amazonaws.com': developer.Token as string },
        }),
      );
      assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);
    } finally {
      await second.stop();
    }
  });
});
