// A login with a real ID token from a Nimbus user pool: signed in with USER_PASSWORD_AUTH, the token
// verified against the pool's JWKS served by Nimbus, one identity per user, and the role of the user's
// group taken through a Token role mapping (cognito:preferred_role).
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-integrating-user-pools-with-identity-pools.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { decodeJwt } from 'jose';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

describe('Cognito identity with user-pool logins', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('verifies a user pool ID token and gives the user its group role', async () => {
    const idp = client(cloud, CognitoIdentityProviderClient);
    const iam = client(cloud, IAMClient);
    const member = (
      await iam.send(new CreateRoleCommand({ RoleName: 'member', AssumeRolePolicyDocument: '{}' }))
    ).Role?.Arn as string;
    const editor = (
      await iam.send(new CreateRoleCommand({ RoleName: 'editor', AssumeRolePolicyDocument: '{}' }))
    ).Role?.Arn as string;
    const pool = (await idp.send(new CreateUserPoolCommand({ PoolName: 'users' }))).UserPool?.Id as string;
    const appClient = (
      await idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: 'web',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient?.ClientId as string;
    await idp.send(
      new CreateGroupCommand({ UserPoolId: pool, GroupName: 'editors', RoleArn: editor, Precedence: 1 }),
    );
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: 'jo', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool,
        Username: 'jo',
        Password: 'Corr3ct-horse!',
        Permanent: true,
      }),
    );
    await idp.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'jo', GroupName: 'editors' }),
    );
    const signIn = async () =>
      (
        await idp.send(
          new InitiateAuthCommand({
            ClientId: appClient,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'jo', PASSWORD: 'Corr3ct-horse!' },
          }),
        )
      ).AuthenticationResult?.IdToken as string;
    const idToken = await signIn();
    assert.equal(decodeJwt(idToken)['cognito:preferred_role'], editor);

    const provider = `cognito-idp.us-east-1.amazonaws.com/${pool}`;
    const admin = client(cloud, CognitoIdentityClient);
    const { IdentityPoolId } = await admin.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'app',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: provider, ClientId: appClient }],
      }),
    );
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId,
        Roles: { authenticated: member },
        RoleMappings: { [`${provider}:${appClient}`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
      }),
    );
    const app = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const Logins = { [provider]: idToken };
    const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const again = await app.send(
      new GetIdCommand({ IdentityPoolId, Logins: { [provider]: await signIn() } }),
    );
    assert.equal(again.IdentityId, IdentityId);
    const { Credentials } = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);

    // The access token has no aud: AWS refuses it as a login (amazon-cognito-identity-js#12).
    const access = (
      await idp.send(
        new InitiateAuthCommand({
          ClientId: appClient,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'jo', PASSWORD: 'Corr3ct-horse!' },
        }),
      )
    ).AuthenticationResult?.AccessToken as string;
    await assert.rejects(app.send(new GetIdCommand({ IdentityPoolId, Logins: { [provider]: access } })), {
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud',
    });
  });
});
