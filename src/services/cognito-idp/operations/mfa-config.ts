// SetUserPoolMfaConfig and GetUserPoolMfaConfig: whether the pool requires MFA (OFF, ON, OPTIONAL) and
// which factors it offers. Each call replaces the factors: one left out is turned off. SMS needs an SMS
// configuration (given here or the pool's), email MFA a pool that sends email through SES (DEVELOPER)
// and a tier above Lite.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { Pool } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import type { PoolDoc } from '../pools/pool.js';
import { poolMfa } from '../users/mfa-settings.js';
import { operation, poolOf } from './operation.js';

export const setUserPoolMfaConfig = operation({
  input: model.SetUserPoolMfaConfigRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const doc: PoolDoc = { ...pool.doc, LastModifiedDate: cognito.clock.now() };
    const sms = input.SmsMfaConfiguration;
    if (sms) {
      const smsConfiguration = sms.SmsConfiguration ?? pool.doc.SmsConfiguration;
      // Guessed wording: AWS refuses SMS MFA without a role to send text messages with.
      if (!smsConfiguration) throw invalidParameter('SMS configuration is required to enable SMS MFA.');
      doc.SmsConfiguration = smsConfiguration;
      doc.SmsMfaConfiguration = {};
      if (sms.SmsAuthenticationMessage !== undefined)
        doc.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    } else {
      doc.SmsMfaConfiguration = null;
    }
    doc.SoftwareTokenMfaConfiguration = { Enabled: input.SoftwareTokenMfaConfiguration?.Enabled === true };
    const email = input.EmailMfaConfiguration;
    if (email) {
      if (doc.UserPoolTier === 'LITE') {
        throw new ServiceError(
          'FeatureUnavailableInTierException',
          'Email MFA is not available in the Lite feature plan.',
        );
      }
      const sending = (doc.EmailConfiguration as { EmailSendingAccount?: string } | undefined)
        ?.EmailSendingAccount;
      if (sending !== 'DEVELOPER') {
        throw invalidParameter(
          'Email MFA requires an email configuration with EmailSendingAccount DEVELOPER.',
        );
      }
      doc.EmailMfaConfiguration = { ...email };
    } else {
      doc.EmailMfaConfiguration = null;
    }
    if (input.MfaConfiguration !== undefined) doc.MfaConfiguration = input.MfaConfiguration;
    const offered = poolMfa(doc);
    const anyFactor = offered.sms || offered.totp || offered.email;
    // AWS's words for OFF with a factor (reported by terraform-provider-aws users); the ON / OPTIONAL
    // wording without a factor is guessed in the same form.
    if (doc.MfaConfiguration === 'OFF' && (sms || input.SoftwareTokenMfaConfiguration?.Enabled || email)) {
      throw invalidParameter(
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
    }
    if (doc.MfaConfiguration !== 'OFF' && !anyFactor) {
      throw invalidParameter(
        "Invalid MFA configuration given, can't turn on MFA without any MFA configured.",
      );
    }
    return mfaConfigOutput(cognito.savePool(pool, doc));
  },
});

export const getUserPoolMfaConfig = operation({
  input: model.GetUserPoolMfaConfigRequest,
  run: (input, cognito, ctx) => mfaConfigOutput(poolOf(cognito, input.UserPoolId, ctx)),
});

function mfaConfigOutput(pool: Pool): Record<string, unknown> {
  const doc = pool.doc;
  const offered = poolMfa(doc);
  const email = doc.EmailMfaConfiguration as Record<string, string> | null | undefined;
  return {
    ...(offered.sms
      ? {
          SmsMfaConfiguration: {
            ...(doc.SmsAuthenticationMessage
              ? { SmsAuthenticationMessage: doc.SmsAuthenticationMessage }
              : {}),
            SmsConfiguration: doc.SmsConfiguration,
          },
        }
      : {}),
    SoftwareTokenMfaConfiguration: { Enabled: offered.totp },
    ...(email ? { EmailMfaConfiguration: email } : {}),
    MfaConfiguration: doc.MfaConfiguration,
  };
}
