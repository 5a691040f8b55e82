// SignUp, ConfirmSignUp and ResendConfirmationCode: self-service registration through an app client, with
// the PreSignUp trigger (which may auto-confirm and auto-verify), the verification code recorded instead
// of sent, and PostConfirmation once confirmed.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { checkSecretHash, requireAppClient } from '../auth/client-auth.js';
import { userAttributesRecord } from '../auth/sign-in.js';
import { type Attribute, attributesOf, type CognitoIdp, type Pool } from '../cognito.js';
import { codeMismatch, expiredCode, invalidParameter, notAuthorized } from '../errors.js';
import { checkPassword } from '../pools/pool.js';
import type { UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';
import { checkAttributes, withAttributes } from '../users/attributes.js';
import { deliveryFor, sendCode } from '../users/messages.js';
import { newUserRow } from '../users/users.js';
import { operation } from './operation.js';

/** "The confirmation code sent in a SignUp request expires after 24 hours." */
export const SIGN_UP_CODE_MS = 24 * 3600_000;

export const signUp = operation({
  input: model.SignUpRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    if (pool.doc.AdminCreateUserConfig.AllowAdminCreateUserOnly) {
      throw notAuthorized('SignUp is not permitted for this user pool');
    }
    checkSecretHash(client, input.Username, input.SecretHash);
    const attributes = (input.UserAttributes ?? []) as Attribute[];
    checkUsernameForm(pool, input.Username);
    checkAttributes(pool, attributes, false);
    if (input.Password === undefined) throw invalidParameter('Missing required parameter PASSWORD');
    checkPassword(pool.doc.Policies.PasswordPolicy, input.Password);
    if (existingUser(cognito, pool, input.Username)) {
      throw new ServiceError(
        'UsernameExistsException',
        pool.doc.UsernameAttributes?.length
          ? 'An account with the given email already exists.'
          : 'User already exists',
      );
    }
    let user = newUserRow(cognito, pool, {
      username: input.Username,
      attributes,
      status: 'UNCONFIRMED',
      password: input.Password,
    });
    checkAttributes(pool, attributesOf(user), true);
    const decided = await runTrigger(cognito, pool, 'PreSignUp', {
      triggerSource: 'PreSignUp_SignUp',
      userName: user.username,
      clientId: client.ClientId,
      request: {
        userAttributes: userAttributesRecord(user),
        validationData: record(input.ValidationData),
        clientMetadata: input.ClientMetadata ?? {},
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const verified: Attribute[] = [];
    if (decided?.autoVerifyEmail === true) verified.push({ Name: 'email_verified', Value: 'true' });
    if (decided?.autoVerifyPhone === true) verified.push({ Name: 'phone_number_verified', Value: 'true' });
    user = { ...user, attributes: JSON.stringify(withAttributes(attributesOf(user), verified)) };
    if (decided?.autoConfirmUser === true) user = { ...user, status: 'CONFIRMED' };
    cognito.insertUser(user);
    if (user.status === 'CONFIRMED') {
      await postConfirmation(cognito, pool, user, client.ClientId, input.ClientMetadata);
      return { UserConfirmed: true, UserSub: user.sub };
    }
    const delivery = deliveryFor(pool, user);
    if (!delivery) return { UserConfirmed: false, UserSub: user.sub };
    const code = cognito.issueCode(user, 'signup', SIGN_UP_CODE_MS);
    await sendCode(cognito, pool, user, delivery, 'SignUp', code, {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
    return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: delivery };
  },
});

export const confirmSignUp = operation({
  input: model.ConfirmSignUpRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = cognito.findUserBySignInName(pool, input.Username);
    if (!user) throw comboNotFound();
    if (user.status === 'CONFIRMED')
      throw notAuthorized('User cannot be confirmed. Current status is CONFIRMED');
    const outcome = cognito.useCode(user, 'signup', input.ConfirmationCode);
    if (outcome === 'expired') throw expiredCode();
    if (outcome !== 'ok') throw codeMismatch();
    const confirmed = confirm(cognito, pool, user);
    await postConfirmation(cognito, pool, confirmed, client.ClientId, input.ClientMetadata);
    return {};
  },
});

export const resendConfirmationCode = operation({
  input: model.ResendConfirmationCodeRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = cognito.findUserBySignInName(pool, input.Username);
    if (!user) throw comboNotFound();
    if (user.status === 'CONFIRMED') throw invalidParameter('User is already confirmed.');
    const delivery = deliveryFor(pool, user);
    if (!delivery) {
      throw invalidParameter('Auto verification not turned on.');
    }
    const code = cognito.issueCode(user, 'signup', SIGN_UP_CODE_MS);
    await sendCode(cognito, pool, user, delivery, 'ResendCode', code, {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetails: delivery };
  },
});

/** The user confirmed, and the attribute its code went to verified. */
export function confirm(cognito: CognitoIdp, pool: Pool, user: UserRow): UserRow {
  const delivery = deliveryFor(pool, user);
  const verified = delivery ? [{ Name: `${delivery.AttributeName}_verified`, Value: 'true' }] : [];
  return cognito.saveUser({
    ...user,
    status: 'CONFIRMED',
    attributes: JSON.stringify(withAttributes(attributesOf(user), verified)),
  });
}

export async function postConfirmation(
  cognito: CognitoIdp,
  pool: Pool,
  user: UserRow,
  clientId: string | undefined,
  clientMetadata: Record<string, string> | undefined,
  triggerSource = 'PostConfirmation_ConfirmSignUp',
): Promise<void> {
  await runTrigger(cognito, pool, 'PostConfirmation', {
    triggerSource,
    userName: user.username,
    clientId,
    request: { userAttributes: userAttributesRecord(user), clientMetadata: clientMetadata ?? {} },
  });
}

/** ConfirmSignUp and ResendConfirmationCode name no user by this name: AWS's own wording. */
function comboNotFound(): ServiceError {
  return new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
}

/** In a pool whose usernames are emails or phone numbers, the username must be one. */
function checkUsernameForm(pool: Pool, username: string): void {
  const kinds = pool.doc.UsernameAttributes ?? [];
  if (kinds.length === 0) return;
  const email = kinds.includes('email') && username.includes('@');
  const phone = kinds.includes('phone_number') && /^\+[0-9]+$/.test(username);
  if (email || phone) return;
  throw invalidParameter(
    kinds.length === 2
      ? 'Username should be either an email or a phone number.'
      : kinds[0] === 'email'
        ? 'Username should be an email.'
        : 'Username should be a phone number.',
  );
}

function existingUser(cognito: CognitoIdp, pool: Pool, username: string): UserRow | undefined {
  if (pool.doc.UsernameAttributes?.length) {
    return username.includes('@')
      ? cognito.usersWithEmail(pool.row.id, username)[0]
      : cognito.usersWithPhone(pool.row.id, username)[0];
  }
  return cognito.findUser(pool, username);
}

function record(attributes: readonly { Name: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((attributes ?? []).map(({ Name, Value }) => [Name, Value ?? '']));
}
