// What the OAuth endpoint tests share: a pool with a domain, a resource server (`orders`: read, write),
// three app clients (a public web client for code and implicit, the same with a secret, a machine client
// for client_credentials) and a confirmed user; and requests as a browser or an app makes them.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';

export const CALLBACK = 'https://app.example.com/callback';
export const SIGNED_OUT = 'https://app.example.com/signed-out';
export const PASSWORD = 'Passw0rd!';

export interface OAuthPool {
  poolId: string;
  domain: string;
  /** `http://127.0.0.1:<port>/<poolId>`: the issuer, under which the endpoints are served. */
  base: string;
  web: string;
  machine: { id: string; secret: string };
  confidential: { id: string; secret: string };
}

export async function createOAuthPool(
  cloud: Cloud,
  idp: CognitoIdentityProviderClient,
  name: string,
): Promise<OAuthPool> {
  const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: name }));
  const poolId = UserPool!.Id!;
  const domain = `nimbus-${name}-${randomBytes(3).toString('hex')}`;
  await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  await idp.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: 'orders',
      Name: 'Orders API',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'Read orders' },
        { ScopeName: 'write', ScopeDescription: 'Place orders' },
      ],
    }),
  );
  const client = async (input: Record<string, unknown>) =>
    (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ...input })))
      .UserPoolClient!;
  const userFlows = {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code', 'implicit'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'orders/read'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [SIGNED_OUT],
    SupportedIdentityProviders: ['COGNITO'],
  };
  const web = await client(userFlows);
  const confidential = await client({ ...userFlows, GenerateSecret: true });
  const machine = await client({
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['orders/read', 'orders/write'],
  });
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'alice',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: 'Alice' },
      ],
    }),
  );
  await idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: 'alice',
      Password: PASSWORD,
      Permanent: true,
    }),
  );
  return {
    poolId,
    domain,
    base: `${cloud.endpoint}/${poolId}`,
    web: web.ClientId!,
    machine: { id: machine.ClientId!, secret: machine.ClientSecret! },
    confidential: { id: confidential.ClientId!, secret: confidential.ClientSecret! },
  };
}

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export async function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { redirect: 'manual', headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeQuery(pool: OAuthPool, params: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: 'code',
    client_id: pool.web,
    redirect_uri: CALLBACK,
    state: 'st-123',
    scope: 'openid email orders/read',
    ...params,
  });
}

/** authorize → the hosted sign-in page → its form POST: the redirect back to the app. */
export async function signInThroughPage(
  cloud: Cloud,
  pool: OAuthPool,
  query: URLSearchParams,
  password = PASSWORD,
  username = 'alice',
) {
  const authorized = await get(`${pool.base}/oauth2/authorize?${query}`);
  assert.equal(authorized.status, 302);
  const loginPath = authorized.headers.get('location')!;
  assert.ok(loginPath.startsWith(`/${pool.poolId}/login?`), loginPath);
  const page = await get(`${cloud.endpoint}${loginPath}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post"/);
  assert.doesNotMatch(page.text, /<script|<link|https?:\/\/(?!app\.example)/);
  return postForm(`${cloud.endpoint}${loginPath}`, { username, password });
}

export const codeOf = (location: string) => new URL(location).searchParams.get('code')!;

/** A request with a Host header of our choosing (fetch does not let a caller set Host). */
export function rawHttp(
  cloud: Cloud,
  method: string,
  path: string,
  host: string,
  headers: Record<string, string> = {},
  body = '',
) {
  const { port } = new URL(cloud.endpoint);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, method, path, headers: { host: `${host}:${port}`, ...headers } },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    },
  );
}
