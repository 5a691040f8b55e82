// `POST /oauth2/token`: the authorization_code grant (the code of an authorize request, its redirect_uri,
// and PKCE's code_verifier: ID, access and refresh tokens), refresh_token (new ID and access tokens with the
// scopes the sign-in was granted) and client_credentials (an access token for the app client itself, with
// custom scopes of the pool's resource servers). Errors are AWS's `{"error":"…"}` bodies with status 400.
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints-oauth-grants.html

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { type JWK, type JWTPayload, SignJWT } from 'jose';
import type { MountResponse } from '../../../core/service.js';
import { DEFAULT_AUTH_FLOWS } from '../auth/client-auth.js';
import { preTokenGeneration } from '../auth/sign-in.js';
import type { ClientDoc } from '../cognito.js';
import type { UserRow } from '../store.js';
import { issueTokens, signingKey, validitySeconds } from '../tokens/tokens.js';
import { originOf } from './authorize.js';
import { rememberedScopes, rememberScopes, takeCode } from './codes.js';
import { authenticateClient, formOf, json, type OAuthContext, oauthError } from './http.js';
import { grantScopes, parseScopes } from './scopes.js';

export async function token(ctx: OAuthContext): Promise<MountResponse> {
  const form = formOf(ctx.request);
  if (!form) return oauthError('invalid_request');
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError('invalid_request');
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
    return oauthError('unsupported_grant_type');
  }
  const authenticated = authenticateClient(ctx, form);
  if ('status' in authenticated) return authenticated;
  const { client } = authenticated;
  if (grantType === 'client_credentials') return clientCredentials(ctx, client, form);
  if (grantType === 'refresh_token') return refresh(ctx, client, form);
  return authorizationCode(ctx, client, form);
}

async function authorizationCode(ctx: OAuthContext, client: ClientDoc, form: URLSearchParams) {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code || !redirectUri) return oauthError('invalid_request');
  if (!oauthFlowAllowed(client, 'code')) return oauthError('unauthorized_client');
  const grant = takeCode(ctx.cognito, code);
  if (!grant || grant.clientId !== client.ClientId || grant.poolId !== ctx.pool.row.id) {
    return oauthError('invalid_grant');
  }
  if (grant.redirectUri !== redirectUri) return oauthError('invalid_grant');
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError('invalid_request');
    if (!sameText(s256(verifier), grant.codeChallenge)) return oauthError('invalid_grant');
  }
  const user = ctx.cognito.sql.user.get(ctx.pool.row.id, grant.usernameKey) as UserRow | undefined;
  if (!user || user.enabled === 0) return oauthError('invalid_grant');
  const context = { cognito: ctx.cognito, pool: ctx.pool, client };
  const override = await preTokenGeneration(context, user, 'TokenGeneration_HostedAuth', grant.scopes);
  const tokens = await issueTokens(ctx.cognito, ctx.pool, client, user, {
    authTimeMs: grant.authTimeMs,
    override,
    withRefreshToken: true,
    scopes: grant.scopes,
    nonce: grant.nonce,
  });
  rememberScopes(ctx.cognito, originOf(tokens.AccessToken), grant.scopes);
  return json(200, {
    ...(grant.scopes.includes('openid') ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    refresh_token: tokens.RefreshToken,
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  });
}

async function refresh(ctx: OAuthContext, client: ClientDoc, form: URLSearchParams) {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) return oauthError('invalid_request');
  const explicit = client.ExplicitAuthFlows ?? [];
  const flows = explicit.length > 0 ? explicit : DEFAULT_AUTH_FLOWS;
  if (!flows.includes('ALLOW_REFRESH_TOKEN_AUTH')) return oauthError('unauthorized_client');
  const { cognito, pool } = ctx;
  const row = cognito.findRefreshToken(refreshToken);
  if (!row || row.client_id !== client.ClientId || row.pool_id !== pool.row.id)
    return oauthError('invalid_grant');
  if (row.revoked || row.expires_at < cognito.clock.now()) return oauthError('invalid_grant');
  const user = cognito.sql.user.get(pool.row.id, row.username_key) as UserRow | undefined;
  if (!user || user.enabled === 0) return oauthError('invalid_grant');
  // A refresh token from InitiateAuth refreshes here too, with the API's one scope and an ID token.
  const remembered = rememberedScopes(cognito, row.origin_jti);
  const scopes = remembered ?? ['aws.cognito.signin.user.admin'];
  const context = { cognito, pool, client };
  const override = await preTokenGeneration(context, user, 'TokenGeneration_RefreshTokens', scopes);
  const tokens = await issueTokens(cognito, pool, client, user, {
    authTimeMs: row.auth_time,
    originJti: row.origin_jti,
    override,
    withRefreshToken: false,
    scopes,
  });
  return json(200, {
    ...(!remembered || remembered.includes('openid') ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  });
}

/** Machine-to-machine: the app client's own access token (`sub` is the client id), no ID or refresh token. */
async function clientCredentials(ctx: OAuthContext, client: ClientDoc, form: URLSearchParams) {
  if (!client.ClientSecret) return oauthError('invalid_client');
  if (!oauthFlowAllowed(client, 'client_credentials')) return oauthError('unauthorized_client');
  const scopes = grantScopes(ctx.cognito, ctx.pool, client, parseScopes(form.get('scope')), 'machine');
  if (!scopes) return oauthError('invalid_scope');
  const now = Math.floor(ctx.cognito.clock.now() / 1000);
  const life = validitySeconds(client, 'AccessToken');
  const kid = (JSON.parse(ctx.pool.row.public_jwk) as JWK).kid;
  const claims = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: ctx.cognito.issuer(ctx.pool.row.id),
    exp: now + life,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  };
  const accessToken = await new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(await signingKey(ctx.cognito, ctx.pool));
  return json(200, { access_token: accessToken, expires_in: life, token_type: 'Bearer' });
}

/** Whether the client has OAuth enabled (AllowedOAuthFlowsUserPoolClient) with this flow. */
function oauthFlowAllowed(client: ClientDoc, flow: 'code' | 'implicit' | 'client_credentials'): boolean {
  const flows = (client.AllowedOAuthFlows as string[] | undefined) ?? [];
  return client.AllowedOAuthFlowsUserPoolClient === true && flows.includes(flow);
}

/** PKCE S256: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). */
function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
