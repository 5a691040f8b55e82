// `GET|POST /oauth2/userInfo` (the user's attributes within the access token's scopes; the token must come
// from the token endpoint and hold `openid`) and `POST /oauth2/revoke` (a refresh token and the app
// client's credentials: it ends every token of that sign-in, as RevokeToken does).
// https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html

import { decodeJwt } from 'jose';
import type { MountResponse } from '../../../core/service.js';
import { attributesOf } from '../cognito.js';
import { requireAccessToken } from '../tokens/tokens.js';
import { readableBy } from '../users/attributes.js';
import { authenticateClient, formOf, json, type OAuthContext, oauthError } from './http.js';

/** What each reserved scope adds to `sub` and `username` ("openid" alone, or "profile": every attribute
 * the client may read). */
const SCOPE_ATTRIBUTES: Record<string, readonly string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

export async function userInfo(ctx: OAuthContext): Promise<MountResponse> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(String(ctx.request.headers.authorization ?? ''));
  if (!match) {
    return bearerError(400, 'invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
  }
  const invalid = () =>
    bearerError(
      401,
      'invalid_token',
      'Access token is expired, disabled, or deleted, or the user has globally signed out.',
    );
  let holder: Awaited<ReturnType<typeof requireAccessToken>>;
  try {
    holder = await requireAccessToken(ctx.cognito, match[1]!);
  } catch {
    return invalid();
  }
  const scopes = String(holder.claims.scope ?? '').split(' ');
  if (holder.pool.row.id !== ctx.pool.row.id || !scopes.includes('openid')) return invalid();
  const client = ctx.cognito.findClient(String(holder.claims.client_id));
  const readable = readableBy(attributesOf(holder.user), client?.ReadAttributes as string[] | undefined);
  const everything = scopes.includes('profile') || !scopes.some((scope) => scope in SCOPE_ATTRIBUTES);
  const wanted = new Set(scopes.flatMap((scope) => SCOPE_ATTRIBUTES[scope] ?? []));
  const claims: Record<string, string> = { sub: holder.user.sub };
  for (const { Name, Value } of readable) if (everything || wanted.has(Name)) claims[Name] = Value;
  claims.username = holder.user.username;
  return json(200, claims);
}

export function revoke(ctx: OAuthContext): MountResponse {
  const form = formOf(ctx.request);
  if (!form) return oauthError('invalid_request');
  const token = form.get('token');
  if (!token) return oauthError('invalid_request');
  const authenticated = authenticateClient(ctx, form);
  if ('status' in authenticated) return authenticated;
  const { client } = authenticated;
  if (client.EnableTokenRevocation === false) return oauthError('unauthorized_client');
  if (isJwt(token)) return oauthError('unsupported_token_type');
  const row = ctx.cognito.findRefreshToken(token);
  // RFC 7009 §2.2: an unknown or already revoked token is answered 200 as a revoked one.
  if (row && row.client_id !== client.ClientId) return oauthError('unauthorized_client');
  if (row) ctx.cognito.revokeOrigin(row.origin_jti);
  return { status: 200, headers: { 'cache-control': 'no-store' }, body: '' };
}

function bearerError(status: number, error: string, description: string): MountResponse {
  return json(
    status,
    { error, error_description: description },
    {
      'www-authenticate': `Bearer error="${error}", error_description="${description}"`,
    },
  );
}

function isJwt(token: string): boolean {
  if (token.split('.').length !== 3) return false;
  try {
    decodeJwt(token);
    return true;
  } catch {
    return false;
  }
}
