// ForgotPassword and ConfirmForgotPassword: a code to the user's verified email or phone (the pool's
// recovery order), recorded instead of sent, then a new password with it. An unknown user may be migrated
// by the UserMigration trigger (UserMigration_ForgotPassword).
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html

import * as model from '../../../core/generated/cognito-idp.js';
import { checkSecretHash, hidesUsers, requireAppClient } from '../auth/client-auth.js';
import type { Attribute } from '../cognito.js';
import { codeMismatch, expiredCode, invalidParameter, userNotFound } from '../errors.js';
import { checkPassword } from '../pools/pool.js';
import type { UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';
import { recoveryDelivery, sendCode } from '../users/messages.js';
import { newUserRow, withPassword } from '../users/users.js';
import { FORGOT_CODE_MS } from './admin-users.js';
import { operation } from './operation.js';
import { postConfirmation } from './sign-up.js';

export const forgotPassword = operation({
  input: model.ForgotPasswordRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    let user: UserRow | undefined = cognito.findUserBySignInName(pool, input.Username);
    if (!user) {
      const response = await runTrigger(cognito, pool, 'UserMigration', {
        triggerSource: 'UserMigration_ForgotPassword',
        userName: input.Username,
        clientId: client.ClientId,
        request: { clientMetadata: input.ClientMetadata ?? {} },
        response: { userAttributes: null, messageAction: null },
      });
      if (response) {
        const attributes = Object.entries(
          (response.userAttributes as Record<string, string> | null) ?? {},
        ).map(([Name, Value]): Attribute => ({ Name, Value: String(Value) }));
        user = newUserRow(cognito, pool, { username: input.Username, attributes, status: 'RESET_REQUIRED' });
        cognito.insertUser(user);
      }
    }
    if (!user) {
      // A client that hides users answers as if a code went out.
      if (hidesUsers(client))
        return {
          CodeDeliveryDetails: { Destination: 'u***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
        };
      throw userNotFound();
    }
    const delivery = recoveryDelivery(pool, user);
    if (!delivery) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    const code = cognito.issueCode(user, 'forgot', FORGOT_CODE_MS);
    await sendCode(cognito, pool, user, delivery, 'ForgotPassword', code, {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetails: delivery };
  },
});

export const confirmForgotPassword = operation({
  input: model.ConfirmForgotPasswordRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    checkSecretHash(client, input.Username, input.SecretHash);
    const user = cognito.findUserBySignInName(pool, input.Username);
    if (!user) throw userNotFound();
    const outcome = cognito.useCode(user, 'forgot', input.ConfirmationCode);
    if (outcome === 'expired') throw expiredCode();
    if (outcome !== 'ok') throw codeMismatch();
    checkPassword(pool.doc.Policies.PasswordPolicy, input.Password);
    const wasConfirmed = user.status === 'CONFIRMED';
    const updated = cognito.saveUser({
      ...withPassword(user, input.Password),
      status: 'CONFIRMED',
      failed_attempts: 0,
      locked_until: 0,
    });
    cognito.signOutEverywhere(updated);
    if (!wasConfirmed || user.status === 'RESET_REQUIRED') {
      await postConfirmation(
        cognito,
        pool,
        updated,
        client.ClientId,
        input.ClientMetadata,
        'PostConfirmation_ConfirmForgotPassword',
      );
    }
    return {};
  },
});
