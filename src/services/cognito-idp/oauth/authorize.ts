// `GET /oauth2/authorize`: checks an authorization request (response_type code or token, client_id,
// redirect_uri among the client's CallbackURLs, state, scope, PKCE's code_challenge) and sends the browser
// to the hosted sign-in page (`/login`, same query), or straight back with a code or tokens when the
// `cognito` session cookie says the user signed in already. A bad client or redirect URI gets the error
// page, never a redirect to an unchecked URI; other errors go back to the redirect URI with `error` and
// `state`, as RFC 6749 §4.1.2.1 has it.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html

import type { MountResponse } from '../../../core/service.js';
import { preTokenGeneration } from '../auth/sign-in.js';
import type { ClientDoc } from '../cognito.js';
import type { UserRow } from '../store.js';
import { issueTokens } from '../tokens/tokens.js';
import {
  hostedSession,
  issueCode,
  rememberScopes,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  sessionCookie,
} from './codes.js';
import { cookieOf, type OAuthContext, queryOf, redirect, withParams } from './http.js';
import { grantScopes, parseScopes } from './scopes.js';

export interface AuthorizeRequest {
  readonly client: ClientDoc;
  readonly responseType: 'code' | 'token';
  readonly redirectUri: string;
  readonly state?: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  readonly nonce?: string;
}

export function authorize(ctx: OAuthContext): Promise<MountResponse> | MountResponse {
  const query = queryOf(ctx.request);
  const checked = readAuthorizeRequest(ctx, query);
  if ('status' in checked) return checked;
  const session = hostedSession(ctx.cognito, ctx.pool, cookieOf(ctx.request, SESSION_COOKIE));
  if (session && !parseScopes(query.get('prompt')).includes('login')) {
    return completeAuthorization(ctx, checked, session.user, session.authTimeMs);
  }
  return redirect(`${ctx.base}/login?${query}`);
}

/** The authorize request of `/oauth2/authorize` or `/login`, or the answer for a bad one. */
export function readAuthorizeRequest(
  ctx: OAuthContext,
  query: URLSearchParams,
): AuthorizeRequest | MountResponse {
  const clientId = query.get('client_id') ?? '';
  const client = ctx.cognito.findClient(clientId);
  if (!client || client.UserPoolId !== ctx.pool.row.id) return errorPage(ctx, 'invalid_request', clientId);
  const redirectUri = query.get('redirect_uri') ?? (client.DefaultRedirectURI as string | undefined) ?? '';
  const callbacks = (client.CallbackURLs as string[] | undefined) ?? [];
  if (!callbacks.includes(redirectUri)) return errorPage(ctx, 'redirect_mismatch', clientId);
  const state = query.get('state') ?? undefined;
  const back = (error: string) => redirect(withParams(redirectUri, { error, state }));
  const responseType = query.get('response_type');
  if (responseType !== 'code' && responseType !== 'token') return back('unsupported_response_type');
  const flows = (client.AllowedOAuthFlows as string[] | undefined) ?? [];
  const flow = responseType === 'code' ? 'code' : 'implicit';
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes(flow))
    return back('unauthorized_client');
  const scopes = grantScopes(ctx.cognito, ctx.pool, client, parseScopes(query.get('scope')), 'user');
  if (!scopes) return back('invalid_scope');
  const codeChallenge = query.get('code_challenge') ?? undefined;
  const codeChallengeMethod = query.get('code_challenge_method') ?? undefined;
  // "Amazon Cognito authentication server supports only S256" (authorization-endpoint.html).
  if (codeChallenge !== undefined && codeChallengeMethod !== 'S256') return back('invalid_request');
  if (codeChallenge === undefined && codeChallengeMethod !== undefined) return back('invalid_request');
  return {
    client,
    responseType,
    redirectUri,
    state,
    scopes,
    codeChallenge,
    codeChallengeMethod,
    nonce: query.get('nonce') ?? undefined,
  };
}

/** The end of a sign-in: back to the redirect URI with a code (`?code=…&state=…`) or, for the implicit
 * grant, the tokens in the fragment (`#id_token=…&access_token=…&token_type=Bearer&expires_in=…`). */
export async function completeAuthorization(
  ctx: OAuthContext,
  request: AuthorizeRequest,
  user: UserRow,
  authTimeMs: number,
  headers: Record<string, string | string[]> = {},
): Promise<MountResponse> {
  const { cognito, pool } = ctx;
  if (request.responseType === 'code') {
    const code = issueCode(cognito, request.client, user, authTimeMs, request);
    return redirect(withParams(request.redirectUri, { code, state: request.state }), headers);
  }
  const context = { cognito, pool, client: request.client };
  const override = await preTokenGeneration(context, user, 'TokenGeneration_HostedAuth', request.scopes);
  // The refresh token is kept, not given: it anchors revocation (GlobalSignOut) of the implicit tokens.
  const tokens = await issueTokens(cognito, pool, request.client, user, {
    authTimeMs,
    override,
    withRefreshToken: true,
    scopes: request.scopes,
    nonce: request.nonce,
  });
  const originJti = originOf(tokens.AccessToken);
  rememberScopes(cognito, originJti, request.scopes);
  const fragment = {
    ...(request.scopes.includes('openid') ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    token_type: 'Bearer',
    expires_in: String(tokens.ExpiresIn),
    state: request.state,
  };
  return redirect(withParams(request.redirectUri, fragment, true), headers);
}

/** The `Set-Cookie` of a new hosted session. */
export function sessionHeader(ctx: OAuthContext, id: string): Record<string, string> {
  return { 'set-cookie': sessionCookie(SESSION_COOKIE, id, ctx.base, SESSION_MAX_AGE_SECONDS) };
}

/** AWS sends the browser to `/error?error=<code>&client_id=…` for requests it cannot redirect. */
export function errorPage(ctx: OAuthContext, error: string, clientId: string): MountResponse {
  return redirect(`${ctx.base}/error?${new URLSearchParams({ error, client_id: clientId })}`);
}

/** The origin_jti claim of a token just signed (the refresh token row it is anchored to). */
export function originOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    origin_jti: string;
  };
  return payload.origin_jti;
}
