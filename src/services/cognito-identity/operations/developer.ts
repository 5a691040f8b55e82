// Developer-authenticated identities: GetOpenIdTokenForDeveloperIdentity (the developer's backend links its
// own user identifier to an identity and gets its token), LookupDeveloperIdentity,
// MergeDeveloperIdentities and UnlinkDeveloperIdentity.
// https://docs.aws.amazon.com/cognito/latest/developerguide/developer-authenticated-identities.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdTokenForDeveloperIdentity.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-identity.js';
import type { CognitoIdentity, Pool } from '../cognito-identity.js';
import { identityNotFound, invalidParameter } from '../errors.js';
import { verifyLogins } from '../logins.js';
import { regionOf } from '../names.js';
import type { IdentityRow } from '../store.js';
import { decodeToken, encodeToken, operation, requireIdentity, requirePool } from './operation.js';

/** TokenDuration: "the default is 15 minutes" (the page above). */
const DEFAULT_TOKEN_SECONDS = 900;

export const getOpenIdTokenForDeveloperIdentity = operation({
  input: model.GetOpenIdTokenForDeveloperIdentityInput,
  run: async (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const developer = developerProvider(pool, input.Logins);
    const userId = input.Logins[developer] as string;
    const others = Object.fromEntries(Object.entries(input.Logins).filter(([name]) => name !== developer));
    const verified = await verifyLogins(engine, pool, others);
    const login = { provider: developer, subject: userId };
    const linked = engine.findLogin(pool.id, login);
    let identity: IdentityRow;
    if (input.IdentityId !== undefined) {
      identity = identityIn(engine, pool, input.IdentityId);
      if (linked && linked.identity_id !== identity.id) {
        throw new ServiceError(
          'DeveloperUserAlreadyRegisteredException',
          `The developer user identifier '${userId}' is already registered with a different identity.`,
        );
      }
      engine.link(pool, identity, [login], true);
    } else {
      identity = engine.identityFor(pool, [login], true);
    }
    engine.link(pool, identity, verified);
    const amr = [
      'authenticated',
      developer,
      `${developer}:${pool.id}:${userId}`,
      ...verified.map((l) => l.provider),
    ];
    const Token = await engine.signer.sign(regionOf(pool.id), {
      poolId: pool.id,
      identityId: identity.id,
      amr,
      now: engine.clock.now(),
      lifetimeSeconds: input.TokenDuration ?? DEFAULT_TOKEN_SECONDS,
      extra: input.PrincipalTags
        ? { 'https://aws.amazon.com/tags': { principal_tags: input.PrincipalTags } }
        : undefined,
    });
    return { IdentityId: identity.id, Token };
  },
});

export const lookupDeveloperIdentity = operation({
  input: model.LookupDeveloperIdentityInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const developer = pool.config.DeveloperProviderName;
    let identityId = input.IdentityId;
    if (input.DeveloperUserIdentifier !== undefined) {
      const login =
        developer &&
        engine.findLogin(pool.id, { provider: developer, subject: input.DeveloperUserIdentifier });
      if (!login)
        throw new ServiceError('ResourceNotFoundException', 'The developer user identifier was not found.');
      if (identityId !== undefined && identityId !== login.identity_id) {
        throw invalidParameter('The IdentityId and DeveloperUserIdentifier do not match.');
      }
      identityId = login.identity_id;
    }
    if (identityId === undefined)
      throw invalidParameter('Either IdentityId or DeveloperUserIdentifier is required.');
    const identity = identityIn(engine, pool, identityId);
    const identifiers = engine
      .loginsOf(identity.id)
      .filter((login) => login.developer === 1)
      .map((login) => login.subject);
    const after = decodeToken(`developer:${identity.id}`, input.NextToken);
    const limit = input.MaxResults ?? 60;
    const page = identifiers.slice(after, after + limit);
    const more = after + limit < identifiers.length;
    return {
      IdentityId: identity.id,
      DeveloperUserIdentifierList: page,
      NextToken: more ? encodeToken(`developer:${identity.id}`, after + limit) : undefined,
    };
  },
});

export const mergeDeveloperIdentities = operation({
  input: model.MergeDeveloperIdentitiesInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const provider = input.DeveloperProviderName;
    if (provider !== pool.config.DeveloperProviderName)
      throw invalidParameter('Invalid DeveloperProviderName.');
    const find = (subject: string) => {
      const login = engine.findLogin(pool.id, { provider, subject });
      if (!login)
        throw new ServiceError(
          'ResourceNotFoundException',
          `Developer user identifier '${subject}' not found.`,
        );
      return requireIdentity(engine, login.identity_id).identity;
    };
    const source = find(input.SourceUserIdentifier);
    const destination = find(input.DestinationUserIdentifier);
    if (source.id !== destination.id) engine.merge(source, destination);
    return { IdentityId: destination.id };
  },
});

export const unlinkDeveloperIdentity = operation({
  input: model.UnlinkDeveloperIdentityInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const identity = identityIn(engine, pool, input.IdentityId);
    const login = { provider: input.DeveloperProviderName, subject: input.DeveloperUserIdentifier };
    const linked = engine.findLogin(pool.id, login);
    if (!linked || linked.identity_id !== identity.id) {
      throw new ServiceError(
        'ResourceNotFoundException',
        'The developer user identifier is not linked to this identity.',
      );
    }
    engine.unlink(pool, identity, login);
    return {};
  },
});

/** The pool's developer provider, which the Logins must name. */
function developerProvider(pool: Pool, logins: Readonly<Record<string, string>>): string {
  const name = pool.config.DeveloperProviderName;
  if (name === undefined) throw invalidParameter('This identity pool has no developer provider name.');
  if (!Object.hasOwn(logins, name))
    throw invalidParameter(`Logins must include the developer provider '${name}'.`);
  return name;
}

function identityIn(engine: CognitoIdentity, pool: Pool, identityId: string): IdentityRow {
  const identity = engine.findIdentity(identityId);
  if (!identity || identity.pool_id !== pool.id) throw identityNotFound(identityId);
  return identity;
}
