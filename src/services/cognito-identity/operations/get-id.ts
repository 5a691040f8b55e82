// GetId: the identity of the request's logins in the pool (linked on first use), or a new guest identity
// when there are none and the pool allows guests. Callers need no credentials.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html

import * as model from '../../../core/generated/cognito-identity.js';
import { poolNotFound, unauthenticatedNotSupported } from '../errors.js';
import { verifyLogins } from '../logins.js';
import { operation, requireIdentity, requirePublicPool } from './operation.js';

export const getId = operation({
  input: model.GetIdInput,
  run: async (input, engine) => {
    const pool = requirePublicPool(engine, input.IdentityPoolId);
    if (input.AccountId !== undefined && input.AccountId !== pool.account) throw poolNotFound(pool.id);
    const logins = await verifyLogins(engine, pool, input.Logins);
    if (logins.length === 0) {
      if (!pool.config.AllowUnauthenticatedIdentities) throw unauthenticatedNotSupported();
      return { IdentityId: engine.newIdentity(pool).id };
    }
    // A token Cognito identity issued names its identity (developer-authenticated identities).
    const own = logins.find((login) => login.own);
    if (own) return { IdentityId: requireIdentity(engine, own.subject).identity.id };
    return { IdentityId: engine.identityFor(pool, logins).id };
  },
});
