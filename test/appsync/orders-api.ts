// The orders API the AppSync tests share: one DynamoDB table behind VTL and APPSYNC_JS resolvers, a
// direct Lambda resolver and a NONE data source, an API key, and a subscription on the mutations.

import assert from 'node:assert/strict';
import {
  AppSyncClient,
  CreateApiKeyCommand,
  CreateDataSourceCommand,
  CreateGraphqlApiCommand,
  CreateResolverCommand,
  GetSchemaCreationStatusCommand,
  StartSchemaCreationCommand,
} from '@aws-sdk/client-appsync';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client } from '../support/helpers.js';

const SCHEMA = `
type Order @aws_api_key @aws_iam { id: ID! status: String total: Float email: AWSEmail }
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
}
type Subscription {
  onPutOrder(status: String): Order @aws_subscribe(mutations: ["putOrder", "jsPutOrder"])
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
