// Remembered devices and TOTP sign-in as amazon-cognito-identity-js drives them: a sign-in with a software
// token, the NewDeviceMetadata the library confirms on its own (ConfirmDevice with the device's SRP
// verifier), the next sign-in from that device skipping MFA through DEVICE_SRP_AUTH and
// DEVICE_PASSWORD_VERIFIER, and the device calls (GetDevice, ListDevices, UpdateDeviceStatus, ForgetDevice
// and their Admin forms) through the SDK.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  SetUserPoolMfaConfigCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, type TestPool } from './helpers.js';

const PASSWORD = 'Passw0rd!';

interface SignInOutcome {
  user: CognitoUser;
  session: CognitoUserSession;
  /** Whether the library was asked for a TOTP on the way. */
  askedForTotp: boolean;
  /** ConfirmDevice's UserConfirmationNecessary, as the library passes it to onSuccess. */
  confirmationNecessary?: boolean;
}

describe('remembered devices and TOTP with amazon-cognito-identity-js', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  let pool: TestPool;
  let userPool: CognitoUserPool;
  let secret: string;

  const appCode = () =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
      timestamp: cloud.clock.now(),
    });

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    pool = await createPool(idp, {
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    });
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    userPool = new CognitoUserPool({
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
      endpoint: cloud.endpoint,
    });
    for (const name of ['dora', 'other']) {
      await idp.send(
        new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: name, MessageAction: 'SUPPRESS' }),
      );
      await idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool.poolId,
          Username: name,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
    }
  });
  after(() => cloud.stop());

  /** SRP sign-in, answering TOTP and MFA setup as an app would. */
  const signIn = (username: string) =>
    new Promise<SignInOutcome>((resolve, reject) => {
      const user = new CognitoUser({ Username: username, Pool: userPool });
      let askedForTotp = false;
      const callbacks = {
        onSuccess: (session: CognitoUserSession, confirmationNecessary?: boolean) =>
          resolve({ user, session, askedForTotp, confirmationNecessary }),
        onFailure: reject,
        totpRequired: () => {
          askedForTotp = true;
          user.sendMFACode(appCode(), callbacks, 'SOFTWARE_TOKEN_MFA');
        },
        mfaSetup: () =>
          user.associateSoftwareToken({
            associateSecretCode: (code: string) => {
              secret = code;
              user.verifySoftwareToken(appCode(), 'phone', callbacks);
            },
            onFailure: reject,
          }),
      };
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), callbacks);
    });

  const accessToken = (outcome: SignInOutcome) => outcome.session.getAccessToken().getJwtToken();

  it('sets up TOTP at MFA_SETUP, then signs in with SOFTWARE_TOKEN_MFA and confirms the new device', async () => {
    const setup = await signIn('dora');
    assert.ok(setup.session.isValid());
    assert.equal(setup.askedForTotp, false);
    // The library completes MFA_SETUP without confirming the device the answer names.
    const none = await idp.send(new ListDevicesCommand({ AccessToken: accessToken(setup) }));
    assert.deepEqual(none.Devices, []);
    cloud.clock.advance(30_000);
    const first = await signIn('dora');
    assert.equal(first.askedForTotp, true);
    assert.equal(first.confirmationNecessary, undefined);
    const { Devices } = await idp.send(new ListDevicesCommand({ AccessToken: accessToken(first) }));
    assert.equal(Devices?.length, 1);
    const attributes = Object.fromEntries(Devices![0]!.DeviceAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attributes['dev:device_remembered_status'], 'remembered');
    assert.equal(attributes.device_status, 'valid');
    assert.match(Devices![0]!.DeviceKey!, /^us-east-1_[0-9a-f-]{36}$/);
    assert.ok(Devices![0]!.DeviceCreateDate instanceof Date);
  });

  it('skips MFA on the remembered device through DEVICE_SRP_AUTH', async () => {
    const second = await signIn('dora');
    assert.ok(second.session.isValid());
    assert.equal(second.askedForTotp, false);
    const { Devices } = await idp.send(new ListDevicesCommand({ AccessToken: accessToken(second) }));
    assert.equal(Devices?.length, 1, 'no second device for a known one');
  });

  it('asks for the TOTP again once the device is not remembered, then proves the device', async () => {
    const signedIn = await signIn('dora');
    const AccessToken = accessToken(signedIn);
    const { Devices } = await idp.send(new ListDevicesCommand({ AccessToken }));
    const DeviceKey = Devices![0]!.DeviceKey!;
    await idp.send(
      new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'not_remembered' }),
    );
    const { Device } = await idp.send(new GetDeviceCommand({ AccessToken, DeviceKey }));
    const status = Device!.DeviceAttributes!.find((a) => a.Name === 'dev:device_remembered_status');
    assert.equal(status?.Value, 'not_remembered');
    cloud.clock.advance(30_000);
    const again = await signIn('dora');
    assert.equal(again.askedForTotp, true);
    assert.ok(again.session.isValid());
    await idp.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: pool.poolId,
        Username: 'dora',
        DeviceKey,
        DeviceRememberedStatus: 'remembered',
      }),
    );
    const admin = await idp.send(
      new AdminGetDeviceCommand({ UserPoolId: pool.poolId, Username: 'dora', DeviceKey }),
    );
    assert.equal(
      admin.Device?.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value !== undefined,
      true,
    );
    assert.equal((await signIn('dora')).askedForTotp, false);
  });

  it('forgets a device: the library drops its stale key and signs in with MFA, getting a new device', async () => {
    const signedIn = await signIn('dora');
    const AccessToken = accessToken(signedIn);
    const { Devices } = await idp.send(new ListDevicesCommand({ AccessToken }));
    const DeviceKey = Devices![0]!.DeviceKey!;
    // The library's forgetDevice calls ForgetDevice and drops the key it kept.
    await new Promise<void>((resolve, reject) =>
      signedIn.user.forgetDevice({ onSuccess: () => resolve(), onFailure: reject }),
    );
    await assert.rejects(idp.send(new GetDeviceCommand({ AccessToken, DeviceKey })), {
      name: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    cloud.clock.advance(30_000);
    const again = await signIn('dora');
    assert.equal(again.askedForTotp, true);
    const listed = await idp.send(new AdminListDevicesCommand({ UserPoolId: pool.poolId, Username: 'dora' }));
    assert.equal(listed.Devices?.length, 1);
    assert.notEqual(listed.Devices![0]!.DeviceKey, DeviceKey);
    await assert.rejects(idp.send(new ForgetDeviceCommand({ AccessToken, DeviceKey })), {
      name: 'ResourceNotFoundException',
    });
  });

  it("refuses another user's device and a device key never handed out", async () => {
    const other = await idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'other', PASSWORD },
      }),
    );
    assert.equal(other.ChallengeName, 'MFA_SETUP');
    const dora = await signIn('dora');
    const { Devices } = await idp.send(new ListDevicesCommand({ AccessToken: accessToken(dora) }));
    assert.ok(Devices && Devices.length > 0);
    await assert.rejects(
      idp.send(
        new AdminGetDeviceCommand({
          UserPoolId: pool.poolId,
          Username: 'other',
          DeviceKey: Devices[0]!.DeviceKey!,
        }),
      ),
      { name: 'ResourceNotFoundException' },
    );
    await assert.rejects(
      idp.send(
        new ConfirmDeviceCommand({
          AccessToken: accessToken(dora),
          DeviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000',
          DeviceSecretVerifierConfig: { PasswordVerifier: 'AA==', Salt: 'AA==' },
        }),
      ),
      { name: 'ResourceNotFoundException', message: 'Device does not exist.' },
    );
    await assert.rejects(
      idp.send(
        new ConfirmDeviceCommand({
          AccessToken: accessToken(dora),
          DeviceKey: Devices[0]!.DeviceKey!,
          DeviceSecretVerifierConfig: { PasswordVerifier: 'AA==', Salt: 'AA==' },
        }),
      ),
      { name: 'DeviceKeyExistsException' },
    );
    await idp.send(
      new AdminForgetDeviceCommand({
        UserPoolId: pool.poolId,
        Username: 'dora',
        DeviceKey: Devices[0]!.DeviceKey!,
      }),
    );
    const after = await idp.send(new AdminListDevicesCommand({ UserPoolId: pool.poolId, Username: 'dora' }));
    assert.deepEqual(after.Devices, []);
  });

  it('answers InvalidUserPoolConfigurationException in a pool that does not remember devices', async () => {
    const plain = await createPool(idp);
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: plain.poolId, Username: 'u', MessageAction: 'SUPPRESS' }),
    );
    await assert.rejects(idp.send(new AdminListDevicesCommand({ UserPoolId: plain.poolId, Username: 'u' })), {
      name: 'InvalidUserPoolConfigurationException',
    });
  });
});
