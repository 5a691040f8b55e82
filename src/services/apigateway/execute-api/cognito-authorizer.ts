// COGNITO_USER_POOLS authorizers: the token from the identitySource header (Authorization by default;
// raw, or after `Bearer `) verified with `jose` against the issuer of one of the authorizer's user pools —
// Nimbus's Cognito, `<endpoint>/<userPoolId>`, whose JWKS the shared verifier fetches (src/lib/jwt.ts) —
// then its expiry on the cloud clock and its kind: a method with authorizationScopes takes an access token
// granting one of them, any other method an ID token. Refusals are 401 Unauthorized. The function sees the
// claims as `requestContext.authorizer.claims` (strings; `exp` and `iat` as Java dates, as REST APIs
// render them).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html

import { decodeJwt, type JWTPayload } from 'jose';
import { claimText, tokenScopes, verifyJwt } from '../../../lib/jwt.js';
import type { ApiGateway } from '../apigateway.js';
import type { AuthorizerDoc } from '../documents.js';
import { type GatewayError, UNAUTHORIZED } from './gateway-response.js';
import type { AuthorizerOutput, Invocation } from './invocation.js';
import { mappedValue } from './mapping.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export async function cognitoAuthorize(
  engine: ApiGateway,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
): Promise<AuthorizerOutput | GatewayError> {
  const source = authorizer.identitySource || 'method.request.header.Authorization';
  const raw = mappedValue(invocation, source)?.trim();
  if (!raw) return UNAUTHORIZED;
  const token = raw.replace(/^Bearer\s+/i, '');
  const base = engine.endpoint().replace(/\/+$/, '');
  const issuers = (authorizer.providerARNs ?? []).map((arn) => `${base}/${arn.split('/').pop()}`);
  let claims: JWTPayload;
  try {
    const issuer = decodeJwt(token).iss;
    if (typeof issuer !== 'string' || !issuers.includes(issuer)) return UNAUTHORIZED;
    claims = await verifyJwt(engine, token, issuer, invocation.now);
  } catch {
    return UNAUTHORIZED;
  }
  const required = invocation.method.authorizationScopes ?? [];
  if (required.length > 0) {
    if (claims.token_use !== 'access') return UNAUTHORIZED;
    const granted = tokenScopes(claims);
    if (!required.some((scope) => granted.includes(scope))) return UNAUTHORIZED;
  } else if (claims.token_use !== 'id') {
    return UNAUTHORIZED;
  }
  const rendered = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      (name === 'exp' || name === 'iat') && typeof value === 'number' ? javaDate(value) : claimText(value),
    ]),
  );
  return { context: { claims: rendered } };
}

/** `Thu Dec 07 14:35:00 UTC 2026`. */
function javaDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}
