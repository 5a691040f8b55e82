// GetTokensFromRefreshToken: new ID and access tokens for a refresh token, as REFRESH_TOKEN_AUTH gives, and
// with the client's RefreshTokenRotation ENABLED a new refresh token too: the one given stays usable for
// RetryGracePeriodSeconds, then is refused. Every token keeps the sign-in's origin_jti, so RevokeToken
// and the sign-outs end the rotated ones as well.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { requireAppClient } from '../auth/client-auth.js';
import { preTokenGeneration } from '../auth/sign-in.js';
import type { CognitoIdp } from '../cognito.js';
import { notAuthorized } from '../errors.js';
import { opaqueToken } from '../names.js';
import type { RefreshTokenRow, UserRow } from '../store.js';
import { issueTokens, validitySeconds } from '../tokens/tokens.js';
import { operation } from './operation.js';

export const getTokensFromRefreshToken = operation({
  input: model.GetTokensFromRefreshTokenRequest,
  run: async (input, cognito) => {
    const { client, pool } = requireAppClient(cognito, input.ClientId);
    if (client.ClientSecret && input.ClientSecret !== client.ClientSecret) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
    const row = refreshRow(cognito, input.RefreshToken);
    if (!row || row.client_id !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
    if (row.revoked) throw notAuthorized('Refresh Token has been revoked');
    const now = cognito.clock.now();
    if (row.expires_at < now) throw notAuthorized('Refresh Token has expired');
    const user = cognito.sql.user.get(pool.row.id, row.username_key) as UserRow | undefined;
    if (!user) throw notAuthorized('Invalid Refresh Token');
    if (user.enabled === 0) throw notAuthorized('User is disabled.');
    const context = { cognito, pool, client, clientMetadata: input.ClientMetadata };
    const override = await preTokenGeneration(context, user, 'TokenGeneration_RefreshTokens');
    const result = await issueTokens(cognito, pool, client, user, {
      authTimeMs: row.auth_time,
      originJti: row.origin_jti,
      override,
      withRefreshToken: false,
    });
    const rotation = client.RefreshTokenRotation as
      | { Feature?: string; RetryGracePeriodSeconds?: number }
      | undefined;
    if (rotation?.Feature !== 'ENABLED') return { AuthenticationResult: result };
    const token = opaqueToken(96);
    cognito.transaction(() => {
      cognito.sql.insertRotated.run(
        row.token,
        row.origin_jti,
        now + (rotation.RetryGracePeriodSeconds ?? 0) * 1000,
      );
      cognito.sql.rotateRefresh.run(
        token,
        now + validitySeconds(client, 'RefreshToken') * 1000,
        row.origin_jti,
      );
    });
    return { AuthenticationResult: { ...result, RefreshToken: token } };
  },
});

/** The sign-in a refresh token stands for: the current token, or a rotated one within its grace period. */
function refreshRow(cognito: CognitoIdp, token: string): RefreshTokenRow | undefined {
  const current = cognito.findRefreshToken(token);
  if (current) return current;
  const rotated = cognito.sql.rotatedRefresh.get(token) as
    | { origin_jti: string; usable_until: number }
    | undefined;
  if (!rotated) return undefined;
  // Guessed wording; the model names RefreshTokenReuseException for this call.
  if (rotated.usable_until < cognito.clock.now()) {
    throw new ServiceError(
      'RefreshTokenReuseException',
      'Refresh token has been rotated and can no longer be used.',
    );
  }
  return cognito.sql.refreshByOrigin.get(rotated.origin_jti) as RefreshTokenRow | undefined;
}
