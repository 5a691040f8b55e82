// Authorization of REST API methods at the endpoint: TOKEN and REQUEST Lambda authorizers (the policy they
// answer evaluated against the method ARN, identityValidationExpression, results cached for the TTL on the
// cloud clock, context handed to the function as requestContext.authorizer), COGNITO_USER_POOLS with
// tokens of Nimbus's own Cognito (ID tokens; access tokens and scopes), AWS_IAM, and API keys through
// usage plans.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
} from '@aws-sdk/client-api-gateway';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, sigv4Header, startTestCloud } from '../support/helpers.js';
import { addMethod, createApi, deploy, lambdaUri, stageUrl } from './helpers.js';

const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext) });`;
// Counts its invocations, so a cached answer is told apart from a fresh one.
const AUTHORIZER = `let calls = 0;
exports.handler = async (event) => {
  calls++;
  const token = event.type === 'TOKEN' ? event.authorizationToken : event.headers['X-Token'];
  if (token === 'unauthorized') throw new Error('Unauthorized');
  if (token === 'boom') throw new Error('boom');
  return {
    principalId: 'alice',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke',
      Effect: token === 'deny' ? 'Deny' : 'Allow',
      Resource: token === 'other' ? 'arn:aws:execute-api:us-east-1:000000000000:nope/*' : event.methodArn }] },
    context: { calls, type: event.type, arn: event.methodArn },
    usageIdentifierKey: 'unused',
  };
};`;

describe('API Gateway REST API authorizers', () => {
  let cloud: Cloud;
  let base: string;
  let idToken: string;
  let accessToken: string;
  let apiKey: string;

  before(async () => {
    cloud = await startTestCloud();
    const apigw = client(cloud, APIGatewayClient);
    const lambda = lambdaClient(cloud);
    const echo = (await createFunction(lambda, 'auth-echo', { 'index.js': ECHO })).FunctionArn!;
    const auth = (await createFunction(lambda, 'auth-fn', { 'index.js': AUTHORIZER })).FunctionArn!;

    const cognito = client(cloud, CognitoIdentityProviderClient);
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'users' }))).UserPool!;
    const appClient = (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool.Id,
          ClientName: 'web',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!;
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: 'ada', MessageAction: 'SUPPRESS' }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.Id,
        Username: 'ada',
        Password: 'Correct-Horse-1',
        Permanent: true,
      }),
    );
    const tokens = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool.Id,
        ClientId: appClient.ClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada', PASSWORD: 'Correct-Horse-1' },
      }),
    );
    idToken = tokens.AuthenticationResult!.IdToken!;
    accessToken = tokens.AuthenticationResult!.AccessToken!;

    const apiId = await createApi(apigw, 'guarded');
    const token = await apigw.send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: 'token',
        type: 'TOKEN',
        authorizerUri: lambdaUri(auth),
        identitySource: 'method.request.header.Authorization',
        identityValidationExpression: '^(allow|deny|other|unauthorized|boom|cached)$',
        authorizerResultTtlInSeconds: 60,
      }),
    );
    const request = await apigw.send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: 'request',
        type: 'REQUEST',
        authorizerUri: lambdaUri(auth),
        identitySource: 'method.request.header.X-Token',
        authorizerResultTtlInSeconds: 0,
      }),
    );
    const pools = await apigw.send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: 'pool',
        type: 'COGNITO_USER_POOLS',
        providerARNs: [pool.Arn!],
        identitySource: 'method.request.header.Authorization',
      }),
    );
    const proxy = { type: 'AWS_PROXY' as const, integrationHttpMethod: 'POST', uri: lambdaUri(echo) };
    const custom = (authorizerId: string | undefined) => ({ authorizationType: 'CUSTOM', authorizerId });
    await addMethod(apigw, apiId, { path: '/token/{id}', method: custom(token.id), integration: proxy });
    await addMethod(apigw, apiId, { path: '/request', method: custom(request.id), integration: proxy });
    await addMethod(apigw, apiId, {
      path: '/cognito',
      method: { authorizationType: 'COGNITO_USER_POOLS', authorizerId: pools.id },
      integration: proxy,
    });
    await addMethod(apigw, apiId, {
      path: '/scoped',
      method: {
        authorizationType: 'COGNITO_USER_POOLS',
        authorizerId: pools.id,
        authorizationScopes: ['aws.cognito.signin.user.admin'],
      },
      integration: proxy,
    });
    await addMethod(apigw, apiId, {
      path: '/iam',
      method: { authorizationType: 'AWS_IAM' },
      integration: proxy,
    });
    await addMethod(apigw, apiId, { path: '/keyed', method: { apiKeyRequired: true }, integration: proxy });
    await deploy(apigw, apiId, 'dev');
    base = stageUrl(cloud, apiId);

    const key = await apigw.send(new CreateApiKeyCommand({ name: 'partner', enabled: true }));
    apiKey = key.value!;
    const plan = await apigw.send(
      new CreateUsagePlanCommand({ name: 'basic', apiStages: [{ apiId, stage: 'dev' }] }),
    );
    await apigw.send(
      new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }),
    );
  });
  after(() => cloud.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it('lets an allowed TOKEN through with the authorizer context in requestContext.authorizer', async () => {
    const response = await get('/token/1', { Authorization: 'allow' });
    assert.equal(response.status, 200);
    const context = await response.json();
    assert.equal(context.authorizer.principalId, 'alice');
    assert.equal(context.authorizer.type, 'TOKEN');
    assert.match(
      context.authorizer.arn,
      /^arn:aws:execute-api:us-east-1:000000000000:[a-z0-9]{10}\/dev\/GET\/token\/1$/,
    );
  });

  it('answers 401 Unauthorized for a missing token, one failing the validation expression, or an "Unauthorized" error', async () => {
    for (const headers of [{}, { Authorization: 'not-valid' }, { Authorization: 'unauthorized' }] as Record<
      string,
      string
    >[]) {
      const response = await get('/token/1', headers);
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { message: 'Unauthorized' });
    }
  });

  it('answers 403 with the messages AWS words for a Deny and for no matching Allow', async () => {
    const deny = await get('/token/2', { Authorization: 'deny' });
    assert.equal(deny.status, 403);
    assert.deepEqual(await deny.json(), {
      Message: 'User is not authorized to access this resource with an explicit deny',
    });
    const other = await get('/token/3', { Authorization: 'other' });
    assert.equal(other.status, 403);
    assert.deepEqual(await other.json(), { Message: 'User is not authorized to access this resource' });
  });

  it('answers 500 with a null message when the authorizer fails', async () => {
    const response = await get('/token/1', { Authorization: 'boom' });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { message: null });
  });

  it('caches a TOKEN result for the TTL on the cloud clock, checking its policy for each method', async () => {
    const first = await (await get('/token/9', { Authorization: 'cached' })).json();
    const second = await (await get('/token/9', { Authorization: 'cached' })).json();
    assert.equal(second.authorizer.calls, first.authorizer.calls);
    // The cached policy allows only /token/9's ARN.
    const elsewhere = await get('/token/10', { Authorization: 'cached' });
    assert.equal(elsewhere.status, 403);
    cloud.clock.advance(61_000);
    const fresh = await (await get('/token/9', { Authorization: 'cached' })).json();
    assert.notEqual(fresh.authorizer.calls, first.authorizer.calls);
  });

  it('sends a REQUEST authorizer the request headers and refuses a request without its identity source', async () => {
    const ok = await get('/request', { 'X-Token': 'allow' });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).authorizer.type, 'REQUEST');
    const denied = await get('/request', { 'X-Token': 'deny' });
    assert.equal(denied.status, 403);
  });

  it('takes a Cognito ID token, with its claims in requestContext.authorizer.claims', async () => {
    const response = await get('/cognito', { Authorization: idToken });
    assert.equal(response.status, 200);
    const context = await response.json();
    assert.equal(context.authorizer.claims['cognito:username'], 'ada');
    assert.equal(context.authorizer.claims.token_use, 'id');
    assert.match(
      context.authorizer.claims.exp,
      /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/,
    );
  });

  it('refuses Cognito tokens that are missing, forged, of the wrong kind or expired with 401', async () => {
    const forged = `${idToken.slice(0, -4)}AAAA`;
    for (const headers of [{}, { Authorization: forged }, { Authorization: accessToken }] as Record<
      string,
      string
    >[]) {
      const response = await get('/cognito', headers);
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { message: 'Unauthorized' });
    }
    const scoped = await get('/scoped', { Authorization: accessToken });
    assert.equal(scoped.status, 200);
    assert.equal((await get('/scoped', { Authorization: idToken })).status, 401);
    cloud.clock.advance(2 * 3600_000);
    assert.equal((await get('/cognito', { Authorization: idToken })).status, 401);
  });

  it('takes a SigV4-signed request for AWS_IAM and refuses an unsigned one with Missing Authentication Token', async () => {
    const signed = await get('/iam', {
      Authorization: sigv4Header('execute-api'),
      'X-Amz-Date': '20260101T000000Z',
    });
    assert.equal(signed.status, 200);
    assert.equal((await signed.json()).identity.accessKey, 'test');
    const unsigned = await get('/iam');
    assert.equal(unsigned.status, 403);
    assert.deepEqual(await unsigned.json(), { message: 'Missing Authentication Token' });
  });

  it('requires an API key of a usage plan for this stage, else 403 Forbidden', async () => {
    const ok = await get('/keyed', { 'x-api-key': apiKey });
    assert.equal(ok.status, 200);
    assert.ok((await ok.json()).identity.apiKeyId);
    for (const headers of [{}, { 'x-api-key': 'not-a-key-at-all-000000' }] as Record<string, string>[]) {
      const response = await get('/keyed', headers);
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { message: 'Forbidden' });
    }
  });
});
