// The administrator's user calls: AdminCreateUser (a temporary password, the invitation recorded unless
// suppressed), AdminGetUser, AdminDeleteUser, AdminConfirmSignUp, AdminDisableUser, AdminEnableUser,
// AdminSetUserPassword, AdminResetUserPassword and ListUsers.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html

import { randomBytes } from 'node:crypto';
import { epochSeconds } from '../../../core/clock.js';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { userAttributesRecord } from '../auth/sign-in.js';
import { type Attribute, attributesOf, type CognitoIdp, type Pool } from '../cognito.js';
import { invalidParameter, notAuthorized } from '../errors.js';
import { checkPassword, temporaryPassword } from '../pools/pool.js';
import type { UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';
import { checkAttributes } from '../users/attributes.js';
import { parseUserFilter } from '../users/filter.js';
import { type CodeDeliveryDetails, deliveryFor, recoveryDelivery, sendCode } from '../users/messages.js';
import { newUserRow, requireUser, userType, withPassword } from '../users/users.js';
import { afterToken, operation, pageToken, poolOf } from './operation.js';
import { postConfirmation } from './sign-up.js';

export const FORGOT_CODE_MS = 3600_000;

export const adminCreateUser = operation({
  input: model.AdminCreateUserRequest,
  run: async (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const attributes = (input.UserAttributes ?? []) as Attribute[];
    if (input.MessageAction === 'RESEND') {
      const user = requireUser(cognito, pool, input.Username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD')
        throw new ServiceError(
          'UnsupportedUserStateException',
          `Resend not possible. ${user.username} status is not FORCE_CHANGE_PASSWORD.`,
        );
      const password =
        input.TemporaryPassword ?? temporaryPassword(() => randomBytes(6).toString('base64url'));
      const renewed = cognito.saveUser(withPassword(user, password));
      await invite(cognito, pool, renewed, password, input.DesiredDeliveryMediums, input.ClientMetadata);
      return { User: userType(renewed) };
    }
    checkAttributes(pool, attributes, false);
    if (
      cognito.findUser(pool, input.Username) ||
      (pool.doc.UsernameAttributes?.length && cognito.findUserBySignInName(pool, input.Username))
    ) {
      throw new ServiceError('UsernameExistsException', 'User account already exists');
    }
    if (input.TemporaryPassword !== undefined)
      checkPassword(pool.doc.Policies.PasswordPolicy, input.TemporaryPassword);
    const password = input.TemporaryPassword ?? temporaryPassword(() => randomBytes(6).toString('base64url'));
    const user = newUserRow(cognito, pool, {
      username: input.Username,
      attributes,
      status: 'FORCE_CHANGE_PASSWORD',
      password,
    });
    await runTrigger(cognito, pool, 'PreSignUp', {
      triggerSource: 'PreSignUp_AdminCreateUser',
      userName: user.username,
      request: {
        userAttributes: userAttributesRecord(user),
        validationData: {},
        clientMetadata: input.ClientMetadata ?? {},
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    cognito.insertUser(user);
    if (input.MessageAction !== 'SUPPRESS') {
      await invite(cognito, pool, user, password, input.DesiredDeliveryMediums, input.ClientMetadata);
    }
    return { User: userType(user) };
  },
});

/** The invitation: to the requested mediums (SMS by default, as AWS's DesiredDeliveryMediums), falling back
 * to the email the user has. */
async function invite(
  cognito: CognitoIdp,
  pool: Pool,
  user: UserRow,
  password: string,
  mediums: readonly string[] | undefined,
  clientMetadata?: Record<string, string>,
) {
  const wanted = mediums && mediums.length > 0 ? mediums : ['SMS'];
  const order = [...wanted.map((medium) => (medium === 'EMAIL' ? 'email' : 'phone_number')), 'email'];
  let delivery: CodeDeliveryDetails | undefined;
  for (const attribute of order) {
    delivery = deliveryFor(pool, user, attribute);
    if (delivery) break;
  }
  if (delivery)
    await sendCode(cognito, pool, user, delivery, 'AdminCreateUser', password, {
      temporaryPassword: password,
      clientMetadata,
    });
}

export const adminGetUser = operation({
  input: model.AdminGetUserRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    const mfa = JSON.parse(user.mfa) as { preferred?: string; enabled?: string[] };
    return {
      Username: user.username,
      UserAttributes: attributesOf(user),
      UserCreateDate: epochSeconds(user.created_at),
      UserLastModifiedDate: epochSeconds(user.modified_at),
      Enabled: user.enabled === 1,
      UserStatus: user.status,
      ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
      ...(mfa.enabled?.length ? { UserMFASettingList: mfa.enabled } : {}),
    };
  },
});

export const adminDeleteUser = operation({
  input: model.AdminDeleteUserRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    cognito.deleteUser(requireUser(cognito, pool, input.Username));
    return {};
  },
});

export const adminConfirmSignUp = operation({
  input: model.AdminConfirmSignUpRequest,
  run: async (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    const confirmed = cognito.saveUser({ ...user, status: 'CONFIRMED' });
    await postConfirmation(cognito, pool, confirmed, undefined, input.ClientMetadata);
    return {};
  },
});

export const adminDisableUser = operation({
  input: model.AdminDisableUserRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    cognito.saveUser({ ...user, enabled: 0 });
    // A disabled user's tokens stop working at once.
    cognito.signOutEverywhere(user);
    return {};
  },
});

export const adminEnableUser = operation({
  input: model.AdminEnableUserRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    cognito.saveUser({ ...requireUser(cognito, pool, input.Username), enabled: 1 });
    return {};
  },
});

export const adminSetUserPassword = operation({
  input: model.AdminSetUserPasswordRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    checkPassword(pool.doc.Policies.PasswordPolicy, input.Password);
    const status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    cognito.saveUser({ ...withPassword(user, input.Password), status, failed_attempts: 0, locked_until: 0 });
    return {};
  },
});

export const adminResetUserPassword = operation({
  input: model.AdminResetUserPasswordRequest,
  run: async (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    const delivery = recoveryDelivery(pool, user);
    if (!delivery) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    const reset = cognito.saveUser({ ...user, status: 'RESET_REQUIRED' });
    cognito.signOutEverywhere(reset);
    const code = cognito.issueCode(reset, 'forgot', FORGOT_CODE_MS);
    await sendCode(cognito, pool, reset, delivery, 'ForgotPassword', code, {
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
});

export const listUsers = operation({
  input: model.ListUsersRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const keep = parseUserFilter(input.Filter);
    const limit = input.Limit ?? 60;
    const users: UserRow[] = [];
    let more = false;
    for (const user of cognito.usersAfter(pool.row.id, afterToken('users', input.PaginationToken))) {
      if (!keep(user)) continue;
      if (users.length === limit) {
        more = true;
        break;
      }
      users.push(user);
    }
    const last = users[users.length - 1];
    return {
      Users: users.map((user) => userType(user, input.AttributesToGet)),
      ...(more && last ? { PaginationToken: pageToken('users', last.username_key) } : {}),
    };
  },
});
