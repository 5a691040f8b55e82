// What follows a held password: the MFA challenge the pool and the user call for (SOFTWARE_TOKEN_MFA,
// SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE when several are on and none is preferred, MFA_SETUP when the pool
// requires MFA of a user with no factor), then the device step: DEVICE_SRP_AUTH for a device the user
// confirmed, or tokens with NewDeviceMetadata in a pool that remembers devices. A remembered device skips
// MFA when the pool's ChallengeRequiredOnNewDevice is true ("a remembered device can sign in with device
// authentication instead of SMS and TOTP factors", API_DeviceConfigurationType).
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html

import { attributeOf } from '../cognito.js';
import type { UserRow } from '../store.js';
import { deviceConfiguration, findDevice, issueDevice } from '../users/devices.js';
import { deliveryFor, sendCode } from '../users/messages.js';
import { type MfaFactor, poolMfa, setupFactors, usableFactors, userMfa } from '../users/mfa-settings.js';
import type { SessionState } from './flows.js';
import { type AuthAnswer, openSession, type SignInContext, type SignInSource, signedIn } from './sign-in.js';

/** SMS and email MFA codes are good for three minutes, as long as the challenge's session. */
export const MFA_CODE_MS = 3 * 60_000;

export async function secondFactor(
  context: SignInContext,
  user: UserRow,
  source: SignInSource,
): Promise<AuthAnswer> {
  const { pool } = context;
  const mode = pool.doc.MfaConfiguration;
  if (mode !== 'ON' && mode !== 'OPTIONAL') return deviceStep(context, user, source);
  if (rememberedDeviceSkipsMfa(context, user)) return deviceStep(context, user, source);
  const factors = usableFactors(pool, user);
  if (factors.length === 0) {
    if (mode === 'OPTIONAL') return deviceStep(context, user, source);
    // MFA required of a user with no factor: a text to the phone the user has, as AWS sends when the pool
    // sends SMS MFA, else the setup challenge.
    if (poolMfa(pool.doc).sms && attributeOf(user, 'phone_number') !== undefined) {
      return mfaChallenge(context, user, source, 'SMS_MFA');
    }
    return mfaSetup(context, user, source);
  }
  const preferred = userMfa(user).preferred;
  if (preferred && factors.includes(preferred)) return mfaChallenge(context, user, source, preferred);
  if (factors.length === 1) return mfaChallenge(context, user, source, factors[0]!);
  const session = openSession(context, user, {
    kind: 'SELECT_MFA_TYPE',
    source,
    choices: factors,
    ...device(context),
  });
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    Session: session,
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(factors), USER_ID_FOR_SRP: user.username },
  };
}

/** The challenge for one factor; SMS and email send a fresh code (recorded, never sent). */
export async function mfaChallenge(
  context: SignInContext,
  user: UserRow,
  source: SignInSource,
  factor: MfaFactor,
): Promise<AuthAnswer> {
  const { cognito, pool } = context;
  const parameters: Record<string, string> = { USER_ID_FOR_SRP: user.username };
  if (factor !== 'SOFTWARE_TOKEN_MFA') {
    const delivery = deliveryFor(pool, user, factor === 'SMS_MFA' ? 'phone_number' : 'email');
    if (delivery) {
      const code = cognito.issueCode(user, 'mfa', MFA_CODE_MS);
      await sendCode(cognito, pool, user, delivery, 'Authentication', code, {
        clientId: context.client.ClientId,
        clientMetadata: context.clientMetadata,
      });
      parameters.CODE_DELIVERY_DELIVERY_MEDIUM = delivery.DeliveryMedium;
      parameters.CODE_DELIVERY_DESTINATION = delivery.Destination;
    }
  }
  const session = openSession(context, user, { kind: factor, source, ...device(context) });
  return { ChallengeName: factor, Session: session, ChallengeParameters: parameters };
}

async function mfaSetup(context: SignInContext, user: UserRow, source: SignInSource): Promise<AuthAnswer> {
  const session = openSession(context, user, { kind: 'MFA_SETUP', source, ...device(context) });
  return {
    ChallengeName: 'MFA_SETUP',
    Session: session,
    ChallengeParameters: {
      MFAS_CAN_SETUP: JSON.stringify(setupFactors(context.pool)),
      USER_ID_FOR_SRP: user.username,
    },
  };
}

/** After MFA (or none): device authentication for a confirmed device, else the tokens. */
export async function deviceStep(
  context: SignInContext,
  user: UserRow,
  source: SignInSource,
): Promise<AuthAnswer> {
  const { cognito, pool } = context;
  const tracking = deviceConfiguration(pool) !== undefined;
  const known = tracking && context.deviceKey ? findDevice(cognito, user, context.deviceKey) : undefined;
  if (known) {
    const state: SessionState = { kind: 'DEVICE_SRP_AUTH', source, deviceKey: known.device_key };
    // Under the id of the challenge just answered: amazon-cognito-identity-js answers DEVICE_SRP_AUTH after
    // an MFA code with the MFA challenge's Session, not the one this answer carries.
    return {
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: openSession(context, user, state, context.answeredSession),
      ChallengeParameters: { USERNAME: user.username, DEVICE_KEY: known.device_key },
    };
  }
  const result = await signedIn(context, user, source, tracking);
  return {
    ChallengeParameters: {},
    AuthenticationResult: tracking ? { ...result, NewDeviceMetadata: issueDevice(cognito, user) } : result,
  };
}

function rememberedDeviceSkipsMfa(context: SignInContext, user: UserRow): boolean {
  const config = deviceConfiguration(context.pool);
  if (!config?.ChallengeRequiredOnNewDevice || !context.deviceKey) return false;
  return findDevice(context.cognito, user, context.deviceKey)?.remembered === 1;
}

function device(context: SignInContext): { deviceKey?: string } {
  return context.deviceKey ? { deviceKey: context.deviceKey } : {};
}
