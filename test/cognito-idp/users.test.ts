// Users and sign-in through the SDK v3: sign-up rules, confirmation codes on the cloud clock, users made
// by an administrator, the password flows, secrets, lockout, revocation and token lifetimes. Expected
// answers: the API reference and the messages AWS's clients observe (quoted in amazon-cognito-identity-js's
// and Amplify's issues), cited where surprising.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import type { Cloud } from '../../src/index.js';
import { secretHash } from '../../src/services/cognito-idp/names.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, lastCode, recordedMessages, type TestPool } from './helpers.js';

describe('Cognito users and password sign-in', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  let pool: TestPool;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    pool = await createPool(idp);
  });
  after(() => cloud.stop());

  const signUp = (Username: string, Password = 'Passw0rd!', email = `${Username}@example.com`) =>
    idp.send(
      new SignUpCommand({
        ClientId: pool.clientId,
        Username,
        Password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
  const passwordAuth = (USERNAME: string, PASSWORD: string, clientId = pool.clientId) =>
    idp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD },
      }),
    );
  const confirmed = async (username: string, password = 'Passw0rd!') => {
    await signUp(username, password);
    await idp.send(
      new ConfirmSignUpCommand({
        ClientId: pool.clientId,
        Username: username,
        ConfirmationCode: await lastCode(cloud, pool.poolId, username),
      }),
    );
  };

  it('refuses a password the policy does not allow, in the policy words', async () => {
    await assert.rejects(signUp('weak', 'short'), {
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await assert.rejects(signUp('weak', 'longenough1!'), {
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
  });

  it('records the verification code and masks where it went', async () => {
    const answer = await signUp('carol');
    assert.deepEqual(answer.CodeDeliveryDetails, {
      Destination: 'c***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const [message] = await recordedMessages(cloud, pool.poolId, 'carol');
    assert.match(message!.code!, /^\d{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}. `);
    assert.equal(message!.destination, 'carol@example.com');
    await assert.rejects(signUp('carol'), {
      name: 'UsernameExistsException',
      message: 'User already exists',
    });
  });

  it('refuses sign-in before confirmation, a wrong code, and a code past its 24 hours', async () => {
    await signUp('dave');
    await assert.rejects(passwordAuth('dave', 'Passw0rd!'), {
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    await assert.rejects(
      idp.send(
        new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: 'dave', ConfirmationCode: '000000x' }),
      ),
      {
        name: 'CodeMismatchException',
        message: 'Invalid verification code provided, please try again.',
      },
    );
    const code = await lastCode(cloud, pool.poolId, 'dave');
    cloud.clock.advance(25 * 3600_000);
    await assert.rejects(
      idp.send(
        new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: 'dave', ConfirmationCode: code }),
      ),
      {
        name: 'ExpiredCodeException',
        message: 'Invalid code provided, please request a code again.',
      },
    );
  });

  it('signs in with USER_PASSWORD_AUTH, refuses confirming twice, and answers GetUser', async () => {
    await confirmed('erin');
    await assert.rejects(
      idp.send(
        new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: 'erin', ConfirmationCode: '123456' }),
      ),
      {
        name: 'NotAuthorizedException',
        message: 'User cannot be confirmed. Current status is CONFIRMED',
      },
    );
    const { AuthenticationResult } = await passwordAuth('erin', 'Passw0rd!');
    assert.equal(AuthenticationResult?.TokenType, 'Bearer');
    assert.equal(AuthenticationResult?.ExpiresIn, 3600);
    const user = await idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken }));
    assert.equal(user.Username, 'erin');
    assert.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');
    await assert.rejects(passwordAuth('erin', 'Wrong0pass!'), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await assert.rejects(passwordAuth('nobody', 'Passw0rd!'), {
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('locks sign-in after five failed attempts', async () => {
    await confirmed('frank');
    for (let attempt = 0; attempt < 5; attempt++) {
      await assert.rejects(passwordAuth('frank', 'Wrong0pass!'), {
        message: 'Incorrect username or password.',
      });
    }
    await assert.rejects(passwordAuth('frank', 'Wrong0pass!'), {
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    await assert.rejects(passwordAuth('frank', 'Passw0rd!'), { message: 'Password attempts exceeded' });
    cloud.clock.advance(60_000);
    assert.ok((await passwordAuth('frank', 'Passw0rd!')).AuthenticationResult);
  });

  it('asks a user made by an administrator for a new password, with the temporary one recorded', async () => {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: 'grace',
        UserAttributes: [
          { Name: 'email', Value: 'grace@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const [invitation] = await recordedMessages(cloud, pool.poolId, 'grace');
    assert.equal(invitation?.kind, 'AdminCreateUser');
    assert.equal(
      invitation?.message,
      `Your username is grace and temporary password is ${invitation?.code}. `,
    );
    const challenge = await passwordAuth('grace', invitation!.code!);
    assert.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.equal(challenge.ChallengeParameters?.USER_ID_FOR_SRP, 'grace');
    const answer = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'grace', NEW_PASSWORD: 'Chosen0pass!' },
      }),
    );
    assert.ok(answer.AuthenticationResult?.IdToken);
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'grace' }));
    assert.equal(user.UserStatus, 'CONFIRMED');
    await assert.rejects(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'grace', NEW_PASSWORD: 'Again0pass!' },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' },
    );
  });

  it('refuses a disabled user and accepts them once enabled', async () => {
    await confirmed('heidi');
    await idp.send(new AdminDisableUserCommand({ UserPoolId: pool.poolId, Username: 'heidi' }));
    await assert.rejects(passwordAuth('heidi', 'Passw0rd!'), {
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await idp.send(new AdminEnableUserCommand({ UserPoolId: pool.poolId, Username: 'heidi' }));
    assert.ok((await passwordAuth('heidi', 'Passw0rd!')).AuthenticationResult);
  });

  it('checks the flow the client allows and the admin flow', async () => {
    const strict = await createPool(
      idp,
      {},
      { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    );
    await assert.rejects(passwordAuth('x', 'Passw0rd!', strict.clientId), {
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    await confirmed('ivan');
    const admin = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ivan', PASSWORD: 'Passw0rd!' },
      }),
    );
    assert.ok(admin.AuthenticationResult?.AccessToken);
  });

  it('requires the SECRET_HASH of a client with a secret', async () => {
    const secret = await createPool(
      idp,
      {},
      { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    );
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: secret.poolId, Username: 'judy', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: secret.poolId,
        Username: 'judy',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    await assert.rejects(passwordAuth('judy', 'Passw0rd!', secret.clientId), {
      name: 'NotAuthorizedException',
      message: `Client ${secret.clientId} is configured with secret but SECRET_HASH was not received`,
    });
    await assert.rejects(
      idp.send(
        new InitiateAuthCommand({
          ClientId: secret.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'judy', PASSWORD: 'Passw0rd!', SECRET_HASH: 'bad' },
        }),
      ),
      {
        name: 'NotAuthorizedException',
        message: `Unable to verify secret hash for client ${secret.clientId}`,
      },
    );
    const hash = secretHash(secret.clientSecret!, 'judy', secret.clientId);
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        ClientId: secret.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'judy', PASSWORD: 'Passw0rd!', SECRET_HASH: hash },
      }),
    );
    assert.ok(AuthenticationResult?.RefreshToken);
  });

  it('revokes a refresh token and the access tokens issued from it', async () => {
    await confirmed('kate');
    const { AuthenticationResult } = await passwordAuth('kate', 'Passw0rd!');
    await idp.send(
      new RevokeTokenCommand({ ClientId: pool.clientId, Token: AuthenticationResult!.RefreshToken }),
    );
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });

  it('expires access tokens after the client validity, on the cloud clock', async () => {
    const short = await createPool(
      idp,
      {},
      {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 5,
        TokenValidityUnits: { AccessToken: 'minutes' },
      },
    );
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: short.poolId, Username: 'leo', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: short.poolId,
        Username: 'leo',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await passwordAuth('leo', 'Passw0rd!', short.clientId);
    assert.equal(AuthenticationResult?.ExpiresIn, 300);
    const claims = decodeJwt(AuthenticationResult!.AccessToken!);
    assert.equal(claims.exp! - claims.iat!, 300);
    cloud.clock.advance(6 * 60_000);
    await assert.rejects(idp.send(new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken })), {
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    const refreshed = await idp.send(
      new InitiateAuthCommand({
        ClientId: short.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
      }),
    );
    await idp.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken }));
  });

  it('changes a password only with the previous one', async () => {
    await confirmed('mia');
    const { AuthenticationResult } = await passwordAuth('mia', 'Passw0rd!');
    await assert.rejects(
      idp.send(
        new ChangePasswordCommand({
          AccessToken: AuthenticationResult!.AccessToken,
          PreviousPassword: 'Wrong0pass!',
          ProposedPassword: 'Next0pass!',
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    );
    await idp.send(
      new ChangePasswordCommand({
        AccessToken: AuthenticationResult!.AccessToken,
        PreviousPassword: 'Passw0rd!',
        ProposedPassword: 'Next0pass!',
      }),
    );
    assert.ok((await passwordAuth('mia', 'Next0pass!')).AuthenticationResult);
  });

  it('signs users of an email-username pool in by email, with a UUID username', async () => {
    const byEmail = await createPool(idp, { UsernameAttributes: ['email'] });
    const answer = await idp.send(
      new SignUpCommand({ ClientId: byEmail.clientId, Username: 'nina@example.com', Password: 'Passw0rd!' }),
    );
    await assert.rejects(
      idp.send(
        new SignUpCommand({ ClientId: byEmail.clientId, Username: 'not-an-email', Password: 'Passw0rd!' }),
      ),
      {
        name: 'InvalidParameterException',
        message: 'Username should be an email.',
      },
    );
    const code = await lastCode(cloud, byEmail.poolId);
    await idp.send(
      new ConfirmSignUpCommand({
        ClientId: byEmail.clientId,
        Username: 'nina@example.com',
        ConfirmationCode: code,
      }),
    );
    const { AuthenticationResult } = await passwordAuth('nina@example.com', 'Passw0rd!', byEmail.clientId);
    const claims = decodeJwt(AuthenticationResult!.IdToken!);
    assert.equal(claims['cognito:username'], answer.UserSub);
    assert.equal(claims.email, 'nina@example.com');
  });

  it('filters ListUsers by attribute prefix and status', async () => {
    const listed = await idp.send(
      new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'email ^= "car"' }),
    );
    assert.deepEqual(
      listed.Users?.map((user) => user.Username),
      ['carol'],
    );
    const unconfirmed = await idp.send(
      new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'cognito:user_status = "UNCONFIRMED"' }),
    );
    assert.deepEqual(unconfirmed.Users?.map((user) => user.Username).sort(), ['carol', 'dave']);
    const paged = await idp.send(new ListUsersCommand({ UserPoolId: pool.poolId, Limit: 2 }));
    assert.equal(paged.Users?.length, 2);
    const next = await idp.send(
      new ListUsersCommand({ UserPoolId: pool.poolId, Limit: 2, PaginationToken: paged.PaginationToken }),
    );
    assert.notEqual(next.Users?.[0]?.Username, paged.Users?.[0]?.Username);
    await assert.rejects(
      idp.send(new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'shoe_size = "9"' })),
      {
        name: 'InvalidParameterException',
      },
    );
  });
});
