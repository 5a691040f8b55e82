// RespondToAuthChallenge's answers to the MFA challenges: SOFTWARE_TOKEN_MFA_CODE (a TOTP of the verified
// software token on the cloud clock), SMS_MFA_CODE and EMAIL_OTP_CODE (the recorded code), SELECT_MFA_TYPE's
// ANSWER, and MFA_SETUP once VerifySoftwareToken has taken the new token. A wrong code leaves the session
// open for another try, as AWS's clients expect ("Invalid code or auth state for the user.").
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html

import { ServiceError } from '../../../core/errors.js';
import { expiredCode, invalidParameter } from '../errors.js';
import type { SessionRow, UserRow } from '../store.js';
import { type MfaFactor, usableFactors, userMfa } from '../users/mfa-settings.js';
import type { SessionState } from './flows.js';
import { deviceStep, mfaChallenge } from './second-factor.js';
import type { AuthAnswer, SignInContext } from './sign-in.js';
import { totpMatches } from './totp.js';

const CODE_PARAMETER: Record<MfaFactor, string> = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

export function mfaCodeMismatch(): ServiceError {
  return new ServiceError('CodeMismatchException', 'Invalid code or auth state for the user.');
}

export async function answerMfa(
  context: SignInContext,
  user: UserRow,
  row: SessionRow,
  state: SessionState,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const factor = state.kind as MfaFactor;
  const name = CODE_PARAMETER[factor];
  const code = responses[name];
  if (code === undefined || code === '') throw invalidParameter(`Missing required parameter ${name}`);
  const { cognito } = context;
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    const secret = userMfa(user).totpSecret;
    if (!secret || !totpMatches(secret, code, cognito.clock.now())) throw reopen(context, row);
  } else {
    const outcome = cognito.useCode(user, 'mfa', code);
    if (outcome === 'expired') throw expiredCode();
    if (outcome !== 'ok') throw reopen(context, row);
  }
  return deviceStep(context, user, state.source ?? 'Authentication');
}

export async function selectMfaType(
  context: SignInContext,
  user: UserRow,
  state: SessionState,
  responses: Record<string, string>,
): Promise<AuthAnswer> {
  const answer = responses.ANSWER;
  if (answer === undefined || answer === '') throw invalidParameter('Missing required parameter ANSWER');
  const offered = (state.choices ?? []).filter((factor) =>
    usableFactors(context.pool, user).includes(factor),
  );
  if (!offered.includes(answer as MfaFactor)) {
    throw invalidParameter(`Invalid MFA type ${answer} selected, please choose from ${offered.join(', ')}`);
  }
  return mfaChallenge(context, user, state.source ?? 'Authentication', answer as MfaFactor);
}

export async function completeMfaSetup(
  context: SignInContext,
  user: UserRow,
  state: SessionState,
): Promise<AuthAnswer> {
  if (!state.verified) {
    throw invalidParameter(
      'Software token MFA is not set up: call AssociateSoftwareToken and VerifySoftwareToken.',
    );
  }
  return deviceStep(context, user, state.source ?? 'Authentication');
}

/** Puts the session back for another try and answers the mismatch. */
function reopen(context: SignInContext, row: SessionRow): ServiceError {
  const { id, ...rest } = row;
  context.cognito.newSession(rest, id);
  return mfaCodeMismatch();
}
