// JWT authorizers of HTTP APIs: the token from the identity source (alone or after `Bearer `), its RSA
// signature checked against the issuer's JWKS (cached two hours on the cloud clock, refetched once for an
// unknown `kid`), then iss, aud (or client_id when there is no aud), exp, nbf and iat, and the route's
// AuthorizationScopes against `scope`/`scp`. Refusals are 401 `{"message":"Unauthorized"}` with the
// `www-authenticate` challenge AWS sends, or 403 `{"message":"Forbidden"}` for missing scopes.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html

import type { JWTPayload } from 'jose';
import type { MountResponse } from '../../../core/service.js';
import {
  claimText,
  describeJwtError as describe,
  tokenScopes,
  verifyJwt as verify,
} from '../../../lib/jwt.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import type { AuthorizerDoc } from '../documents.js';
import { type AuthorizerOutput, gatewayResponse, type Invocation } from './invocation.js';
import { lookup } from './mapping.js';

export async function jwtAuthorize(
  engine: ApiGatewayV2,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
): Promise<AuthorizerOutput | MountResponse> {
  const source = authorizer.IdentitySource[0] ?? '$request.header.Authorization';
  const raw = lookup(source.replace(/^\$/, ''), invocation)?.trim();
  if (!raw) return unauthorized();
  const token = raw.replace(/^Bearer\s+/i, '');
  const issuer = authorizer.JwtConfiguration?.Issuer ?? '';
  let claims: JWTPayload;
  try {
    claims = await verify(engine, token, issuer, invocation.now);
  } catch (error) {
    return unauthorized(describe(error));
  }
  const audiences = authorizer.JwtConfiguration?.Audience ?? [];
  // "API Gateway validates client_id only if aud is not present." (troubleshooting page)
  const aud = claims.aud === undefined ? [claims.client_id] : [claims.aud].flat();
  if (!aud.some((value) => typeof value === 'string' && audiences.includes(value))) {
    return unauthorized('the token does not have a valid audience');
  }
  if (typeof claims.iat === 'number' && claims.iat * 1000 > invocation.now) {
    return unauthorized('the token was issued in the future');
  }
  const required = invocation.route.AuthorizationScopes ?? [];
  const granted = tokenScopes(claims);
  if (required.length > 0 && !required.some((scope) => granted.includes(scope))) {
    return gatewayResponse(403, 'Forbidden', {
      'www-authenticate': `Bearer scope="${required.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${required.join(' ')}]"`,
    });
  }
  const stringClaims = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, claimText(value)]),
  );
  // Scopes are handed on only for a route that asks for some; otherwise `null`, as AWS sends it.
  const scopes = required.length > 0 ? granted : null;
  return {
    v2: { jwt: { claims: stringClaims, scopes } },
    v1: { claims: stringClaims, scopes },
    values: { claims: stringClaims, scopes },
  };
}

/** 401 with the challenge: `Bearer` alone when no token came (RFC 6750 §3.1), else the reason. */
function unauthorized(reason?: string): MountResponse {
  const challenge =
    reason === undefined ? 'Bearer' : `Bearer scope="" error="invalid_token" error_description="${reason}"`;
  return gatewayResponse(401, 'Unauthorized', { 'www-authenticate': challenge });
}
