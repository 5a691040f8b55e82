// The app side of a user pool's OAuth 2.0 endpoints: client_credentials with a resource-server scope,
// verified with jose against the pool's JWKS; the token endpoint's OAuth errors; the domain's Host-header
// forms; and malformed requests. Expected answers:
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';
import {
  basic,
  CALLBACK,
  createOAuthPool,
  get,
  type OAuthPool,
  authorizeQuery as oauthQuery,
  postForm,
  rawHttp as rawHttpTo,
} from './oauth-helpers.js';

describe('Cognito OAuth 2.0: the token endpoint and the domain host', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  let pool: OAuthPool;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    pool = await createOAuthPool(cloud, idp, 'token');
  });
  after(() => cloud.stop());

  const authorizeQuery = (params: Record<string, string> = {}) => oauthQuery(pool, params);
  const rawHttp = (
    method: string,
    path: string,
    host: string,
    headers?: Record<string, string>,
    body?: string,
  ) => rawHttpTo(cloud, method, path, host, headers, body);

  it('client_credentials with Basic auth issues an access token with the resource-server scope that verifies against the JWKS', async () => {
    const response = await postForm(
      `${pool.base}/oauth2/token`,
      { grant_type: 'client_credentials', scope: 'orders/read' },
      { authorization: basic(pool.machine.id, pool.machine.secret) },
    );
    assert.equal(response.status, 200, response.text);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    // Browsers call the token endpoint from single-page apps: CORS answers for any origin.
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const preflight = await fetch(`${pool.base}/oauth2/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /authorization/);
    const jwks = createRemoteJWKSet(new URL(`${pool.base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token, jwks, {
      issuer: pool.base,
      currentDate: new Date(cloud.clock.now()),
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, pool.machine.id);
    assert.equal(payload.client_id, pool.machine.id);
    assert.equal(payload.token_use, 'access');
    assert.equal(payload.scope, 'orders/read');
  });

  it('client_credentials takes the secret from the form and grants every allowed scope when none is asked', async () => {
    const response = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'client_credentials',
      client_id: pool.machine.id,
      client_secret: pool.machine.secret,
    });
    assert.equal(response.status, 200, response.text);
    assert.equal(decodeJwt(response.json().access_token).scope, 'orders/read orders/write');
  });

  it('the token endpoint answers AWS OAuth errors with status 400', async () => {
    const token = (fields: Record<string, string>, headers?: Record<string, string>) =>
      postForm(`${pool.base}/oauth2/token`, fields, headers);
    const cases: [Promise<Awaited<ReturnType<typeof token>>>, string][] = [
      [
        token({ grant_type: 'client_credentials' }, { authorization: basic(pool.machine.id, 'wrong') }),
        'invalid_client',
      ],
      [
        token({ grant_type: 'client_credentials' }, { authorization: basic('nosuchclient', 'x') }),
        'invalid_client',
      ],
      [
        token(
          { grant_type: 'client_credentials', scope: 'orders/delete' },
          { authorization: basic(pool.machine.id, pool.machine.secret) },
        ),
        'invalid_scope',
      ],
      [
        token(
          { grant_type: 'client_credentials', scope: 'openid' },
          { authorization: basic(pool.machine.id, pool.machine.secret) },
        ),
        'invalid_scope',
      ],
      [
        token(
          { grant_type: 'client_credentials' },
          { authorization: basic(pool.confidential.id, pool.confidential.secret) },
        ),
        'unauthorized_client',
      ],
      [token({ grant_type: 'password', client_id: pool.web }), 'unsupported_grant_type'],
      [token({ client_id: pool.web }), 'invalid_request'],
      [token({ grant_type: 'refresh_token', client_id: pool.web }), 'invalid_request'],
      [token({ grant_type: 'refresh_token', client_id: pool.web, refresh_token: 'nope' }), 'invalid_grant'],
    ];
    for (const [pending, error] of cases) {
      const response = await pending;
      assert.equal(response.status, 400, response.text);
      assert.deepEqual(response.json(), { error });
    }
    const json = await fetch(`${pool.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"client_credentials"}',
    });
    assert.equal(json.status, 400);
    assert.deepEqual(await json.json(), { error: 'invalid_request' });
  });

  it('the endpoints answer on the domain host (Host: <domain>.auth.us-east-1.amazoncognito.com)', async () => {
    const host = `${pool.domain}.auth.us-east-1.amazoncognito.com`;
    const token = await rawHttp(
      'POST',
      '/oauth2/token',
      host,
      {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(pool.machine.id, pool.machine.secret),
      },
      'grant_type=client_credentials&scope=orders%2Fwrite',
    );
    assert.equal(token.status, 200, token.body);
    assert.equal(decodeJwt(JSON.parse(token.body).access_token).iss, pool.base);
    const authorize = await rawHttp('GET', `/oauth2/authorize?${authorizeQuery()}`, host);
    assert.equal(authorize.status, 302);
    assert.ok(String(authorize.headers.location).startsWith('/login?'));
    const localhost = await rawHttp(
      'GET',
      `/login?${authorizeQuery()}`,
      `${pool.domain}.auth.us-east-1.localhost`,
    );
    assert.equal(localhost.status, 200);
    const wrongRegion = await rawHttp(
      'GET',
      '/oauth2/authorize',
      `${pool.domain}.auth.eu-west-1.amazoncognito.com`,
    );
    assert.equal(wrongRegion.status, 404);
  });

  it('malformed requests get OAuth errors or pages, never a 500', async () => {
    const junk = [
      () => get(`${pool.base}/oauth2/authorize`),
      () => get(`${pool.base}/oauth2/authorize?client_id=%E0%A4%A&redirect_uri=%%`),
      () => get(`${pool.base}/login`),
      () => postForm(`${pool.base}/login?${authorizeQuery()}`, {}),
      () => get(`${pool.base}/logout`),
      () => get(`${pool.base}/logout?client_id=${pool.web}`),
      () => get(`${pool.base}/oauth2/token`),
      () =>
        postForm(
          `${pool.base}/oauth2/token`,
          { grant_type: 'client_credentials' },
          { authorization: 'Basic !!!' },
        ),
      () =>
        postForm(
          `${pool.base}/oauth2/token`,
          { grant_type: 'client_credentials' },
          { authorization: 'Basic JTpa' },
        ),
      () =>
        postForm(`${pool.base}/oauth2/token`, {
          grant_type: 'authorization_code',
          client_id: pool.web,
          code: 'x',
          redirect_uri: CALLBACK,
        }),
      () => get(`${pool.base}/oauth2/userInfo`, { authorization: 'Bearer not.a.jwt' }),
      () => get(`${pool.base}/oauth2/userInfo`, { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }),
      () => postForm(`${pool.base}/oauth2/revoke`, {}),
      () => postForm(`${pool.base}/oauth2/revoke`, { token: 'abc', client_id: 'nosuchclient' }),
      () => postForm(`${pool.base}/oauth2/revoke`, { token: 'a.b.c', client_id: pool.web }),
      () => get(`${pool.base}/oauth2/nothing`),
    ];
    for (const send of junk) {
      const response = await send();
      assert.ok(response.status >= 200 && response.status < 500, `${response.status} ${response.text}`);
    }
  });
});
