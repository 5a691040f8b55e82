// UnlinkIdentity: removes providers' logins from an identity, with one of its logins as proof. Callers
// need no credentials.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UnlinkIdentity.html

import * as model from '../../../core/generated/cognito-identity.js';
import { authenticate } from '../authenticate.js';
import { operation, requireIdentity } from './operation.js';

export const unlinkIdentity = operation({
  input: model.UnlinkIdentityInput,
  run: async (input, engine) => {
    const { identity, pool } = requireIdentity(engine, input.IdentityId);
    await authenticate(engine, pool, identity, input.Logins);
    for (const provider of input.LoginsToRemove) engine.unlinkProvider(identity, provider);
    return {};
  },
});
