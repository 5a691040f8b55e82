// Developer-authenticated identities: a backend's GetOpenIdTokenForDeveloperIdentity links its user id to
// an identity and gets a token the app then logs in with (`cognito-identity.amazonaws.com`), looked up,
// merged and unlinked; UnlinkIdentity removes a provider's login.
// https://docs.aws.amazon.com/cognito/latest/developerguide/developer-authenticated-identities.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { decodeJwt } from 'jose';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { startIssuer, type TestIssuer } from './issuer.js';

describe('Cognito developer-authenticated identities', () => {
  let cloud: Cloud;
  let issuer: TestIssuer;
  let backend: CognitoIdentityClient;
  let app: CognitoIdentityClient;
  let poolId: string;
  before(async () => {
    cloud = await startTestCloud();
    issuer = await startIssuer();
    backend = client(cloud, CognitoIdentityClient);
    app = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const role = await client(cloud, IAMClient).send(
      new CreateRoleCommand({ RoleName: 'dev-users', AssumeRolePolicyDocument: '{"Statement":[]}' }),
    );
    poolId = (
      await backend.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'devs',
          AllowUnauthenticatedIdentities: false,
          DeveloperProviderName: 'login.example.app',
          OpenIdConnectProviderARNs: [`arn:aws:iam::000000000000:oidc-provider/${issuer.name}`],
        }),
      )
    ).IdentityPoolId as string;
    await backend.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: role.Role?.Arn as string },
      }),
    );
  });
  after(async () => {
    await cloud?.stop();
    await issuer?.close();
  });

  const developerToken = (user: string, extra: { IdentityId?: string; TokenDuration?: number } = {}) =>
    backend.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({
        IdentityPoolId: poolId,
        Logins: { 'login.example.app': user },
        ...extra,
      }),
    );

  it('issues a token for a developer user, the same identity each time, that logs the app in', async () => {
    const first = await developerToken('user-1', { TokenDuration: 120 });
    const again = await developerToken('user-1');
    assert.equal(again.IdentityId, first.IdentityId);
    const claims = decodeJwt(first.Token as string);
    assert.equal(claims.sub, first.IdentityId);
    assert.equal((claims.exp as number) - (claims.iat as number), 120);
    assert.deepEqual(claims.amr, [
      'authenticated',
      'login.example.app',
      `login.example.app:${poolId}:user-1`,
    ]);

    const Logins = { 'cognito-identity.amazonaws.com': first.Token as string };
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    assert.equal(IdentityId, first.IdentityId);
    const { Credentials } = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);
    const other = await developerToken('user-2');
    await assert.rejects(
      app.send(new GetCredentialsForIdentityCommand({ IdentityId: other.IdentityId, Logins })),
      { name: 'NotAuthorizedException', message: /^Logins don't match/ },
    );
  });

  it('looks developer users up both ways and refuses a user registered to another identity', async () => {
    const { IdentityId } = await developerToken('user-3');
    await developerToken('user-3b', { IdentityId });
    const byUser = await backend.send(
      new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'user-3b' }),
    );
    assert.equal(byUser.IdentityId, IdentityId);
    assert.deepEqual(byUser.DeveloperUserIdentifierList, ['user-3', 'user-3b']);
    const other = await developerToken('user-4');
    await assert.rejects(developerToken('user-3', { IdentityId: other.IdentityId }), {
      name: 'DeveloperUserAlreadyRegisteredException',
    });
    await assert.rejects(
      backend.send(
        new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'nobody' }),
      ),
      { name: 'ResourceNotFoundException' },
    );
  });

  it('merges one developer user into another, and unlinks one', async () => {
    const source = await developerToken('merge-from');
    const destination = await developerToken('merge-to');
    const merged = await backend.send(
      new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: poolId,
        DeveloperProviderName: 'login.example.app',
        SourceUserIdentifier: 'merge-from',
        DestinationUserIdentifier: 'merge-to',
      }),
    );
    assert.equal(merged.IdentityId, destination.IdentityId);
    await assert.rejects(backend.send(new DescribeIdentityCommand({ IdentityId: source.IdentityId })), {
      name: 'ResourceNotFoundException',
    });
    await backend.send(
      new UnlinkDeveloperIdentityCommand({
        IdentityPoolId: poolId,
        IdentityId: destination.IdentityId,
        DeveloperProviderName: 'login.example.app',
        DeveloperUserIdentifier: 'merge-from',
      }),
    );
    const looked = await backend.send(
      new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: destination.IdentityId }),
    );
    assert.deepEqual(looked.DeveloperUserIdentifierList, ['merge-to']);
  });

  it('unlinks an OpenID Connect login with UnlinkIdentity, unsigned', async () => {
    const token = await issuer.token({ sub: 'oidc-user', aud: 'app' }, cloud.clock.now());
    const { IdentityId, Token } = await developerToken('linked-user');
    await backend.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({
        IdentityPoolId: poolId,
        IdentityId,
        Logins: { 'login.example.app': 'linked-user', [issuer.name]: token },
      }),
    );
    assert.deepEqual((await backend.send(new DescribeIdentityCommand({ IdentityId }))).Logins?.sort(), [
      issuer.name,
      'login.example.app',
    ]);
    await app.send(
      new UnlinkIdentityCommand({
        IdentityId,
        Logins: { 'cognito-identity.amazonaws.com': Token as string },
        LoginsToRemove: [issuer.name],
      }),
    );
    assert.deepEqual((await backend.send(new DescribeIdentityCommand({ IdentityId }))).Logins, [
      'login.example.app',
    ]);
  });
});
