// SetUserMFAPreference (the signed-in user) and AdminSetUserMFAPreference (the administrator): which of the
// user's factors are on and which one is preferred. A setting left out keeps its state; a factor turned on
// needs what it delivers to (a verified software token, a phone number, an email address).
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html

import * as model from '../../../core/generated/cognito-idp.js';
import { attributeOf, type CognitoIdp } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import type { UserRow } from '../store.js';
import { requireAccessToken } from '../tokens/tokens.js';
import { type MfaFactor, userMfa, withUserMfa } from '../users/mfa-settings.js';
import { requireUser } from '../users/users.js';
import { operation, poolOf } from './operation.js';

interface FactorSetting {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

interface Preferences {
  SMSMfaSettings?: FactorSetting;
  SoftwareTokenMfaSettings?: FactorSetting;
  EmailMfaSettings?: FactorSetting;
}

export const setUserMFAPreference = operation({
  input: model.SetUserMFAPreferenceRequest,
  run: async (input, cognito) => {
    const { user } = await requireAccessToken(cognito, input.AccessToken);
    applyPreferences(cognito, user, input);
    return {};
  },
});

export const adminSetUserMFAPreference = operation({
  input: model.AdminSetUserMFAPreferenceRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    applyPreferences(cognito, requireUser(cognito, pool, input.Username), input);
    return {};
  },
});

function applyPreferences(cognito: CognitoIdp, user: UserRow, input: Preferences): void {
  const mfa = userMfa(user);
  const enabled = new Set<MfaFactor>(mfa.enabled ?? []);
  let preferred = mfa.preferred;
  const settings: [MfaFactor, FactorSetting | undefined][] = [
    ['SMS_MFA', input.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings],
    ['EMAIL_OTP', input.EmailMfaSettings],
  ];
  if (settings.filter(([, setting]) => setting?.PreferredMfa === true).length > 1) {
    // Guessed wording: only one factor can be the preferred one.
    throw invalidParameter('Only one MFA method can be set as preferred.');
  }
  for (const [factor, setting] of settings) {
    if (!setting) continue;
    if (setting.Enabled === true) {
      checkDeliverable(user, factor, mfa.totpSecret !== undefined);
      enabled.add(factor);
    } else if (setting.Enabled === false) {
      enabled.delete(factor);
      if (preferred === factor) preferred = undefined;
    }
    if (setting.PreferredMfa === true) {
      if (!enabled.has(factor))
        throw invalidParameter(`Cannot set ${factor} as preferred when it is not enabled.`);
      preferred = factor;
    } else if (setting.PreferredMfa === false && preferred === factor) {
      preferred = undefined;
    }
  }
  cognito.saveUser(withUserMfa(user, { ...mfa, enabled: [...enabled], preferred }));
}

/** AWS's refusals of a factor the user cannot receive. */
function checkDeliverable(user: UserRow, factor: MfaFactor, verifiedToken: boolean): void {
  if (factor === 'SOFTWARE_TOKEN_MFA' && !verifiedToken) {
    throw invalidParameter('User has not verified software token mfa');
  }
  if (factor === 'SMS_MFA' && attributeOf(user, 'phone_number') === undefined) {
    throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
  }
  if (factor === 'EMAIL_OTP' && attributeOf(user, 'email') === undefined) {
    throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
  }
}
