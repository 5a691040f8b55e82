// The hosted side of a user pool's OAuth 2.0 endpoints, driven as a browser drives them (fetch with
// redirect: 'manual'): the authorization-code grant with PKCE through the sign-in page, token, userInfo,
// refresh and revoke; codes refused; authorize's errors; the session cookie and logout; the implicit grant;
// PreTokenGeneration for hosted sign-ins. Expected answers: the endpoint pages of
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';
import {
  CALLBACK,
  codeOf,
  createOAuthPool,
  get,
  type OAuthPool,
  authorizeQuery as oauthQuery,
  PASSWORD,
  pkce,
  postForm,
  SIGNED_OUT,
  signInThroughPage as signIn,
} from './oauth-helpers.js';

describe('Cognito OAuth 2.0: authorization code, implicit grant and the hosted sign-in page', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  let pool: OAuthPool;

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    pool = await createOAuthPool(cloud, idp, 'flow');
  });
  after(() => cloud.stop());

  const authorizeQuery = (params: Record<string, string> = {}) => oauthQuery(pool, params);
  const signInThroughPage = (query: URLSearchParams, password?: string, username?: string) =>
    signIn(cloud, pool, query, password, username);

  it('the authorization-code grant with PKCE runs authorize, sign-in page, token, userInfo, refresh and revoke', async () => {
    const { verifier, challenge } = pkce();
    const signedIn = await signInThroughPage(
      authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-42' }),
    );
    assert.equal(signedIn.status, 302, signedIn.text);
    const back = new URL(signedIn.headers.get('location')!);
    assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
    assert.equal(back.searchParams.get('state'), 'st-123');
    assert.match(signedIn.headers.get('set-cookie') ?? '', /^cognito=[^;]+; Path=\/[\w-]+_\w+;.*HttpOnly/);

    const exchanged = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: pool.web,
      code: back.searchParams.get('code')!,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    assert.equal(exchanged.status, 200, exchanged.text);
    const tokens = exchanged.json();
    assert.deepEqual(Object.keys(tokens).sort(), [
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'token_type',
    ]);
    const jwks = createRemoteJWKSet(new URL(`${pool.base}/.well-known/jwks.json`));
    const verify = (jwt: string) =>
      jwtVerify(jwt, jwks, { issuer: pool.base, currentDate: new Date(cloud.clock.now()) });
    const id = (await verify(tokens.id_token)).payload;
    assert.equal(id.aud, pool.web);
    assert.equal(id.token_use, 'id');
    assert.equal(id.nonce, 'n-42');
    assert.equal(id['cognito:username'], 'alice');
    const access = (await verify(tokens.access_token)).payload;
    assert.equal(access.scope, 'openid email orders/read');
    assert.equal(access.client_id, pool.web);

    const info = await get(`${pool.base}/oauth2/userInfo`, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    assert.equal(info.status, 200, info.text);
    // "openid email": the user's email and email_verified beside sub and username, not given_name.
    assert.deepEqual(JSON.parse(info.text), {
      sub: id.sub,
      email: 'alice@example.com',
      email_verified: 'true',
      username: 'alice',
    });

    const refreshed = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: pool.web,
      refresh_token: tokens.refresh_token,
    });
    assert.equal(refreshed.status, 200, refreshed.text);
    const renewed = refreshed.json();
    assert.deepEqual(Object.keys(renewed).sort(), ['access_token', 'expires_in', 'id_token', 'token_type']);
    assert.equal(decodeJwt(renewed.access_token).scope, 'openid email orders/read');
    assert.equal(decodeJwt(renewed.access_token).origin_jti, access.origin_jti);

    const revoked = await postForm(`${pool.base}/oauth2/revoke`, {
      token: tokens.refresh_token,
      client_id: pool.web,
    });
    assert.equal(revoked.status, 200, revoked.text);
    const again = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: pool.web,
      refresh_token: tokens.refresh_token,
    });
    assert.deepEqual([again.status, again.json()], [400, { error: 'invalid_grant' }]);
    const afterRevoke = await get(`${pool.base}/oauth2/userInfo`, {
      authorization: `Bearer ${renewed.access_token}`,
    });
    assert.equal(afterRevoke.status, 401);
    assert.match(afterRevoke.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  it('a code is refused for a wrong verifier, a second use, another redirect_uri and after five minutes', async () => {
    const redeem = (code: string, fields: Record<string, string> = {}) =>
      postForm(`${pool.base}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: pool.web,
        code,
        redirect_uri: CALLBACK,
        ...fields,
      });
    const { verifier, challenge } = pkce();
    const query = authorizeQuery({
      code_challenge: challenge,
      code_challenge_method: 'S256',
      prompt: 'login',
    });
    const wrongVerifier = await redeem(codeOf((await signInThroughPage(query)).headers.get('location')!), {
      code_verifier: pkce().verifier,
    });
    assert.deepEqual([wrongVerifier.status, wrongVerifier.json()], [400, { error: 'invalid_grant' }]);

    const code = codeOf((await signInThroughPage(query)).headers.get('location')!);
    assert.equal((await redeem(code, { code_verifier: verifier })).status, 200);
    const reused = await redeem(code, { code_verifier: verifier });
    assert.deepEqual([reused.status, reused.json()], [400, { error: 'invalid_grant' }]);

    const plain = authorizeQuery({ prompt: 'login' });
    const otherRedirect = await redeem(codeOf((await signInThroughPage(plain)).headers.get('location')!), {
      redirect_uri: 'https://app.example.com/other',
    });
    assert.deepEqual([otherRedirect.status, otherRedirect.json()], [400, { error: 'invalid_grant' }]);

    const late = codeOf((await signInThroughPage(plain)).headers.get('location')!);
    cloud.clock.advance(5 * 60_000 + 1000);
    const expired = await redeem(late);
    assert.deepEqual([expired.status, expired.json()], [400, { error: 'invalid_grant' }]);

    const confidentialCode = codeOf(
      (
        await signInThroughPage(authorizeQuery({ client_id: pool.confidential.id, prompt: 'login' }))
      ).headers.get('location')!,
    );
    const noSecret = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: pool.confidential.id,
      code: confidentialCode,
      redirect_uri: CALLBACK,
    });
    assert.deepEqual([noSecret.status, noSecret.json()], [400, { error: 'invalid_client' }]);
  });

  it('authorize sends unknown clients and unregistered redirect URIs to the error page, other errors back to the app', async () => {
    const unknown = await get(
      `${pool.base}/oauth2/authorize?${authorizeQuery({ client_id: 'nosuchclient' })}`,
    );
    assert.equal(unknown.status, 302);
    assert.match(
      unknown.headers.get('location')!,
      new RegExp(`^/${pool.poolId}/error\\?error=invalid_request`),
    );
    const mismatch = await get(
      `${pool.base}/oauth2/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example/' })}`,
    );
    assert.match(mismatch.headers.get('location')!, /\/error\?error=redirect_mismatch&client_id=/);
    const errorPage = await get(`${cloud.endpoint}${mismatch.headers.get('location')}`);
    assert.equal(errorPage.status, 400);
    assert.match(errorPage.text, /redirect_mismatch/);

    const backWith = async (params: Record<string, string>) => {
      const response = await get(`${pool.base}/oauth2/authorize?${authorizeQuery(params)}`);
      const location = new URL(response.headers.get('location')!);
      return [
        location.origin + location.pathname,
        location.searchParams.get('error'),
        location.searchParams.get('state'),
      ];
    };
    assert.deepEqual(await backWith({ response_type: 'id_token' }), [
      CALLBACK,
      'unsupported_response_type',
      'st-123',
    ]);
    assert.deepEqual(await backWith({ scope: 'openid orders/write' }), [CALLBACK, 'invalid_scope', 'st-123']);
    // "Amazon Cognito authentication server supports only S256" (authorization-endpoint.html).
    assert.deepEqual(await backWith({ code_challenge: 'abc', code_challenge_method: 'plain' }), [
      CALLBACK,
      'invalid_request',
      'st-123',
    ]);
  });

  it('the sign-in page refuses a wrong password, an unknown user and a disabled user in AWS words', async () => {
    const query = authorizeQuery({ prompt: 'login' });
    const wrong = await signInThroughPage(query, 'Wr0ngpass!');
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /Incorrect username or password\./);
    const unknown = await signInThroughPage(query, PASSWORD, 'nobody');
    assert.match(unknown.text, /User does not exist\./);
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'dora', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'dora',
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    await idp.send(new AdminDisableUserCommand({ UserPoolId: pool.poolId, Username: 'dora' }));
    const disabled = await signInThroughPage(query, PASSWORD, 'dora');
    assert.match(disabled.text, /User is disabled\./);
  });

  it('the session cookie skips the form on the next authorize, and logout ends it and redirects to a logout URL', async () => {
    const first = await signInThroughPage(authorizeQuery({ prompt: 'login' }));
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const second = await get(`${pool.base}/oauth2/authorize?${authorizeQuery()}`, { cookie });
    assert.equal(second.status, 302);
    assert.ok(second.headers.get('location')!.startsWith(`${CALLBACK}?code=`));

    const bad = await get(
      `${pool.base}/logout?${new URLSearchParams({ client_id: pool.web, logout_uri: 'https://evil.example/' })}`,
      { cookie },
    );
    assert.match(bad.headers.get('location')!, /\/error\?error=redirect_mismatch/);
    const out = await get(
      `${pool.base}/logout?${new URLSearchParams({ client_id: pool.web, logout_uri: SIGNED_OUT })}`,
      { cookie },
    );
    assert.equal(out.status, 302);
    assert.equal(out.headers.get('location'), SIGNED_OUT);
    assert.match(out.headers.get('set-cookie')!, /^cognito=; .*Max-Age=0/);
    const third = await get(`${pool.base}/oauth2/authorize?${authorizeQuery()}`, { cookie });
    assert.ok(third.headers.get('location')!.startsWith(`/${pool.poolId}/login?`));
  });

  it('the implicit grant returns the tokens in the fragment, and its access token works with GetUser', async () => {
    const signedIn = await signInThroughPage(
      authorizeQuery({
        response_type: 'token',
        scope: 'openid aws.cognito.signin.user.admin',
        prompt: 'login',
      }),
    );
    const location = signedIn.headers.get('location')!;
    assert.ok(location.startsWith(`${CALLBACK}#`), location);
    const fragment = new URLSearchParams(location.slice(location.indexOf('#') + 1));
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('expires_in'), '3600');
    assert.equal(fragment.get('state'), 'st-123');
    assert.equal(fragment.get('refresh_token'), null);
    assert.equal(decodeJwt(fragment.get('id_token')!).aud, pool.web);
    const user = await idp.send(new GetUserCommand({ AccessToken: fragment.get('access_token')! }));
    assert.equal(user.Username, 'alice');
  });

  it('without openid there is no ID token, and userInfo refuses the access token', async () => {
    const signedIn = await signInThroughPage(authorizeQuery({ scope: 'orders/read', prompt: 'login' }));
    const exchanged = await postForm(`${pool.base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: pool.web,
      code: codeOf(signedIn.headers.get('location')!),
      redirect_uri: CALLBACK,
    });
    const tokens = exchanged.json();
    assert.equal(tokens.id_token, undefined);
    assert.equal(decodeJwt(tokens.access_token).scope, 'orders/read');
    const info = await get(`${pool.base}/oauth2/userInfo`, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    assert.equal(info.status, 401);
    const none = await get(`${pool.base}/oauth2/userInfo`);
    assert.equal(none.status, 400);
    assert.match(none.headers.get('www-authenticate')!, /error="invalid_request"/);
  });

  it('PreTokenGeneration runs for hosted sign-ins with TokenGeneration_HostedAuth and the requested scopes', async () => {
    const lambda = lambdaClient(cloud);
    const fn = await createFunction(lambda, 'oauth-pretoken', {
      'index.js': `exports.handler = async (event) => {
        event.response = { claimsOverrideDetails: { claimsToAddOrOverride: {
          source: event.triggerSource, scopes: event.request.scopes.join(' ') } } };
        return event;
      };`,
    });
    await idp.send(
      new UpdateUserPoolCommand({
        UserPoolId: pool.poolId,
        LambdaConfig: { PreTokenGeneration: fn.FunctionArn },
      }),
    );
    try {
      const signedIn = await signInThroughPage(authorizeQuery({ prompt: 'login' }));
      const exchanged = await postForm(`${pool.base}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: pool.web,
        code: codeOf(signedIn.headers.get('location')!),
        redirect_uri: CALLBACK,
      });
      const id = decodeJwt(exchanged.json().id_token);
      assert.equal(id.source, 'TokenGeneration_HostedAuth');
      assert.equal(id.scopes, 'openid email orders/read');
    } finally {
      await idp.send(new UpdateUserPoolCommand({ UserPoolId: pool.poolId, LambdaConfig: {} }));
    }
  });
});
