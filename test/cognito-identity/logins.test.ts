// Signed-in identities: logins from an OpenID Connect issuer (a local one, test/cognito-identity/issuer.ts)
// verified by signature, issuer, audience and expiry on the cloud clock; one identity per user; roles
// chosen by role-mapping rules, by the token's cognito:preferred_role, or denied; user-pool logins whose
// issuer does not match; AWS's "Invalid login token." refusals.
// https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { decodeJwt } from 'jose';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { startIssuer, type TestIssuer } from './issuer.js';

const ROLE = (name: string) => `arn:aws:iam::000000000000:role/${name}`;

describe('Cognito identity logins', () => {
  let cloud: Cloud;
  let issuer: TestIssuer;
  let admin: CognitoIdentityClient;
  let app: CognitoIdentityClient;
  let poolId: string;
  before(async () => {
    cloud = await startTestCloud();
    issuer = await startIssuer();
    admin = client(cloud, CognitoIdentityClient);
    app = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const iam = client(cloud, IAMClient);
    for (const RoleName of ['member', 'admin', 'guest', 'preferred']) {
      await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: '{"Statement":[]}' }));
    }
    poolId = (
      await admin.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'members',
          AllowUnauthenticatedIdentities: true,
          OpenIdConnectProviderARNs: [`arn:aws:iam::000000000000:oidc-provider/${issuer.name}`],
        }),
      )
    ).IdentityPoolId as string;
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: ROLE('member'), unauthenticated: ROLE('guest') },
      }),
    );
  });
  after(async () => {
    await cloud?.stop();
    await issuer?.close();
  });

  const login = async (sub: string, claims: Record<string, unknown> = {}) => ({
    [issuer.name]: await issuer.token({ sub, aud: 'app', ...claims }, cloud.clock.now()),
  });

  it('links a user to one identity, and gives it the authenticated role', async () => {
    const Logins = await login('alice');
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    const again = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: await login('alice') }));
    assert.equal(again.IdentityId, IdentityId);
    const other = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: await login('bob') }));
    assert.notEqual(other.IdentityId, IdentityId);

    const described = await admin.send(new DescribeIdentityCommand({ IdentityId }));
    assert.deepEqual(described.Logins, [issuer.name]);

    const { Token } = await app.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    assert.deepEqual(decodeJwt(Token as string).amr, ['authenticated', issuer.name]);
    const { Credentials } = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);
  });

  it('refuses a signed-in identity asked for without its login', async () => {
    const { IdentityId } = await app.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: await login('carol') }),
    );
    await assert.rejects(app.send(new GetCredentialsForIdentityCommand({ IdentityId })), {
      name: 'NotAuthorizedException',
      message: `Access to Identity '${IdentityId}' is forbidden.`,
    });
    const { IdentityId: dave } = await app.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: await login('dave') }),
    );
    await assert.rejects(
      app.send(new GetCredentialsForIdentityCommand({ IdentityId: dave, Logins: await login('carol') })),
      { name: 'NotAuthorizedException', message: /^Logins don't match/ },
    );
  });

  it('refuses expired, forged, malformed and foreign tokens with AWS messages', async () => {
    const expired = { [issuer.name]: await issuer.token({ sub: 'erin', aud: 'app' }, cloud.clock.now(), 60) };
    cloud.clock.advance(120_000);
    await assert.rejects(app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: expired })), {
      name: 'NotAuthorizedException',
      message: /^Invalid login token\. Token expired: \d+ >= \d+$/,
    });
    const forged = { [issuer.name]: await issuer.forged({ sub: 'erin', aud: 'app' }, cloud.clock.now()) };
    await assert.rejects(app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: forged })), {
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
    await assert.rejects(
      app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [issuer.name]: 'garbage' } })),
      {
        name: 'NotAuthorizedException',
        message: 'Invalid login token. Not a valid OpenId Connect identity token.',
      },
    );
    await assert.rejects(
      app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': 'token' } })),
      {
        name: 'NotAuthorizedException',
        message: 'Token is not from a supported provider of this identity pool.',
      },
    );
  });

  it('maps roles by rules on claims, in order, and denies when none matches under Deny', async () => {
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: ROLE('member'), unauthenticated: ROLE('guest') },
        RoleMappings: {
          [issuer.name]: {
            Type: 'Rules',
            AmbiguousRoleResolution: 'Deny',
            RulesConfiguration: {
              Rules: [
                // A role IAM does not have: STS refuses it, which shows this rule was the one chosen.
                { Claim: 'groups', MatchType: 'Contains', Value: 'admin', RoleARN: ROLE('not-in-iam') },
                { Claim: 'email', MatchType: 'StartsWith', Value: 'staff.', RoleARN: ROLE('admin') },
                { Claim: 'email', MatchType: 'StartsWith', Value: 'staff.g', RoleARN: ROLE('not-in-iam') },
              ],
            },
          },
        },
      }),
    );
    const assumedBy = async (sub: string, claims: Record<string, unknown>) => {
      const Logins = await login(sub, claims);
      const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
      return app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    };
    await assert.rejects(assumedBy('frank', { groups: ['readers', 'site-admins'] }), {
      name: 'InvalidIdentityPoolConfigurationException',
    });
    // The first matching rule wins: the third would match too.
    const gina = await assumedBy('gina', { email: 'staff.gina@example.com' });
    assert.match(gina.Credentials?.AccessKeyId ?? '', /^ASIA/);
    await assert.rejects(assumedBy('hal', { email: 'hal@example.com' }), {
      name: 'NotAuthorizedException',
      message: 'The ambiguous role mapping rules denied this request.',
    });
  });

  it('takes the role a Token mapping names in cognito:preferred_role, or falls back to the authenticated role', async () => {
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: ROLE('member') },
        RoleMappings: { [issuer.name]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } },
      }),
    );
    const Logins = await login('ivy', { 'cognito:preferred_role': ROLE('preferred') });
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    const preferred = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    assert.ok(preferred.Credentials?.AccessKeyId);
    // A preferred role IAM does not have: STS refuses, so the pool's configuration is at fault.
    const missing = await login('ivy', { 'cognito:preferred_role': ROLE('nope') });
    await assert.rejects(app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: missing })), {
      name: 'InvalidIdentityPoolConfigurationException',
    });
    // Two roles and no preference is ambiguous: AuthenticatedRole resolves it (CustomRoleArn would choose).
    const plain = await login('ivy', { 'cognito:roles': [ROLE('nope'), ROLE('other-nope')] });
    const fallback = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: plain }));
    assert.ok(fallback.Credentials?.AccessKeyId);
    // CustomRoleArn chooses among cognito:roles: choosing the one IAM lacks shows it was used.
    await assert.rejects(
      app.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: plain, CustomRoleArn: ROLE('nope') }),
      ),
      { name: 'InvalidIdentityPoolConfigurationException' },
    );
  });

  it('checks a user-pool token names the pool it is a login for', async () => {
    const userPool = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Zz9Yy8Xx7';
    const { IdentityPoolId } = await admin.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'users',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: userPool, ClientId: 'client1' }],
      }),
    );
    const token = await issuer.token({ sub: 'u', aud: 'client1' }, cloud.clock.now());
    await assert.rejects(app.send(new GetIdCommand({ IdentityPoolId, Logins: { [userPool]: token } })), {
      name: 'NotAuthorizedException',
      message: "Invalid login token. Issuer doesn't match providerName",
    });
  });
});
