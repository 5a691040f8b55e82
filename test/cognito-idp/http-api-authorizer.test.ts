// A user pool protecting an HTTP API route: an API Gateway JWT authorizer whose issuer is the pool's
// (`<endpoint>/<poolId>`) accepts the pool's ID token (aud = the app client) and access token
// (client_id = the app client), hands the claims to the function, and refuses a missing or revoked-looking
// token with 401, as API Gateway does.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool } from './helpers.js';

const ECHO = `exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });`;

describe('a user pool protecting an HTTP API route', () => {
  let cloud: Cloud;
  let endpoint: string;
  let tokens: AuthenticationResultType;

  before(async () => {
    cloud = await startTestCloud();
    const idp = cognitoClient(cloud);
    const pool = await createPool(idp);
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'rita', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'rita',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    tokens = (
      await idp.send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'rita', PASSWORD: 'Passw0rd!' },
        }),
      )
    ).AuthenticationResult!;

    const echo = await createFunction(lambdaClient(cloud), 'pool-echo', { 'index.js': ECHO });
    const api = client(cloud, ApiGatewayV2Client);
    const { ApiId, ApiEndpoint } = await api.send(
      new CreateApiCommand({ Name: 'protected', ProtocolType: 'HTTP' }),
    );
    endpoint = ApiEndpoint!;
    const { IntegrationId } = await api.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: echo.FunctionArn,
        PayloadFormatVersion: '2.0',
      }),
    );
    const { AuthorizerId } = await api.send(
      new CreateAuthorizerCommand({
        ApiId,
        Name: 'pool',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: `${cloud.endpoint}/${pool.poolId}`, Audience: [pool.clientId] },
      }),
    );
    await api.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: 'GET /me',
        AuthorizationType: 'JWT',
        AuthorizerId,
        Target: `integrations/${IntegrationId}`,
      }),
    );
    await api.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  });
  after(() => cloud.stop());

  it('passes the ID token and hands its claims to the function', async () => {
    const response = await fetch(`${endpoint}/me`, {
      headers: { authorization: `Bearer ${tokens.IdToken}` },
    });
    assert.equal(response.status, 200);
    const authorizer = (await response.json()) as { jwt: { claims: Record<string, string> } };
    assert.equal(authorizer.jwt.claims['cognito:username'], 'rita');
    assert.equal(authorizer.jwt.claims.token_use, 'id');
  });

  it('passes the access token by its client_id', async () => {
    const response = await fetch(`${endpoint}/me`, {
      headers: { authorization: `Bearer ${tokens.AccessToken}` },
    });
    assert.equal(response.status, 200);
    const authorizer = (await response.json()) as {
      jwt: { claims: Record<string, string>; scopes: string[] | null };
    };
    assert.equal(authorizer.jwt.claims.username, 'rita');
  });

  it('refuses a request without a token, or with a tampered one, with 401', async () => {
    assert.equal((await fetch(`${endpoint}/me`)).status, 401);
    const [header, payload] = tokens.IdToken!.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    assert.equal(
      (await fetch(`${endpoint}/me`, { headers: { authorization: `Bearer ${forged}` } })).status,
      401,
    );
  });
});
