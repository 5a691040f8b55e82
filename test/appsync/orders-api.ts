// The orders API the AppSync tests share: one DynamoDB table behind VTL and APPSYNC_JS resolvers, a
// direct Lambda resolver and a NONE data source, an API key, and subscriptions on the mutations (orders,
// and tickets published through NONE for the subscription filter tests); plus what the real-time tests
// add: a real Cognito user pool and a Lambda authorizer as further auth modes, and a graphql-ws client.

import assert from 'node:assert/strict';
import {
  AppSyncClient,
  CreateApiKeyCommand,
  CreateDataSourceCommand,
  CreateGraphqlApiCommand,
  CreateResolverCommand,
  GetSchemaCreationStatusCommand,
  StartSchemaCreationCommand,
  UpdateGraphqlApiCommand,
} from '@aws-sdk/client-appsync';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { type Client, connect } from '../apigatewayv2/ws-client.js';
import { cognitoClient, createPool } from '../cognito-idp/helpers.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client } from '../support/helpers.js';

const SCHEMA = `
type Order @aws_api_key @aws_iam @aws_cognito_user_pools @aws_lambda {
  id: ID! status: String total: Float email: AWSEmail
}
type Owner @aws_api_key { name: String team: String }
type Ticket @aws_api_key {
  id: ID! severity: Int priority: String group: String tags: [String] content: String owner: Owner
}
input TicketInput {
  id: ID! severity: Int priority: String group: String tags: [String] content: String owner: String
}
type Query {
  getOrder(id: ID!): Order
  echo(text: String!): String
  whoAmI: String @aws_iam
  fail: String
  checkEmail(email: AWSEmail!): AWSEmail
}
type Mutation {
  putOrder(id: ID!, status: String!, total: Float): Order
  jsPutOrder(id: ID!, status: String!): Order
  createTicket(input: TicketInput!): Ticket
  revokeTickets(group: String!, field: String): String
}
type Subscription {
  onPutOrder(status: String): Order
    @aws_subscribe(mutations: ["putOrder", "jsPutOrder"]) @aws_api_key @aws_cognito_user_pools @aws_lambda
  onPutOrderIam: Order @aws_subscribe(mutations: ["putOrder"]) @aws_iam
  onTicket(group: String): Ticket @aws_subscribe(mutations: ["createTicket"])
  onTicketVtl(group: String): Ticket @aws_subscribe(mutations: ["createTicket"])
}
`;

export interface TestApi {
  readonly appsync: AppSyncClient;
  readonly apiId: string;
  readonly url: string;
  readonly realtime: string;
  readonly apiKey: string;
}

/** An API over one DynamoDB table with VTL, JS, Lambda and NONE resolvers (shared by the realtime tests). */
export async function createOrdersApi(cloud: Cloud): Promise<TestApi> {
  const appsync = client(cloud, AppSyncClient);
  const dynamodb = client(cloud, DynamoDBClient);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await createFunction(lambdaClient(cloud), 'echo', {
    'index.mjs': 'export const handler = async (event) => `${event.arguments.text}:${event.info.fieldName}`;',
  });
  const { graphqlApi } = await appsync.send(
    new CreateGraphqlApiCommand({
      name: 'orders',
      authenticationType: 'API_KEY',
      additionalAuthenticationProviders: [{ authenticationType: 'AWS_IAM' }],
    }),
  );
  const apiId = graphqlApi!.apiId!;
  const status = await appsync.send(
    new StartSchemaCreationCommand({ apiId, definition: Buffer.from(SCHEMA) }),
  );
  assert.equal(status.status, 'PROCESSING');
  const created = await appsync.send(new GetSchemaCreationStatusCommand({ apiId }));
  assert.equal(created.status, 'SUCCESS', created.details);
  await appsync.send(
    new CreateDataSourceCommand({
      apiId,
      name: 'orders',
      type: 'AMAZON_DYNAMODB',
      dynamodbConfig: { tableName: 'orders', awsRegion: 'us-east-1' },
    }),
  );
  await appsync.send(
    new CreateDataSourceCommand({
      apiId,
      name: 'echo',
      type: 'AWS_LAMBDA',
      lambdaConfig: { lambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:echo' },
    }),
  );
  await appsync.send(new CreateDataSourceCommand({ apiId, name: 'none', type: 'NONE' }));
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Query',
      fieldName: 'getOrder',
      dataSourceName: 'orders',
      requestMappingTemplate:
        '{"version": "2018-05-29", "operation": "GetItem", "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}',
      responseMappingTemplate: '$util.toJson($ctx.result)',
    }),
  );
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Mutation',
      fieldName: 'putOrder',
      dataSourceName: 'orders',
      requestMappingTemplate: `{
        "version": "2018-05-29", "operation": "PutItem",
        "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)},
        "attributeValues": $util.dynamodb.toMapValuesJson({"status": $ctx.args.status, "total": $ctx.args.total})
      }`,
      responseMappingTemplate: '$util.toJson($ctx.result)',
    }),
  );
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Mutation',
      fieldName: 'jsPutOrder',
      dataSourceName: 'orders',
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: `import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  return ddb.put({ key: { id: ctx.args.id }, item: { status: ctx.args.status } });
}
export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}`,
    }),
  );
  await appsync.send(
    new CreateResolverCommand({ apiId, typeName: 'Query', fieldName: 'echo', dataSourceName: 'echo' }),
  );
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Query',
      fieldName: 'fail',
      dataSourceName: 'none',
      requestMappingTemplate: '{"version": "2018-05-29", "payload": {}}',
      responseMappingTemplate: '$util.error("Order is locked", "LockedError", {"id": 1}, {"retry": false})',
    }),
  );
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Query',
      fieldName: 'checkEmail',
      dataSourceName: 'none',
      requestMappingTemplate: '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.email)}',
      responseMappingTemplate: '$util.toJson($ctx.result)',
    }),
  );
  // Tickets are published through NONE: the input comes back as the result, `owner` nested.
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Mutation',
      fieldName: 'createTicket',
      dataSourceName: 'none',
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: `export function request(ctx) {
  const { owner, ...ticket } = ctx.args.input;
  return { payload: { ...ticket, owner: owner ? { name: owner, team: 'core' } : null } };
}
export function response(ctx) { return ctx.result; }`,
    }),
  );
  // https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-invalidation.html
  await appsync.send(
    new CreateResolverCommand({
      apiId,
      typeName: 'Mutation',
      fieldName: 'revokeTickets',
      dataSourceName: 'none',
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code: `import { extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  extensions.invalidateSubscriptions({
    subscriptionField: ctx.args.field ?? 'onTicket',
    payload: { group: ctx.args.group },
  });
  return 'revoked';
}`,
    }),
  );
  const { apiKey } = await appsync.send(new CreateApiKeyCommand({ apiId }));
  return {
    appsync,
    apiId,
    url: graphqlApi!.uris!.GRAPHQL!,
    realtime: graphqlApi!.uris!.REALTIME!,
    apiKey: apiKey!.id!,
  };
}

