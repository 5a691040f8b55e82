// Device authentication, the second SRP exchange of a sign-in from a confirmed device: DEVICE_SRP_AUTH
// (the client's SRP_A for its device key) and DEVICE_PASSWORD_VERIFIER (the claim signed with the
// device's secret). The numbers are those of USER_SRP_AUTH (srp.ts) with the device group key in place of
// the pool name and the device key in place of the user, as amazon-cognito-identity-js and Amplify compute.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html

import { randomBytes } from 'node:crypto';
import { invalidParameter, notAuthorized } from '../errors.js';
import type { UserRow } from '../store.js';
import { deviceNotFound, findDevice, saveDevice } from '../users/devices.js';
import type { SessionState } from './flows.js';
import { type AuthAnswer, openSession, type SignInContext, signedIn } from './sign-in.js';
import { claimHolds, SRP_TIMESTAMP, serverEphemeral, validClientPublic } from './srp.js';

export function deviceSrpAuth(
  context: SignInContext,
  user: UserRow,
  state: SessionState,
  responses: Record<string, string>,
): AuthAnswer {
  const A = responses.SRP_A;
  if (!A) throw invalidParameter('Missing required parameter SRP_A');
  if (!validClientPublic(A)) throw invalidParameter('Invalid SRP_A value');
  const deviceKey = responses.DEVICE_KEY ?? state.deviceKey ?? '';
  const device = findDevice(context.cognito, user, deviceKey);
  if (!device?.verifier || !device.salt || deviceKey !== state.deviceKey) throw deviceNotFound();
  const { b, B } = serverEphemeral(device.verifier);
  const secretBlock = randomBytes(96).toString('base64');
  const next: SessionState = {
    kind: 'DEVICE_PASSWORD_VERIFIER',
    source: state.source,
    deviceKey,
    A,
    B,
    b,
    secretBlock,
  };
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: openSession(context, user, next),
    ChallengeParameters: {
      SALT: device.salt,
      SRP_B: B,
      SECRET_BLOCK: secretBlock,
      USERNAME: user.username,
      DEVICE_KEY: deviceKey,
    },
  };
}

export async function devicePasswordVerifier(
  context: SignInContext,
  user: UserRow,
  state: SessionState,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const timestamp = responses.TIMESTAMP ?? '';
  if (!SRP_TIMESTAMP.test(timestamp))
    throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  const device = findDevice(context.cognito, user, state.deviceKey ?? '');
  if (!device?.verifier) throw deviceNotFound();
  const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '';
  const holds =
    secretBlock === state.secretBlock &&
    claimHolds({
      poolName: device.group_key,
      userId: device.device_key,
      verifier: device.verifier,
      A: state.A ?? '',
      B: state.B ?? '',
      b: state.b ?? '',
      secretBlock,
      timestamp,
      signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
    });
  if (!holds) throw notAuthorized();
  const now = context.cognito.clock.now();
  saveDevice(context.cognito, { ...device, authenticated_at: now });
  const result = await signedIn(context, user, state.source ?? 'Authentication');
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
