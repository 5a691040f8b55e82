// The hosted sign-in page: `GET /login` (a plain HTML form, no external assets) and its `POST /login`, which
// checks the username and password against the pool's users as a sign-in does (lockout, PreAuthentication,
// the account's state, PostAuthentication), starts the `cognito` session and ends the authorize request;
// `GET /logout` (client_id and a logout_uri among the client's LogoutURLs, or redirect_uri and
// response_type to sign in again) and the `/error` page.
// https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html

import { ServiceError } from '../../../core/errors.js';
import type { MountResponse } from '../../../core/service.js';
import {
  checkNotLocked,
  failedPassword,
  preAuthentication,
  type SignInContext,
  unknownUser,
  userAttributesRecord,
} from '../auth/sign-in.js';
import { notAuthorized, userNotConfirmed } from '../errors.js';
import type { UserRow } from '../store.js';
import { runTrigger } from '../triggers/triggers.js';
import { passwordMatches } from '../users/users.js';
import {
  type AuthorizeRequest,
  completeAuthorization,
  errorPage,
  readAuthorizeRequest,
  sessionHeader,
} from './authorize.js';
import { endHostedSession, newHostedSession, SESSION_COOKIE, sessionCookie } from './codes.js';
import { cookieOf, escapeHtml, html, type OAuthContext, queryOf, redirect } from './http.js';

export async function login(ctx: OAuthContext): Promise<MountResponse> {
  const query = queryOf(ctx.request);
  const checked = readAuthorizeRequest(ctx, query);
  if ('status' in checked) return checked;
  if (ctx.request.method !== 'POST') return loginPage(ctx, query);
  const form = new URLSearchParams(ctx.request.body.toString('utf8'));
  const username = form.get('username') ?? '';
  let user: UserRow;
  try {
    user = await signIn(ctx, checked, username, form.get('password') ?? '');
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return loginPage(ctx, query, error.message, username, 400);
  }
  const authTimeMs = ctx.cognito.clock.now();
  const session = newHostedSession(ctx.cognito, user, authTimeMs);
  return completeAuthorization(ctx, checked, user, authTimeMs, sessionHeader(ctx, session));
}

export function logout(ctx: OAuthContext): MountResponse | Promise<MountResponse> {
  const query = queryOf(ctx.request);
  const clientId = query.get('client_id') ?? '';
  const client = ctx.cognito.findClient(clientId);
  if (!client || client.UserPoolId !== ctx.pool.row.id) return errorPage(ctx, 'invalid_request', clientId);
  endHostedSession(ctx.cognito, cookieOf(ctx.request, SESSION_COOKIE));
  const cleared = { 'set-cookie': sessionCookie(SESSION_COOKIE, '', ctx.base, 0) };
  const logoutUri = query.get('logout_uri');
  if (logoutUri !== null) {
    const allowed = (client.LogoutURLs as string[] | undefined) ?? [];
    if (!allowed.includes(logoutUri)) return errorPage(ctx, 'redirect_mismatch', clientId);
    return redirect(logoutUri, cleared);
  }
  // Without logout_uri, the user signs in again: redirect_uri and response_type make an authorize request.
  const checked = readAuthorizeRequest(ctx, query);
  if ('status' in checked) return checked;
  return redirect(`${ctx.base}/login?${query}`, cleared);
}

export function errorView(ctx: OAuthContext): MountResponse {
  const error = queryOf(ctx.request).get('error') ?? 'invalid_request';
  return html(
    400,
    page(
      'Error',
      `<p>An error was encountered with the requested page.</p><p><code>${escapeHtml(error)}</code></p>`,
    ),
  );
}

/** Signs the user in with a password as managed login does; a failure is a ServiceError in AWS's words. */
async function signIn(
  ctx: OAuthContext,
  request: AuthorizeRequest,
  name: string,
  password: string,
): Promise<UserRow> {
  const context: SignInContext = { cognito: ctx.cognito, pool: ctx.pool, client: request.client };
  let user = ctx.cognito.findUserBySignInName(ctx.pool, name);
  if (!user || name === '') throw unknownUser(request.client);
  checkNotLocked(context, user);
  await preAuthentication(context, user);
  if (!passwordMatches(user, password)) throw failedPassword(context, user);
  if (user.failed_attempts > 0) user = ctx.cognito.saveUser({ ...user, failed_attempts: 0, locked_until: 0 });
  if (user.enabled === 0) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed();
  if (user.status !== 'CONFIRMED') {
    // A forced password change or reset needs pages this minimal sign-in page does not have.
    throw notAuthorized(`The user must complete ${user.status} before signing in here.`);
  }
  await runTrigger(ctx.cognito, ctx.pool, 'PostAuthentication', {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: request.client.ClientId,
    request: { userAttributes: userAttributesRecord(user), newDeviceUsed: false, clientMetadata: {} },
  });
  return user;
}

function loginPage(ctx: OAuthContext, query: URLSearchParams, error?: string, username = '', status = 200) {
  const action = `${ctx.base}/login?${query}`;
  const body = `<form method="post" action="${escapeHtml(action)}">
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<label>Username <input name="username" autocomplete="username" value="${escapeHtml(username)}" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`;
  return html(status, page('Sign in', body));
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;box-sizing:border-box}
button{padding:.5rem 1rem}.error{color:#b00020}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}
