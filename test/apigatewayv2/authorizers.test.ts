// Authorizers enforced at the execute-api endpoint: JWTs signed with a key pair the test generates, their
// JWKS served by a node:http server of the test (issuer.ts; nothing inside Nimbus mocked), Lambda REQUEST
// authorizers with simple and IAM policy answers and TTL caching on the cloud clock, and AWS_IAM.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  type CreateRouteCommandInput,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { generateKeyPair, SignJWT } from 'jose';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, sigv4Header, startTestCloud } from '../support/helpers.js';
import { startIssuer, type TestIssuer } from './issuer.js';

const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });`;
// Counts its invocations, so a cached answer is told apart from a fresh one.
const AUTHORIZER = `let calls = 0;
exports.handler = async (event) => {
  calls++;
  const token = event.version === '2.0' ? event.identitySource[0] : event.authorizationToken;
  if (event.version === '2.0' && !event.routeArn) throw new Error('no routeArn');
  if (token === 'boom') throw new Error('boom');
  if (process.env.SIMPLE) return { isAuthorized: token === 'good', context: { user: 'alice', calls } };
  return {
    principalId: 'alice',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke',
      Effect: token === 'good' ? 'Allow' : 'Deny', Resource: event.methodArn ?? event.routeArn }] },
    context: { calls },
  };
};`;

describe('API Gateway v2 authorizers', () => {
  let cloud: Cloud;
  let issuer: TestIssuer;
  let discovered: TestIssuer;
  let endpoint: string;

  before(async () => {
    cloud = await startTestCloud();
    issuer = await startIssuer();
    discovered = await startIssuer({ discovery: true });

    const lambda = lambdaClient(cloud);
    const echo = await createFunction(lambda, 'auth-echo', { 'index.js': ECHO });
    const simple = await createFunction(
      lambda,
      'auth-simple',
      { 'index.js': AUTHORIZER },
      {
        environment: { SIMPLE: '1' },
      },
    );
    const policy = await createFunction(lambda, 'auth-policy', { 'index.js': AUTHORIZER });
    const api = client(cloud, ApiGatewayV2Client);
    const { ApiId, ApiEndpoint } = await api.send(
      new CreateApiCommand({ Name: 'auth', ProtocolType: 'HTTP' }),
    );
    endpoint = ApiEndpoint!;
    const { IntegrationId } = await api.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: echo.FunctionArn }),
    );
    const { IntegrationId: v1Integration } = await api.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: echo.FunctionArn,
        PayloadFormatVersion: '1.0',
      }),
    );
    const jwt = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'jwt',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: issuer.url, Audience: ['my-app'] },
      }),
    );
    const viaDiscovery = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'discovered',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.x-id-token'],
        JwtConfiguration: { Issuer: discovered.url, Audience: ['my-app'] },
      }),
    );
    const lambdaUri = (arn: string) =>
      `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
    const simpleAuthorizer = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'simple',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: lambdaUri(simple.FunctionArn!),
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.x-token'],
        AuthorizerResultTtlInSeconds: 300,
      }),
    );
    const policyAuthorizer = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'policy',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: lambdaUri(policy.FunctionArn!),
        AuthorizerPayloadFormatVersion: '1.0',
        IdentitySource: ['$request.querystring.token'],
      }),
    );
    const target = `integrations/${IntegrationId}`;
    const routes: Omit<CreateRouteCommandInput, 'ApiId'>[] = [
      { RouteKey: 'GET /jwt', AuthorizationType: 'JWT', AuthorizerId: jwt.AuthorizerId },
      { RouteKey: 'GET /discovered', AuthorizationType: 'JWT', AuthorizerId: viaDiscovery.AuthorizerId },
      {
        RouteKey: 'GET /scoped',
        AuthorizationType: 'JWT',
        AuthorizerId: jwt.AuthorizerId,
        AuthorizationScopes: ['orders:read'],
      },
      { RouteKey: 'GET /simple', AuthorizationType: 'CUSTOM', AuthorizerId: simpleAuthorizer.AuthorizerId },
      { RouteKey: 'GET /policy', AuthorizationType: 'CUSTOM', AuthorizerId: policyAuthorizer.AuthorizerId },
      {
        RouteKey: 'GET /policy-v1',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: policyAuthorizer.AuthorizerId,
        Target: `integrations/${v1Integration}`,
      },
      { RouteKey: 'GET /iam', AuthorizationType: 'AWS_IAM' },
    ];
    for (const route of routes) await api.send(new CreateRouteCommand({ ApiId, Target: target, ...route }));
    await api.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  });
  after(async () => {
    issuer.close();
    discovered.close();
    await cloud.stop();
  });

  const token = (claims: Record<string, unknown>, expiresInSeconds = 3600) =>
    issuer.sign(claims, cloud.clock.now(), expiresInSeconds);

  it('passes a valid JWT and hands its claims, as strings, to the function', async () => {
    const jwt = await token({ aud: 'my-app', sub: 'u1', groups: ['a', 'b'] });
    const response = await fetch(`${endpoint}/jwt`, { headers: { authorization: `Bearer ${jwt}` } });
    assert.equal(response.status, 200);
    const event = await response.json();
    assert.equal(event.requestContext.authorizer.jwt.claims.sub, 'u1');
    assert.equal(event.requestContext.authorizer.jwt.claims.aud, 'my-app');
    assert.match(event.requestContext.authorizer.jwt.claims.exp, /^\d+$/);
    assert.equal(event.requestContext.authorizer.jwt.claims.groups, '[a b]');
    assert.equal(event.requestContext.authorizer.jwt.scopes, null);
    // The token alone, without "Bearer", is accepted too (the JWT authorizer page, step 1).
    assert.equal((await fetch(`${endpoint}/jwt`, { headers: { authorization: jwt } })).status, 200);
    // client_id stands for aud when there is none (Cognito access tokens).
    const access = await token({ client_id: 'my-app' });
    assert.equal((await fetch(`${endpoint}/jwt`, { headers: { authorization: access } })).status, 200);
  });

  it("finds the issuer's keys through its OpenID discovery document, from another identity source", async () => {
    const jwt = await discovered.sign({ aud: 'my-app', sub: 'd1' }, cloud.clock.now());
    const response = await fetch(`${endpoint}/discovered`, { headers: { 'x-id-token': jwt } });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).requestContext.authorizer.jwt.claims.sub, 'd1');
    // A token of the other issuer is refused: its signature does not verify with these keys.
    const foreign = await fetch(`${endpoint}/discovered`, {
      headers: { 'x-id-token': await token({ aud: 'my-app' }) },
    });
    assert.equal(foreign.status, 401);
  });

  it('answers 401 with the www-authenticate challenge AWS sends', async () => {
    const missing = await fetch(`${endpoint}/jwt`);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { message: 'Unauthorized' });
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    const wrongAudience = await fetch(`${endpoint}/jwt`, {
      headers: { authorization: `Bearer ${await token({ aud: 'other' })}` },
    });
    assert.equal(wrongAudience.status, 401);
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
    assert.equal(
      wrongAudience.headers.get('www-authenticate'),
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    const expired = await fetch(`${endpoint}/jwt`, {
      headers: { authorization: `Bearer ${await token({ aud: 'my-app' }, -60)}` },
    });
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate')!, /the token has expired/);
    const forged = await new SignJWT({ aud: 'my-app' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer.url)
      .setExpirationTime('1h')
      .sign((await generateKeyPair('RS256')).privateKey);
    assert.equal((await fetch(`${endpoint}/jwt`, { headers: { authorization: forged } })).status, 401);
  });

  it('answers 403 Forbidden when the token lacks the route scopes', async () => {
    const none = await fetch(`${endpoint}/scoped`, {
      headers: { authorization: `Bearer ${await token({ aud: 'my-app', scope: 'orders:write' })}` },
    });
    assert.equal(none.status, 403);
    assert.deepEqual(await none.json(), { message: 'Forbidden' });
    const scoped = await fetch(`${endpoint}/scoped`, {
      headers: { authorization: `Bearer ${await token({ aud: 'my-app', scope: 'orders:read profile' })}` },
    });
    assert.equal(scoped.status, 200);
    assert.deepEqual((await scoped.json()).requestContext.authorizer.jwt.scopes, ['orders:read', 'profile']);
  });

  it('runs a simple-response Lambda authorizer, caching by identity source for the TTL', async () => {
    const missing = await fetch(`${endpoint}/simple`);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { message: 'Unauthorized' });
    const refused = await fetch(`${endpoint}/simple`, { headers: { 'x-token': 'bad' } });
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { message: 'Forbidden' });
    const first = await (await fetch(`${endpoint}/simple`, { headers: { 'x-token': 'good' } })).json();
    assert.equal(first.requestContext.authorizer.lambda.user, 'alice');
    const second = await (await fetch(`${endpoint}/simple`, { headers: { 'x-token': 'good' } })).json();
    assert.equal(second.requestContext.authorizer.lambda.calls, first.requestContext.authorizer.lambda.calls);
    cloud.clock.advance(301_000);
    const third = await (await fetch(`${endpoint}/simple`, { headers: { 'x-token': 'good' } })).json();
    assert.equal(
      third.requestContext.authorizer.lambda.calls,
      first.requestContext.authorizer.lambda.calls + 1,
    );
    const failed = await fetch(`${endpoint}/simple`, { headers: { 'x-token': 'boom' } });
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), { message: 'Internal Server Error' });
  });

  it('evaluates an IAM policy answer for the route ARN (payload 1.0)', async () => {
    const allowed = await fetch(`${endpoint}/policy?token=good`);
    assert.equal(allowed.status, 200);
    const event = await allowed.json();
    assert.equal(typeof event.requestContext.authorizer.lambda.calls, 'number');
    assert.equal((await fetch(`${endpoint}/policy?token=bad`)).status, 403);
    assert.equal((await fetch(`${endpoint}/policy`)).status, 401);
    const v1 = await (await fetch(`${endpoint}/policy-v1?token=good`)).json();
    assert.equal(v1.requestContext.authorizer.principalId, 'alice');
    assert.equal(typeof v1.requestContext.authorizer.calls, 'number');
  });

  it('takes AWS_IAM requests that are signed, refusing unsigned ones', async () => {
    const unsigned = await fetch(`${endpoint}/iam`);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(await unsigned.json(), { message: 'Forbidden' });
    const signed = await fetch(`${endpoint}/iam`, {
      headers: { authorization: sigv4Header('execute-api', 'AKIDEXAMPLE') },
    });
    assert.equal(signed.status, 200);
    const event = await signed.json();
    assert.equal(event.requestContext.authorizer.iam.accessKey, 'AKIDEXAMPLE');
    assert.equal(event.requestContext.authorizer.iam.accountId, '000000000000');
  });
});
