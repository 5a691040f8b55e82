// Checking a request's Logins map (`{ "<provider name>": "<token>" }`) against the pool's providers, as
// identity pools do before they link a login or hand out credentials: a user pool's ID token (its
// signature against the pool's JWKS, `iss` naming that pool, `aud` one of the pool's app clients, `exp`),
// an OpenID Connect provider's token (against its issuer's keys), or a token Cognito identity issued
// itself (`cognito-identity.amazonaws.com`, developer-authenticated identities).
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-integrating-user-pools-with-identity-pools.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/open-id.html

import { createHash } from 'node:crypto';
import { decodeJwt, type JWTPayload } from 'jose';
import { verifyJwt } from '../../lib/jwt.js';
import type { CognitoIdentity, Login, Pool } from './cognito-identity.js';
import { invalidLoginToken, loginsDoNotMatch, unsupportedProvider } from './errors.js';
import { regionOf } from './names.js';

export interface VerifiedLogin extends Login {
  readonly claims: JWTPayload;
  /** The RoleMappings keys that apply to it, most specific first (`<provider>:<app client id>`). */
  readonly mappingKeys: readonly string[];
  /** A token Cognito identity issued for the identity itself (developer-authenticated identities). */
  readonly own?: boolean;
}

/** The provider name of Cognito identity's own tokens in a Logins map. */
export const OWN_PROVIDER = 'cognito-identity.amazonaws.com';

export async function verifyLogins(
  engine: CognitoIdentity,
  pool: Pool,
  logins: Readonly<Record<string, string>> | undefined,
): Promise<VerifiedLogin[]> {
  const verified: VerifiedLogin[] = [];
  for (const [provider, token] of Object.entries(logins ?? {})) {
    verified.push(await verifyLogin(engine, pool, provider, token));
  }
  return verified;
}

async function verifyLogin(
  engine: CognitoIdentity,
  pool: Pool,
  provider: string,
  token: string,
): Promise<VerifiedLogin> {
  const now = engine.clock.now();
  if (provider === OWN_PROVIDER) {
    const claims = await checked(() => engine.signer.verify(regionOf(pool.id), token, now), now, token);
    if (claims.aud !== pool.id || typeof claims.sub !== 'string') throw loginsDoNotMatch();
    return { provider, subject: claims.sub, claims, mappingKeys: [provider], own: true };
  }
  const clients = (pool.config.CognitoIdentityProviders ?? []).filter((p) => p.ProviderName === provider);
  if (clients.length > 0) {
    const userPool = /^cognito-idp\.[\w-]+\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/.exec(provider)?.[1];
    if (!userPool) throw unsupportedProvider();
    const keysFrom = `${engine.endpoint()}/${userPool}`;
    const issuer = tokenIssuer(token);
    // Nimbus's pools issue `<endpoint>/<pool id>` (localhost or 127.0.0.1); AWS's form is accepted too.
    const local = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\/([\w-]+_[0-9a-zA-Z]+)$/.exec(issuer)?.[1];
    if (issuer !== `https://${provider}` && local !== userPool)
      throw invalidLoginToken("Issuer doesn't match providerName");
    const claims = await checked(() => verifyJwt(engine, token, issuer, now, keysFrom), now, token);
    const audience = audienceOf(claims);
    if (!clients.some((client) => client.ClientId === audience)) throw unsupportedProvider();
    return {
      provider,
      subject: String(claims.sub),
      claims,
      mappingKeys: [`${provider}:${audience}`, provider],
    };
  }
  const oidc = (pool.config.OpenIdConnectProviderARNs ?? []).find((arn) => oidcName(arn) === provider);
  if (oidc) {
    const { issuer, clientIds } = await oidcProvider(engine, pool, oidc);
    const claims = await checked(() => verifyJwt(engine, token, issuer, now), now, token);
    const audience = audienceOf(claims);
    if (clientIds && !clientIds.includes(audience)) throw unsupportedProvider();
    return { provider, subject: String(claims.sub), claims, mappingKeys: [provider] };
  }
  if (pool.config.SupportedLoginProviders && Object.hasOwn(pool.config.SupportedLoginProviders, provider)) {
    return publicProviderLogin(provider, token);
  }
  throw unsupportedProvider();
}

/** Facebook, Google, Amazon, Apple and Twitter tokens cannot be checked without reaching them: a JWT's
 * `sub` (or else the token itself, hashed) names the user, unverified (the README says so). */
function publicProviderLogin(provider: string, token: string): VerifiedLogin {
  let claims: JWTPayload = {};
  try {
    claims = decodeJwt(token);
  } catch {
    // An opaque access token (Facebook, Amazon): no claims.
  }
  const subject =
    typeof claims.sub === 'string'
      ? claims.sub
      : createHash('sha256').update(token).digest('hex').slice(0, 32);
  return { provider, subject, claims, mappingKeys: [provider] };
}

/** The IAM OIDC provider an ARN names: its URL and client ids from IAM when IAM serves it, else the URL
 * the ARN spells (`arn:aws:iam::<account>:oidc-provider/<host>/<path>`) with no audience check. */
async function oidcProvider(
  engine: CognitoIdentity,
  pool: Pool,
  arn: string,
): Promise<{ issuer: string; clientIds?: string[] }> {
  const name = oidcName(arn) ?? '';
  const answer = (await engine
    .call(
      'iam',
      'GetOpenIDConnectProvider',
      { OpenIDConnectProviderArn: arn },
      {
        account: pool.account,
        region: pool.region,
        caller: 'cognito-identity',
      },
    )
    .catch(() => undefined)) as { Url?: string; ClientIDList?: string[] } | undefined;
  const url = (answer?.Url ?? name).replace(/^https?:\/\//, '');
  // Issuers on this machine (test and development issuers) speak plain HTTP; others HTTPS, as IAM requires.
  const scheme = /^(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)/.test(url) ? 'http' : 'https';
  return { issuer: `${scheme}://${url}`, clientIds: answer?.ClientIDList };
}

function oidcName(arn: string): string | undefined {
  return /^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn)?.[1];
}

function tokenIssuer(token: string): string {
  try {
    return String(decodeJwt(token).iss ?? '');
  } catch {
    throw invalidLoginToken('Not a valid OpenId Connect identity token.');
  }
}

function audienceOf(claims: JWTPayload): string {
  const audience = [claims.aud].flat()[0];
  if (typeof audience !== 'string') throw invalidLoginToken('Missing a required claim: aud');
  return audience;
}

/** jose's verdict in AWS's words (errors.ts cites them). */
async function checked(verify: () => Promise<JWTPayload>, now: number, token: string): Promise<JWTPayload> {
  try {
    return await verify();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') {
      const exp = (() => {
        try {
          return decodeJwt(token).exp;
        } catch {
          return undefined;
        }
      })();
      throw invalidLoginToken(`Token expired: ${Math.floor(now / 1000)} >= ${exp}`);
    }
    if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID')
      throw invalidLoginToken('Not a valid OpenId Connect identity token.');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'iss')
      throw invalidLoginToken("Issuer doesn't match providerName");
    throw invalidLoginToken("Couldn't verify signed token.");
  }
}
