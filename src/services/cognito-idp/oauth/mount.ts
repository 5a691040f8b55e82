// Where a pool's OAuth 2.0 endpoints are served: on its domain's host, `<prefix>.auth.<region>.amazoncognito.com`
// (as a Host header) or `<prefix>.auth.<region>.localhost:<port>` (browsers and curl resolve it), and under
// the pool's issuer on the main port, `/<poolId>/oauth2/…`, `/<poolId>/login`, `/<poolId>/logout`, which
// every resolver reaches (glibc does not resolve names under `.localhost`, so Node and Python need this form).
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html

import { ServiceError } from '../../../core/errors.js';
import type { Mount, MountRequest, MountResponse } from '../../../core/service.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { authorize } from './authorize.js';
import { json, type OAuthContext, oauthError } from './http.js';
import { errorView, login, logout } from './login.js';
import { token } from './token.js';
import { revoke, userInfo } from './userinfo.js';

const DOMAIN_HOST =
  /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.auth\.([a-z0-9-]+)\.(?:amazoncognito\.com|localhost)$/;

/** The paths under a pool's issuer that are OAuth endpoints (the rest are the issuer's documents). */
export const OAUTH_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)(\/(?:oauth2\/[A-Za-z]+|login|logout|error))$/;

export const domainMount: Mount<CognitoIdp> = {
  hosts: [DOMAIN_HOST],
  handle: (request, cognito) => {
    const [, prefix, region] = request.hostMatch ?? [];
    const row = cognito.sql.domain.get(prefix ?? '') as { pool_id: string } | undefined;
    const pool = row && cognito.findPool(row.pool_id);
    if (!pool || pool.row.region !== region) {
      return json(404, { code: 'ResourceNotFoundException', message: 'User pool domain does not exist.' });
    }
    return serveOAuth(cognito, pool, request, '', request.path);
  },
};

/** Serves one OAuth endpoint of the pool; `path` is the request's path below `base`. */
export async function serveOAuth(
  cognito: CognitoIdp,
  pool: Pool,
  request: MountRequest,
  base: string,
  path: string,
): Promise<MountResponse> {
  const ctx: OAuthContext = { cognito, pool, request, base };
  const endpoint = path.toLowerCase();
  if (!API_ENDPOINTS.has(endpoint)) return serve(ctx, endpoint);
  // Single-page apps call these from the browser (Amplify's code exchange): CORS for any origin, no cookies.
  if (request.method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...CORS,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      },
      body: '',
    };
  }
  const response = await serve(ctx, endpoint);
  return { ...response, headers: { ...response.headers, ...CORS } };
}

const API_ENDPOINTS = new Set(['/oauth2/token', '/oauth2/userinfo', '/oauth2/revoke']);
const CORS = { 'access-control-allow-origin': '*' };

async function serve(ctx: OAuthContext, endpoint: string): Promise<MountResponse> {
  const method = ctx.request.method;
  try {
    switch (endpoint) {
      case '/oauth2/authorize':
        return method === 'GET' ? await authorize(ctx) : notAllowed('GET');
      case '/oauth2/token':
        return method === 'POST' ? await token(ctx) : notAllowed('POST');
      case '/oauth2/userinfo':
        return method === 'GET' || method === 'POST' ? await userInfo(ctx) : notAllowed('GET, POST');
      case '/oauth2/revoke':
        return method === 'POST' ? revoke(ctx) : notAllowed('POST');
      case '/login':
        return method === 'GET' || method === 'POST' ? await login(ctx) : notAllowed('GET, POST');
      case '/logout':
        return method === 'GET' ? await logout(ctx) : notAllowed('GET');
      case '/error':
        return errorView(ctx);
      default:
        return json(404, { error: 'not_found' });
    }
  } catch (error) {
    // A trigger's failure (UserLambdaValidationException) and the like: the request cannot be served.
    if (error instanceof ServiceError) return oauthError('invalid_request', error.message);
    throw error;
  }
}

function notAllowed(allow: string): MountResponse {
  return {
    status: 405,
    headers: { allow, 'content-type': 'application/json' },
    body: '{"error":"invalid_request"}',
  };
}
