// What the OAuth 2.0 endpoints of a pool domain share: the request's form and query, the answers they give
// (JSON, redirects, HTML), AWS's OAuth error bodies (`{"error":"invalid_grant"}`, status 400), and the app
// client a token or revoke request authenticates as (HTTP Basic or the form's client_id/client_secret).
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html

import type { MountRequest, MountResponse } from '../../../core/service.js';
import type { ClientDoc, CognitoIdp, Pool } from '../cognito.js';

/** One request to a pool's OAuth endpoints, on its domain host or under its issuer path. */
export interface OAuthContext {
  readonly cognito: CognitoIdp;
  readonly pool: Pool;
  readonly request: MountRequest;
  /** The path the endpoints sit under: '' on the domain host, `/<poolId>` on the main port. */
  readonly base: string;
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type';

export function queryOf(request: MountRequest): URLSearchParams {
  return new URLSearchParams(request.rawQuery);
}

/** The form body; undefined when the request is not `application/x-www-form-urlencoded`, which the token
 * and revoke endpoints require. */
export function formOf(request: MountRequest): URLSearchParams | undefined {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(request.body.toString('utf8'));
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MountResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** AWS's error answer of the token and revoke endpoints: `HTTP/1.1 400` with `{"error":"<code>"}`. */
export function oauthError(error: OAuthErrorCode, description?: string): MountResponse {
  return json(400, description === undefined ? { error } : { error, error_description: description });
}

export function redirect(location: string, headers: Record<string, string | string[]> = {}): MountResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store', ...headers }, body: '' };
}

export function html(
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): MountResponse {
  return {
    status,
    headers: { 'content-type': 'text/html;charset=UTF-8', 'cache-control': 'no-store', ...headers },
    body,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The URI with the parameters added to its query (or, for the implicit grant, as its fragment). */
export function withParams(
  uri: string,
  params: Record<string, string | undefined>,
  fragment = false,
): string {
  const pairs = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) pairs.set(name, value);
  if (fragment) return `${uri.split('#')[0]}#${pairs}`;
  const [head, hash] = uri.split('#', 2);
  const joined = `${head}${head!.includes('?') ? '&' : '?'}${pairs}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** The app client the request authenticates as, or the error AWS answers: a client with a secret must
 * send it (Basic `client_id:client_secret`, or `client_secret` in the form); one without must not. */
export function authenticateClient(
  ctx: OAuthContext,
  form: URLSearchParams,
): { client: ClientDoc; withSecret: boolean } | MountResponse {
  const basic = basicCredentials(ctx.request);
  if (basic === null) return oauthError('invalid_client');
  const clientId = basic?.id ?? form.get('client_id');
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  if (!clientId) return oauthError('invalid_client');
  if (basic && form.get('client_id') && form.get('client_id') !== basic.id)
    return oauthError('invalid_client');
  const client = ctx.cognito.findClient(clientId);
  if (!client || client.UserPoolId !== ctx.pool.row.id) return oauthError('invalid_client');
  if (client.ClientSecret ? secret !== client.ClientSecret : secret !== undefined && secret !== '') {
    return oauthError('invalid_client');
  }
  return { client, withSecret: client.ClientSecret !== undefined };
}

/** `Authorization: Basic` credentials (RFC 6749 §2.3.1: both parts form-encoded); undefined without the
 * header, null when it is malformed. */
function basicCredentials(request: MountRequest): { id: string; secret: string } | undefined | null {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** A cookie of the request (the hosted sign-in page's session). */
export function cookieOf(request: MountRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