export async function graphql(
  api: TestApi,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = { 'x-api-key': api.apiKey },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface AuthModes {
  /** An ID token of a user of the API's Cognito user pool. */
  readonly idToken: string;
  /** The token the API's Lambda authorizer accepts (any other it refuses). */
  readonly lambdaToken: string;
}

/** Adds a real Cognito user pool and a Lambda authorizer to the API's modes (API key stays the default).
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html */
export async function addUserPoolAndLambdaModes(cloud: Cloud, api: TestApi): Promise<AuthModes> {
  const idp = cognitoClient(cloud);
  const pool = await createPool(idp);
  await idp.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'ada' }));
  await idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool.poolId,
      Username: 'ada',
      Password: 'Passw0rd!Passw0rd',
      Permanent: true,
    }),
  );
  const auth = await idp.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ada', PASSWORD: 'Passw0rd!Passw0rd' },
    }),
  );
  await createFunction(lambdaClient(cloud), 'appsync-authorizer', {
    'index.mjs': `export const handler = async (event) => ({
  isAuthorized: event.authorizationToken === 'let-me-in',
  resolverContext: { from: 'authorizer' },
});`,
  });
  await api.appsync.send(
    new UpdateGraphqlApiCommand({
      apiId: api.apiId,
      name: 'orders',
      authenticationType: 'API_KEY',
      additionalAuthenticationProviders: [
        { authenticationType: 'AWS_IAM' },
        {
          authenticationType: 'AMAZON_COGNITO_USER_POOLS',
          userPoolConfig: { userPoolId: pool.poolId, awsRegion: 'us-east-1' },
        },
        {
          authenticationType: 'AWS_LAMBDA',
          lambdaAuthorizerConfig: {
            authorizerUri: 'arn:aws:lambda:us-east-1:000000000000:function:appsync-authorizer',
            authorizerResultTtlInSeconds: 0,
          },
        },
      ],
    }),
  );
  return { idToken: auth.AuthenticationResult!.IdToken!, lambdaToken: 'let-me-in' };
}

/** The authorization object of an API key request, as the handshake and start messages carry it. */
export function apiKeyAuth(api: TestApi): Record<string, string> {
  return { host: new URL(api.url).host, 'x-api-key': api.apiKey };
}

/** The real-time URL with its `header` (base64 JSON authorization) and `payload` (`{}`) query parameters.
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html#handshake-details-to-establish-the-websocket-connection */
export function realtimeUrl(api: TestApi, header: Record<string, string>): string {
  const encoded = Buffer.from(JSON.stringify(header)).toString('base64');
  return `${api.realtime}?header=${encodeURIComponent(encoded)}&payload=e30=`;
}

/** One real-time message, parsed. */
export async function nextMessage(client: Client, ms?: number): Promise<Record<string, unknown>> {
  return JSON.parse(await client.next(ms)) as Record<string, unknown>;
}

/** A graphql-ws connection past connection_init: connection_ack and the first `ka` read. */
export async function openRealtime(
  api: TestApi,
  header: Record<string, string> = apiKeyAuth(api),
): Promise<Client> {
  const client = await connect(realtimeUrl(api, header), { protocols: ['graphql-ws'] });
  client.send(JSON.stringify({ type: 'connection_init' }));
  const ack = await nextMessage(client);
  assert.equal(ack.type, 'connection_ack', JSON.stringify(ack));
  assert.deepEqual(await nextMessage(client), { type: 'ka' });
  return client;
}

/** Sends `start` for a subscription and returns the answer (start_ack, or an error). */
export async function startSubscription(
  client: Client,
  id: string,
  query: string,
  authorization: Record<string, string>,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  client.send(
    JSON.stringify({
      id,
      type: 'start',
      payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } },
    }),
  );
  return nextMessage(client);
}
