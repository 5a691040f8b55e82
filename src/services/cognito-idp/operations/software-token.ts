// AssociateSoftwareToken and VerifySoftwareToken: a TOTP authenticator's secret for a signed-in user (an
// access token) or for one at the MFA_SETUP challenge (its Session, answered with a new one), and the
// first code from it, which makes it the user's software token ("Amazon Cognito disassociates an existing
// software token when you verify the new token").
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { SessionState } from '../auth/flows.js';
import { newTotpSecret, totpMatches } from '../auth/totp.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { invalidParameter, invalidSession } from '../errors.js';
import type { SessionRow, UserRow } from '../store.js';
import { requireAccessToken } from '../tokens/tokens.js';
import { poolMfa, userMfa, withUserMfa } from '../users/mfa-settings.js';
import { operation } from './operation.js';

export const associateSoftwareToken = operation({
  input: model.AssociateSoftwareTokenRequest,
  run: async (input, cognito) => {
    const holder = await tokenOrSession(cognito, input.AccessToken, input.Session);
    const secret = newTotpSecret();
    if (holder.session) {
      const state: SessionState = { ...holder.state!, totpSecret: secret };
      return { SecretCode: secret, Session: reopen(cognito, holder.session, state, true) };
    }
    cognito.saveUser(withUserMfa(holder.user, { ...userMfa(holder.user), pendingTotp: secret }));
    return { SecretCode: secret };
  },
});

export const verifySoftwareToken = operation({
  input: model.VerifySoftwareTokenRequest,
  run: async (input, cognito) => {
    const holder = await tokenOrSession(cognito, input.AccessToken, input.Session);
    const mfa = userMfa(holder.user);
    const secret = holder.session ? holder.state?.totpSecret : mfa.pendingTotp;
    if (!secret) {
      if (holder.session) reopen(cognito, holder.session, holder.state!, false);
      throw new ServiceError(
        'SoftwareTokenMFANotFoundException',
        'Software token has not been associated with the user.',
      );
    }
    if (!totpMatches(secret, input.UserCode, cognito.clock.now())) {
      if (holder.session) reopen(cognito, holder.session, holder.state!, false);
      throw new ServiceError(
        'EnableSoftwareTokenMFAException',
        'Code mismatch and fail enable Software Token MFA',
      );
    }
    const enabled = [
      ...(mfa.enabled ?? []).filter((factor) => factor !== 'SOFTWARE_TOKEN_MFA'),
      'SOFTWARE_TOKEN_MFA' as const,
    ];
    const { pendingTotp: _used, ...kept } = mfa;
    cognito.saveUser(withUserMfa(holder.user, { ...kept, enabled, totpSecret: secret }));
    if (!holder.session) return { Status: 'SUCCESS' };
    const state: SessionState = { ...holder.state!, verified: true };
    return { Status: 'SUCCESS', Session: reopen(cognito, holder.session, state, true) };
  },
});

interface Holder {
  readonly pool: Pool;
  readonly user: UserRow;
  readonly session?: SessionRow;
  readonly state?: SessionState;
}

/** "The request takes an access token or a session string, but not both." */
async function tokenOrSession(cognito: CognitoIdp, accessToken?: string, session?: string): Promise<Holder> {
  if ((accessToken === undefined) === (session === undefined)) {
    throw invalidParameter('Provide either an access token or a session, but not both.');
  }
  let holder: Holder;
  if (accessToken !== undefined) {
    holder = await requireAccessToken(cognito, accessToken);
  } else {
    const row = cognito.takeSession(session!);
    const state = row && (JSON.parse(row.state) as SessionState);
    if (!row || state?.kind !== 'MFA_SETUP') throw invalidSession();
    const pool = cognito.requirePool(row.pool_id);
    const user = cognito.sql.user.get(row.pool_id, row.username_key) as UserRow | undefined;
    if (!user) throw invalidSession();
    holder = { pool, user, session: row, state };
  }
  // user-pool-settings-mfa-totp.html: "users receive a SoftwareTokenMFANotFoundException exception with the
  // description Software Token MFA has not been enabled by the userPool".
  if (!poolMfa(holder.pool.doc).totp) {
    if (holder.session) reopen(cognito, holder.session, holder.state!, false);
    throw new ServiceError(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
  }
  return holder;
}

/** Stores the setup's state again: under a new Session (the next call's), or back under the same one. */
function reopen(cognito: CognitoIdp, row: SessionRow, state: SessionState, fresh: boolean): string {
  const { id, ...rest } = row;
  return cognito.newSession({ ...rest, state: JSON.stringify(state) }, fresh ? undefined : id);
}
