// RespondToAuthChallenge's answers: PASSWORD_VERIFIER (the SRP claim, found by its secret block),
// NEW_PASSWORD_REQUIRED (a user created by an administrator choosing a password, with any required
// attributes), and CUSTOM_CHALLENGE (VerifyAuthChallengeResponse judges the answer, DefineAuthChallenge
// decides what comes next), the MFA challenges (mfa-answers.ts) and device authentication
// (device-auth.ts). A Session answers once.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html

import { attributesOf } from '../cognito.js';
import { invalidParameter, invalidSession, notAuthorized } from '../errors.js';
import { checkPassword } from '../pools/pool.js';
import type { SessionRow, UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';
import { checkAttributes, withAttributes } from '../users/attributes.js';
import { deviceConfiguration, deviceNotFound, findDevice } from '../users/devices.js';
import { checkSecretHash } from './client-auth.js';
import { devicePasswordVerifier, deviceSrpAuth } from './device-auth.js';
import {
  type ChallengeResult,
  defineChallenge,
  nextCustomRound,
  type SessionState,
  withNewPassword,
} from './flows.js';
import { answerMfa, completeMfaSetup, selectMfaType } from './mfa-answers.js';
import { secondFactor } from './second-factor.js';
import {
  type AuthAnswer,
  afterPassword,
  failedPassword,
  type SignInContext,
  userAttributesRecord,
} from './sign-in.js';
import { claimHolds, SRP_TIMESTAMP, srpPoolName } from './srp.js';

export async function respondToChallenge(
  context: SignInContext,
  challengeName: string,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const { cognito, pool, client } = context;
  // SRP's state is found by its secret block; every other challenge by its Session.
  const key = challengeName === 'PASSWORD_VERIFIER' ? responses.PASSWORD_CLAIM_SECRET_BLOCK : session;
  if (!key)
    throw invalidParameter(
      challengeName === 'PASSWORD_VERIFIER'
        ? 'Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK'
        : 'Missing required parameter Session',
    );
  if (challengeName === 'PASSWORD_VERIFIER' && responses.DEVICE_KEY)
    checkDeviceKnown(context, key, responses);
  const row = cognito.takeSession(key);
  if (!row || row.client_id !== client.ClientId || row.pool_id !== pool.row.id) throw invalidSession();
  const state = JSON.parse(row.state) as SessionState;
  if (state.kind !== challengeName) throw invalidParameter(`Invalid challenge name ${challengeName}`);
  const user = cognito.sql.user.get(pool.row.id, row.username_key) as UserRow | undefined;
  if (!user) throw notAuthorized();
  checkSecretHash(client, responses.USERNAME ?? user.username, responses.SECRET_HASH);
  const deviceKey = responses.DEVICE_KEY || state.deviceKey;
  const withDevice = { ...context, answeredSession: key, ...(deviceKey ? { deviceKey } : {}) };
  switch (state.kind) {
    case 'PASSWORD_VERIFIER':
      return passwordVerifier(withDevice, user, state, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return newPasswordRequired(withDevice, user, responses);
    case 'CUSTOM_CHALLENGE':
      return customChallenge(context, user, row, state, responses);
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP':
      return answerMfa(withDevice, user, row, state, responses);
    case 'SELECT_MFA_TYPE':
      return selectMfaType(withDevice, user, state, responses);
    case 'MFA_SETUP':
      return completeMfaSetup(withDevice, user, state);
    case 'DEVICE_SRP_AUTH':
      return deviceSrpAuth(withDevice, user, state, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return devicePasswordVerifier(withDevice, user, state, responses);
  }
}

/** A DEVICE_KEY the pool does not know for this user is refused before the SRP state is used up, so the
 * client can answer again without it: amazon-cognito-identity-js retries on a ResourceNotFoundException
 * that names the device. */
function checkDeviceKnown(context: SignInContext, key: string, responses: Record<string, string>): void {
  if (!deviceConfiguration(context.pool)) return;
  const row = context.cognito.sql.session.get(key) as SessionRow | undefined;
  const user = row && (context.cognito.sql.user.get(row.pool_id, row.username_key) as UserRow | undefined);
  if (user && !findDevice(context.cognito, user, responses.DEVICE_KEY ?? '', false)) throw deviceNotFound();
}

async function passwordVerifier(
  context: SignInContext,
  user: UserRow,
  state: SessionState,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const timestamp = responses.TIMESTAMP ?? '';
  const signature = responses.PASSWORD_CLAIM_SIGNATURE ?? '';
  if (!SRP_TIMESTAMP.test(timestamp))
    throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  const holds =
    user.verifier !== null &&
    claimHolds({
      poolName: srpPoolName(user.pool_id),
      userId: user.username,
      verifier: user.verifier,
      A: state.A ?? '',
      B: state.B ?? '',
      b: state.b ?? '',
      secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '',
      timestamp,
      signature,
    });
  if (!holds) throw failedPassword(context, user);
  if (state.custom) {
    const rounds: ChallengeResult[] = [
      ...(state.rounds ?? []),
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
    ];
    if (user.enabled === 0) throw notAuthorized('User is disabled.');
    const define = await defineChallenge(context, user, rounds, 'DefineAuthChallenge_Authentication');
    return nextCustomRound(context, user, rounds, define);
  }
  return afterPassword(context, user);
}

async function newPasswordRequired(
  context: SignInContext,
  user: UserRow,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const password = responses.NEW_PASSWORD;
  if (!password) throw invalidParameter('Missing required parameter NEW_PASSWORD');
  const { cognito, pool } = context;
  checkPassword(pool.doc.Policies.PasswordPolicy, password);
  const changes = Object.entries(responses)
    .filter(([name]) => name.startsWith('userAttributes.'))
    .map(([name, Value]) => ({ Name: name.slice('userAttributes.'.length), Value }));
  checkAttributes(pool, changes, false);
  const attributes = withAttributes(attributesOf(user), changes);
  const missing = pool.doc.SchemaAttributes.filter(
    (attribute) => attribute.Required && !attributes.some((given) => given.Name === attribute.Name),
  );
  if (missing.length > 0) {
    throw invalidParameter(
      `Attributes did not conform to the schema: ${missing[0]!.Name}: The attribute is required`,
    );
  }
  const updated = cognito.saveUser({
    ...withNewPassword(user, password),
    attributes: JSON.stringify(attributes),
  });
  return secondFactor(context, updated, 'NewPasswordChallenge');
}

async function customChallenge(
  context: SignInContext,
  user: UserRow,
  row: SessionRow,
  state: SessionState,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const answer = responses.ANSWER;
  if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
  const verdict = await runTrigger(context.cognito, context.pool, 'VerifyAuthChallengeResponse', {
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    userName: user.username,
    clientId: row.client_id,
    request: {
      userAttributes: userAttributesRecord(user),
      privateChallengeParameters: state.privateParameters ?? {},
      challengeAnswer: answer,
      clientMetadata: context.clientMetadata ?? {},
      userNotFound: false,
    },
    response: { answerCorrect: null },
  });
  if (!verdict) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const rounds: ChallengeResult[] = [
    ...(state.rounds ?? []),
    {
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResult: verdict.answerCorrect === true,
      ...(state.metadata !== undefined ? { challengeMetadata: state.metadata } : {}),
    },
  ];
  const define = await defineChallenge(context, user, rounds, 'DefineAuthChallenge_Authentication');
  return nextCustomRound(context, user, rounds, define);
}
