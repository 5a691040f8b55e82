// What GetOpenIdToken and GetCredentialsForIdentity ask of an identity and the request's Logins before
// they issue anything: a guest needs a pool open to guests; a signed-in identity needs one of its logins
// (a login new to the pool is linked to it, as AWS links it); a login of another identity is refused.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html

import { ServiceError } from '../../core/errors.js';
import type { CognitoIdentity, Pool } from './cognito-identity.js';
import { loginsDoNotMatch, unauthenticatedNotSupported } from './errors.js';
import { type VerifiedLogin, verifyLogins } from './logins.js';
import type { IdentityRow } from './store.js';

export async function authenticate(
  engine: CognitoIdentity,
  pool: Pool,
  identity: IdentityRow,
  logins: Readonly<Record<string, string>> | undefined,
): Promise<VerifiedLogin[]> {
  const verified = await verifyLogins(engine, pool, logins);
  if (verified.length === 0) {
    // Observed: "Access to Identity '<id>' is forbidden." for a signed-in identity asked for as a guest.
    if (engine.loginsOf(identity.id).length > 0) {
      throw new ServiceError('NotAuthorizedException', `Access to Identity '${identity.id}' is forbidden.`);
    }
    if (!pool.config.AllowUnauthenticatedIdentities) throw unauthenticatedNotSupported();
    return [];
  }
  const fresh = [];
  for (const login of verified) {
    if (login.own) {
      if (login.subject !== identity.id) throw loginsDoNotMatch();
      continue;
    }
    const linked = engine.findLogin(pool.id, login);
    if (linked && linked.identity_id !== identity.id) throw loginsDoNotMatch();
    if (!linked) fresh.push(login);
  }
  if (fresh.length > 0) engine.link(pool, identity, fresh);
  return verified;
}

/** The `amr` of the identity's OpenID token: how it signed in, as roles' trust policies test it
 * (`"ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" }`). */
export function amrOf(logins: readonly VerifiedLogin[]): string[] {
  if (logins.length === 0) return ['unauthenticated'];
  const amr = ['authenticated'];
  for (const login of logins) {
    const carried =
      login.own && Array.isArray(login.claims.amr) ? login.claims.amr.map(String) : [login.provider];
    for (const entry of carried) if (!amr.includes(entry)) amr.push(entry);
  }
  return amr;
}
