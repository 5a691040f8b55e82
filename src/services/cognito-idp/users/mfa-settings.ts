// A user's MFA factors (the user row's `mfa` document) and the pool's MFA configuration as sign-in reads
// them: which factors the user has turned on, the preferred one, the verified software token, and which
// factors the pool offers (SetUserPoolMfaConfig).
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html

import { attributeOf, type Pool } from '../cognito.js';
import type { PoolDoc } from '../pools/pool.js';
import type { UserRow } from '../store.js';

export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** The order AWS lists factors in (UserMFASettingList, MFAS_CAN_CHOOSE). */
export const FACTORS: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

export interface UserMfa {
  /** What GetUser answers as UserMFASettingList. */
  enabled?: MfaFactor[];
  /** PreferredMfaSetting. */
  preferred?: MfaFactor;
  /** The verified software token's secret (base32). */
  totpSecret?: string;
  /** A secret AssociateSoftwareToken handed out that VerifySoftwareToken has not taken yet. */
  pendingTotp?: string;
}

export function userMfa(user: UserRow): UserMfa {
  return JSON.parse(user.mfa) as UserMfa;
}

export function withUserMfa(user: UserRow, mfa: UserMfa): UserRow {
  const enabled = FACTORS.filter((factor) => mfa.enabled?.includes(factor));
  const clean: UserMfa = {
    ...(enabled.length > 0 ? { enabled } : {}),
    ...(mfa.preferred && enabled.includes(mfa.preferred) ? { preferred: mfa.preferred } : {}),
    ...(mfa.totpSecret ? { totpSecret: mfa.totpSecret } : {}),
    ...(mfa.pendingTotp ? { pendingTotp: mfa.pendingTotp } : {}),
  };
  return { ...user, mfa: JSON.stringify(clean) };
}

/** What GetUser and AdminGetUser add for the user's MFA. */
export function mfaSettingsOutput(user: UserRow): Record<string, unknown> {
  const mfa = userMfa(user);
  return {
    ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
    ...(mfa.enabled?.length ? { UserMFASettingList: mfa.enabled } : {}),
  };
}

/** The pool's MFA factors as SetUserPoolMfaConfig left them (kept in the pool document, not answered by
 * DescribeUserPool). An SMS configuration given at CreateUserPool turns SMS MFA on, as it did before
 * SetUserPoolMfaConfig existed. */
export interface PoolMfa {
  readonly sms: boolean;
  readonly totp: boolean;
  readonly email: boolean;
}

export function poolMfa(doc: PoolDoc): PoolMfa {
  const smsSetting = doc.SmsMfaConfiguration as Record<string, unknown> | null | undefined;
  return {
    sms: smsSetting === null ? false : doc.SmsConfiguration !== undefined,
    totp: (doc.SoftwareTokenMfaConfiguration as { Enabled?: boolean } | undefined)?.Enabled === true,
    email: doc.EmailMfaConfiguration !== undefined && doc.EmailMfaConfiguration !== null,
  };
}

/** The factors this user can be challenged with now: those turned on that still have a destination and
 * (for SMS and email) the pool still offers. A verified software token stays usable when the pool turns
 * TOTP off: "users who previously associated and verified a TOTP token can continue to use it for MFA"
 * (user-pool-settings-mfa-totp.html). */
export function usableFactors(pool: Pool, user: UserRow): MfaFactor[] {
  const mfa = userMfa(user);
  const offered = poolMfa(pool.doc);
  return (mfa.enabled ?? []).filter((factor) => {
    if (factor === 'SOFTWARE_TOKEN_MFA') return mfa.totpSecret !== undefined;
    if (factor === 'SMS_MFA') return offered.sms && attributeOf(user, 'phone_number') !== undefined;
    return offered.email && attributeOf(user, 'email') !== undefined;
  });
}

/** The factors a user of a pool with MFA required may set up at the MFA_SETUP challenge. */
export function setupFactors(pool: Pool): MfaFactor[] {
  const offered = poolMfa(pool.doc);
  return FACTORS.filter(
    (factor) =>
      (factor === 'SMS_MFA' && offered.sms) ||
      (factor === 'SOFTWARE_TOKEN_MFA' && offered.totp) ||
      (factor === 'EMAIL_OTP' && offered.email),
  );
}
