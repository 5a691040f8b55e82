// What a signed-in user does with an access token: GetUser, DeleteUser, ChangePassword, GlobalSignOut;
// and what ends sessions: AdminUserGlobalSignOut and RevokeToken (a refresh token and every access token
// issued from it).
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { requireAppClient } from '../auth/client-auth.js';
import { attributesOf } from '../cognito.js';
import { notAuthorized } from '../errors.js';
import { checkPassword } from '../pools/pool.js';
import { requireAccessToken } from '../tokens/tokens.js';
import { passwordMatches, requireUser, withPassword } from '../users/users.js';
import { operation, poolOf } from './operation.js';

export const getUser = operation({
  input: model.GetUserRequest,
  run: async (input, cognito) => {
    const { user } = await requireAccessToken(cognito, input.AccessToken);
    const mfa = JSON.parse(user.mfa) as { preferred?: string; enabled?: string[] };
    return {
      Username: user.username,
      UserAttributes: attributesOf(user),
      ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
      ...(mfa.enabled?.length ? { UserMFASettingList: mfa.enabled } : {}),
    };
  },
});

export const deleteUser = operation({
  input: model.DeleteUserRequest,
  run: async (input, cognito) => {
    const { user } = await requireAccessToken(cognito, input.AccessToken);
    cognito.deleteUser(user);
    return {};
  },
});

export const changePassword = operation({
  input: model.ChangePasswordRequest,
  run: async (input, cognito) => {
    const { pool, user } = await requireAccessToken(cognito, input.AccessToken);
    if (input.PreviousPassword === undefined || !passwordMatches(user, input.PreviousPassword)) {
      throw notAuthorized();
    }
    checkPassword(pool.doc.Policies.PasswordPolicy, input.ProposedPassword);
    cognito.saveUser(withPassword(user, input.ProposedPassword));
    return {};
  },
});

export const globalSignOut = operation({
  input: model.GlobalSignOutRequest,
  run: async (input, cognito) => {
    const { user } = await requireAccessToken(cognito, input.AccessToken);
    cognito.signOutEverywhere(user);
    return {};
  },
});

export const adminUserGlobalSignOut = operation({
  input: model.AdminUserGlobalSignOutRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    cognito.signOutEverywhere(requireUser(cognito, pool, input.Username));
    return {};
  },
});

export const revokeToken = operation({
  input: model.RevokeTokenRequest,
  run: (input, cognito) => {
    const { client } = requireAppClient(cognito, input.ClientId);
    if (client.ClientSecret && input.ClientSecret !== client.ClientSecret) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
    if (client.EnableTokenRevocation === false) {
      throw new ServiceError(
        'UnsupportedOperationException',
        'Token revocation is not enabled for this client.',
      );
    }
    const row = cognito.findRefreshToken(input.Token);
    // "If the token is not valid or has already been revoked, the call still succeeds" except for a token
    // of another client, which AWS refuses.
    if (row && row.client_id !== client.ClientId) {
      throw new ServiceError('UnauthorizedException', 'Client is not authorized to revoke this token');
    }
    if (row) cognito.revokeOrigin(row.origin_jti);
    return {};
  },
});
