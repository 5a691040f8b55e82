// GetOpenIdToken: an OpenID Connect token for the identity (the basic flow's input to STS
// AssumeRoleWithWebIdentity), valid ten minutes. Callers need no credentials.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html

import * as model from '../../../core/generated/cognito-identity.js';
import { amrOf, authenticate } from '../authenticate.js';
import { regionOf } from '../names.js';
import { operation, requireIdentity } from './operation.js';

/** "The OpenID token is valid for 10 minutes." (the page above) */
export const OPENID_TOKEN_SECONDS = 600;

export const getOpenIdToken = operation({
  input: model.GetOpenIdTokenInput,
  run: async (input, engine) => {
    const { identity, pool } = requireIdentity(engine, input.IdentityId);
    const logins = await authenticate(engine, pool, identity, input.Logins);
    const Token = await engine.signer.sign(regionOf(pool.id), {
      poolId: pool.id,
      identityId: identity.id,
      amr: amrOf(logins),
      now: engine.clock.now(),
      lifetimeSeconds: OPENID_TOKEN_SECONDS,
    });
    return { IdentityId: identity.id, Token };
  },
});
