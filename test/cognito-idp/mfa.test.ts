// MFA in a user pool through the SDK: the pool's configuration (SetUserPoolMfaConfig / GetUserPoolMfaConfig
// and its refusals), a software token set up with AssociateSoftwareToken / VerifySoftwareToken and checked
// with an independent authenticator (otpauth) on the cloud clock, the user's preferences, and the
// SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE and MFA_SETUP challenges of a sign-in.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, recordedMessages, type TestPool } from './helpers.js';

const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/cognito-sms', ExternalId: 'nimbus' };
const PASSWORD = 'Passw0rd!';

describe('Cognito user pool MFA', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
  });
  after(() => cloud.stop());

  /** The authenticator app's code for a secret at the cloud's time (plus an offset in ms). */
  const appCode = (secret: string, offsetMs = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
      timestamp: cloud.clock.now() + offsetMs,
    });

  async function user(pool: TestPool, username: string, attributes: { Name: string; Value: string }[] = []) {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: attributes,
      }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
  }

  const signIn = (pool: TestPool, username: string) =>
    idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD },
      }),
    );

  /** A signed-in user's verified software token; answers its secret. */
  async function setUpToken(pool: TestPool, username: string): Promise<string> {
    const { AuthenticationResult } = await signIn(pool, username);
    const AccessToken = AuthenticationResult!.AccessToken!;
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!) }));
    return SecretCode!;
  }

  async function totpPool(mode: 'ON' | 'OPTIONAL', sms = false): Promise<TestPool> {
    const pool = await createPool(idp, sms ? { SmsConfiguration: SMS } : {});
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.poolId,
        MfaConfiguration: mode,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        ...(sms ? { SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}' } } : {}),
      }),
    );
    return pool;
  }

  it('keeps the pool MFA configuration and answers it apart from DescribeUserPool', async () => {
    const pool = await createPool(idp, { SmsConfiguration: SMS });
    const set = await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' },
      }),
    );
    assert.equal(set.MfaConfiguration, 'OPTIONAL');
    const got = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.poolId }));
    assert.equal(got.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual(got.SoftwareTokenMfaConfiguration, { Enabled: true });
    assert.equal(got.SmsMfaConfiguration?.SmsAuthenticationMessage, 'Code {####}');
    assert.equal(got.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn, SMS.SnsCallerArn);
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.poolId }));
    assert.equal(UserPool?.MfaConfiguration, 'OPTIONAL');
    assert.equal((UserPool as Record<string, unknown>).SoftwareTokenMfaConfiguration, undefined);
  });

  it('refuses MFA configurations AWS refuses', async () => {
    const pool = await createPool(idp);
    const set = (input: Record<string, unknown>) =>
      idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.poolId, ...input }));
    await assert.rejects(set({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } }), {
      name: 'InvalidParameterException',
      message: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    });
    await assert.rejects(set({ MfaConfiguration: 'ON' }), { name: 'InvalidParameterException' });
    await assert.rejects(set({ MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: {} }), {
      name: 'InvalidParameterException',
    });
    await assert.rejects(
      set({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Message: 'Code {####}' } }),
      {
        name: 'InvalidParameterException',
      },
    );
    await assert.rejects(set({ MfaConfiguration: 'MAYBE' }), { name: 'InvalidParameterException' });
    await assert.rejects(idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_missing00' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a software token in a pool without TOTP MFA', async () => {
    const pool = await createPool(idp);
    await user(pool, 'no-totp');
    const { AuthenticationResult } = await signIn(pool, 'no-totp');
    await assert.rejects(
      idp.send(new AssociateSoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken! })),
      {
        name: 'SoftwareTokenMFANotFoundException',
        message: 'Software Token MFA has not been enabled by the userPool.',
      },
    );
  });

  it('verifies a software token with the authenticator code and signs in with SOFTWARE_TOKEN_MFA', async () => {
    const pool = await totpPool('OPTIONAL');
    await user(pool, 'tina');
    const { AuthenticationResult } = await signIn(pool, 'tina');
    const AccessToken = AuthenticationResult!.AccessToken!;
    await assert.rejects(idp.send(new AssociateSoftwareTokenCommand({})), {
      name: 'InvalidParameterException',
    });
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    assert.match(SecretCode!, /^[A-Z2-7]{52}$/);
    await assert.rejects(
      idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } })),
      { name: 'InvalidParameterException', message: 'User has not verified software token mfa' },
    );
    const wrong = appCode(SecretCode!, 5 * 60_000);
    await assert.rejects(idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })), {
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    const verified = await idp.send(
      new VerifySoftwareTokenCommand({
        AccessToken,
        UserCode: appCode(SecretCode!),
        FriendlyDeviceName: 'phone',
      }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    await idp.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const me = await idp.send(new GetUserCommand({ AccessToken }));
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(me.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');

    const challenge = await signIn(pool, 'tina');
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.equal(challenge.AuthenticationResult, undefined);
    const answer = (code: string) =>
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'tina', SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    // A code two steps old is outside the window of one step either side.
    await assert.rejects(answer(appCode(SecretCode!, -60_000)), {
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    // The step before still counts (clock drift), and the session stays open after a wrong code.
    const done = await answer(appCode(SecretCode!, -30_000));
    assert.ok(done.AuthenticationResult?.AccessToken);
    await assert.rejects(answer(appCode(SecretCode!)), { name: 'NotAuthorizedException' });
  });

  it('follows the cloud clock: a code is refused once the clock moves past its window', async () => {
    const pool = await totpPool('OPTIONAL');
    await user(pool, 'clocked');
    const secret = await setUpToken(pool, 'clocked');
    const challenge = await signIn(pool, 'clocked');
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const code = appCode(secret);
    cloud.clock.advance(90_000);
    await assert.rejects(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'clocked', SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      ),
      { name: 'CodeMismatchException' },
    );
    // The session ends after the client's three minutes.
    cloud.clock.advance(3 * 60_000);
    await assert.rejects(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'clocked', SOFTWARE_TOKEN_MFA_CODE: appCode(secret) },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' },
    );
  });

  it('asks a user of a pool that requires MFA to set up a token (MFA_SETUP) with the session', async () => {
    const pool = await totpPool('ON');
    await user(pool, 'newbie');
    const challenge = await signIn(pool, 'newbie');
    assert.equal(challenge.ChallengeName, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(challenge.ChallengeParameters!.MFAS_CAN_SETUP!), ['SOFTWARE_TOKEN_MFA']);
    const associated = await idp.send(new AssociateSoftwareTokenCommand({ Session: challenge.Session }));
    assert.ok(associated.Session && associated.Session !== challenge.Session);
    const verified = await idp.send(
      new VerifySoftwareTokenCommand({
        Session: associated.Session,
        UserCode: appCode(associated.SecretCode!),
      }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: 'newbie' },
      }),
    );
    const me = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken! }));
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal((await signIn(pool, 'newbie')).ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  it('sends an SMS code to the recorded messages and takes it through the admin calls (SMS_MFA)', async () => {
    const pool = await totpPool('OPTIONAL', true);
    await user(pool, 'sam', [{ Name: 'phone_number', Value: '+15555550123' }]);
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: pool.poolId,
        Username: 'sam',
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const got = await idp.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'sam' }));
    assert.deepEqual(got.UserMFASettingList, ['SMS_MFA']);
    assert.equal(got.PreferredMfaSetting, 'SMS_MFA');
    const challenge = await idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'sam', PASSWORD },
      }),
    );
    assert.equal(challenge.ChallengeName, 'SMS_MFA');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, '+*******0123');
    const message = (await recordedMessages(cloud, pool.poolId, 'sam')).at(-1)!;
    assert.equal(message.kind, 'Authentication');
    assert.equal(message.message, `Your code is ${message.code}`);
    const respond = (code: string) =>
      idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: pool.poolId,
          ClientId: pool.clientId,
          ChallengeName: 'SMS_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE: code },
        }),
      );
    await assert.rejects(respond(message.code === '000000' ? '111111' : '000000'), {
      name: 'CodeMismatchException',
    });
    const done = await respond(message.code!);
    assert.ok(done.AuthenticationResult?.IdToken);
  });

  it('offers SELECT_MFA_TYPE when several factors are on and none is preferred', async () => {
    const pool = await totpPool('OPTIONAL', true);
    await user(pool, 'sel', [{ Name: 'phone_number', Value: '+15555550199' }]);
    const secret = await setUpToken(pool, 'sel');
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: pool.poolId,
        Username: 'sel',
        SMSMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    );
    const challenge = await signIn(pool, 'sel');
    assert.equal(challenge.ChallengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(challenge.ChallengeParameters!.MFAS_CAN_CHOOSE!), [
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
    const chosen = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'SELECT_MFA_TYPE',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'sel', ANSWER: 'SOFTWARE_TOKEN_MFA' },
      }),
    );
    assert.equal(chosen.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: chosen.Session,
        ChallengeResponses: { USERNAME: 'sel', SOFTWARE_TOKEN_MFA_CODE: appCode(secret) },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('sends an EMAIL_OTP code in a pool that sends email through SES', async () => {
    const pool = await createPool(idp, {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com',
        From: 'no-reply@example.com',
      },
    });
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.poolId,
        MfaConfiguration: 'OPTIONAL',
        EmailMfaConfiguration: { Message: 'Sign-in code {####}', Subject: 'Your code' },
      }),
    );
    await user(pool, 'emma', [{ Name: 'email', Value: 'emma@example.com' }]);
    await idp.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: pool.poolId,
        Username: 'emma',
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const challenge = await signIn(pool, 'emma');
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'e***@e***');
    const message = (await recordedMessages(cloud, pool.poolId, 'emma')).at(-1)!;
    assert.equal(message.subject, 'Your code');
    assert.equal(message.message, `Sign-in code ${message.code}`);
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'emma', EMAIL_OTP_CODE: message.code! },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('refuses a factor the user cannot receive', async () => {
    const pool = await totpPool('OPTIONAL', true);
    await user(pool, 'nophone');
    await assert.rejects(
      idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: pool.poolId,
          Username: 'nophone',
          SMSMfaSettings: { Enabled: true },
        }),
      ),
      {
        name: 'InvalidParameterException',
        message: 'User does not have delivery config set to turn on SMS_MFA',
      },
    );
  });
});
