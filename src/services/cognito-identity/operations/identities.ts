// ListIdentities, DescribeIdentity and DeleteIdentities.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_ListIdentities.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DeleteIdentities.html

import * as model from '../../../core/generated/cognito-identity.js';
import { identityNotFound } from '../errors.js';
import {
  decodeToken,
  encodeToken,
  identityOutput,
  operation,
  requireIdentity,
  requirePool,
} from './operation.js';

export const listIdentities = operation({
  input: model.ListIdentitiesInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const after = decodeToken(`identities:${pool.id}`, input.NextToken);
    // Nimbus never disables identities, so HideDisabled changes nothing.
    const rows = engine.listIdentities(pool.id, after, input.MaxResults + 1);
    const page = rows.slice(0, input.MaxResults);
    const last = rows.length > input.MaxResults ? page.at(-1) : undefined;
    return {
      IdentityPoolId: pool.id,
      Identities: page.map((identity) => identityOutput(identity, engine.loginsOf(identity.id))),
      NextToken: last ? encodeToken(`identities:${pool.id}`, last.seq) : undefined,
    };
  },
});

export const describeIdentity = operation({
  input: model.DescribeIdentityInput,
  run: (input, engine, ctx) => {
    const { identity, pool } = requireIdentity(engine, input.IdentityId);
    if (pool.account !== ctx.account) throw identityNotFound(identity.id);
    return identityOutput(identity, engine.loginsOf(identity.id));
  },
});

/** Identities that are not there (or not the caller's) are left alone: AWS reports in
 * UnprocessedIdentityIds only the ones it failed to delete (AccessDenied, InternalServerError). */
export const deleteIdentities = operation({
  input: model.DeleteIdentitiesInput,
  run: (input, engine, ctx) => {
    for (const id of input.IdentityIdsToDelete) {
      const identity = engine.findIdentity(id);
      const pool = identity && engine.findPool(identity.pool_id);
      if (pool && pool.account === ctx.account) engine.deleteIdentity(id);
    }
    return { UnprocessedIdentityIds: [] };
  },
});
