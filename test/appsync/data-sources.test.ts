// AppSync data sources end to end through the GraphQL endpoint: DynamoDB's Query (paged), Scan,
// BatchGetItem, BatchPutItem, TransactWriteItems (and its cancellation reasons) and a PutItem condition;
// an HTTP data source against a local endpoint; an EventBridge data source whose event a rule delivers;
// Lambda batching (BatchInvoke and direct resolvers with maxBatchSize) across a list's items.
// Request and response formats from AppSync's resolver mapping template reference pages, named per case.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AppSyncClient,
  CreateApiKeyCommand,
  CreateDataSourceCommand,
  CreateGraphqlApiCommand,
  CreateResolverCommand,
  StartSchemaCreationCommand,
} from '@aws-sdk/client-appsync';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { type RecordingEndpoint, startRecordingEndpoint } from '../support/http-endpoint.js';

const SCHEMA = `
type Item { pk: String! sk: String! value: Int }
type Page { items: [Item] nextToken: String scannedCount: Int }
type Author { name: String batch: Int }
type Post { id: ID! author: Author directAuthor: Author }
type Query {
  posts: [Post]
  itemsOf(pk: String!, limit: Int, nextToken: String): Page
  everything: Page
  several(pk: String!, sks: [String!]!): [Item]
  weather(city: String!): AWSJSON
}
type Mutation {
  putMany(pk: String!, sks: [String!]!): [Item]
  transfer(pk: String!, from: String!, to: String!): [String]
  create(pk: String!, sk: String!, value: Int!): Item
  announce(name: String!): String
}
`;

const RESPONSE = '$util.toJson($ctx.result)';
// Raised with the data source's error, as most templates do, so a test sees errorType and errorInfo.
const RAISING = `#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type, null, $ctx.result)#end
$util.toJson($ctx.result)`;

describe('AppSync data sources', () => {
  let cloud: Cloud;
  let url: string;
  let apiKey: string;
  let weather: RecordingEndpoint;

  const graphql = async (query: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data: Record<string, unknown>; errors?: Record<string, unknown>[] };
  };

  before(async () => {
    cloud = await startTestCloud();
    weather = await startRecordingEndpoint();
    const appsync = client(cloud, AppSyncClient);
    await client(cloud, DynamoDBClient).send(
      new CreateTableCommand({
        TableName: 'items',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const { graphqlApi } = await appsync.send(
      new CreateGraphqlApiCommand({ name: 'sources', authenticationType: 'API_KEY' }),
    );
    const apiId = graphqlApi!.apiId!;
    url = graphqlApi!.uris!.GRAPHQL!;
    await appsync.send(new StartSchemaCreationCommand({ apiId, definition: Buffer.from(SCHEMA) }));
    await appsync.send(
      new CreateDataSourceCommand({
        apiId,
        name: 'items',
        type: 'AMAZON_DYNAMODB',
        dynamodbConfig: { tableName: 'items', awsRegion: 'us-east-1' },
      }),
    );
    await appsync.send(
      new CreateDataSourceCommand({
        apiId,
        name: 'weather',
        type: 'HTTP',
        httpConfig: { endpoint: weather.base },
      }),
    );
    await appsync.send(
      new CreateDataSourceCommand({
        apiId,
        name: 'bus',
        type: 'AMAZON_EVENTBRIDGE',
        eventBridgeConfig: { eventBusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default' },
      }),
    );
    const resolver = (
      typeName: string,
      fieldName: string,
      dataSourceName: string,
      requestMappingTemplate: string,
      responseMappingTemplate = RESPONSE,
    ) =>
      appsync.send(
        new CreateResolverCommand({
          apiId,
          typeName,
          fieldName,
          dataSourceName,
          requestMappingTemplate,
          responseMappingTemplate,
        }),
      );
    const key = (sk: string) => `{"pk": $util.dynamodb.toDynamoDBJson($ctx.args.pk), "sk": {"S": ${sk}}}`;
    // resolver-mapping-template-reference-dynamodb-query.html
    await resolver(
      'Query',
      'itemsOf',
      'items',
      `{"version": "2018-05-29", "operation": "Query",
        "query": {"expression": "pk = :pk", "expressionValues": {":pk": $util.dynamodb.toDynamoDBJson($ctx.args.pk)}},
        "limit": $util.defaultIfNull($ctx.args.limit, 20),
        "nextToken": $util.toJson($ctx.args.nextToken)}`,
    );
    // resolver-mapping-template-reference-dynamodb-scan.html
    await resolver('Query', 'everything', 'items', '{"version": "2018-05-29", "operation": "Scan"}');
    // resolver-mapping-template-reference-dynamodb-batch-get-item.html: data keyed by table name.
    await resolver(
      'Query',
      'several',
      'items',
      `#set($keys = [])
#foreach($sk in $ctx.args.sks)$util.qr($keys.add({"pk": $util.dynamodb.toDynamoDB($ctx.args.pk), "sk": $util.dynamodb.toDynamoDB($sk)}))#end
{"version": "2018-05-29", "operation": "BatchGetItem", "tables": {"items": {"keys": $util.toJson($keys)}}}`,
      '$util.toJson($ctx.result.data.items)',
    );
    // resolver-mapping-template-reference-dynamodb-batch-put-item.html
    await resolver(
      'Mutation',
      'putMany',
      'items',
      `#set($items = [])
#foreach($sk in $ctx.args.sks)$util.qr($items.add($util.dynamodb.toMapValues({"pk": $ctx.args.pk, "sk": $sk, "value": 1})))#end
{"version": "2018-05-29", "operation": "BatchPutItem", "tables": {"items": $util.toJson($items)}}`,
      '$util.toJson($ctx.result.data.items)',
    );
    // resolver-mapping-template-reference-dynamodb-transact-write-items.html
    const move = (
      sk: string,
      sign: string,
      guarded: boolean,
    ) => `{"table": "items", "operation": "UpdateItem",
      "key": ${key(sk)},
      "update": {"expression": "SET #v = #v ${sign} :one", "expressionNames": {"#v": "value"}, "expressionValues": {":one": {"N": 1}}}
      ${guarded ? `, "condition": {"expression": "#v > :zero", "expressionNames": {"#v": "value"}, "expressionValues": {":zero": {"N": 0}}}` : ''}}`;
    await resolver(
      'Mutation',
      'transfer',
      'items',
      `{"version": "2018-05-29", "operation": "TransactWriteItems", "transactItems": [
        ${move('$util.toJson($ctx.args.from)', '-', true)}, ${move('$util.toJson($ctx.args.to)', '+', false)}]}`,
      `#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type, null, $ctx.result.cancellationReasons)#end
#set($out = [])#foreach($k in $ctx.result.keys)$util.qr($out.add($k.sk))#end$util.toJson($out)`,
    );
    // resolver-mapping-template-reference-dynamodb-condition-expressions.html
    await resolver(
      'Mutation',
      'create',
      'items',
      `{"version": "2018-05-29", "operation": "PutItem", "key": ${key('$util.toJson($ctx.args.sk)')},
        "attributeValues": {"value": $util.dynamodb.toDynamoDBJson($ctx.args.value)}, "condition": {"expression": "attribute_not_exists(pk)"}}`,
      RAISING,
    );
    // resolver-mapping-template-reference-http.html
    await resolver(
      'Query',
      'weather',
      'weather',
      `{"version": "2018-05-29", "method": "GET", "resourcePath": "/forecast",
        "params": {"query": {"city": $util.toJson($ctx.args.city)}, "headers": {"x-trace": "t1"}}}`,
      '$util.toJson({"status": $ctx.result.statusCode, "body": $ctx.result.body})',
    );
    // resolver-reference-eventbridge-js.html (the VTL form of its PutEvents request)
    await resolver(
      'Mutation',
      'announce',
      'bus',
      `{"version": "2018-05-29", "operation": "PutEvents", "events": [{"source": "app.orders",
        "detailType": "Announced", "detail": {"name": $util.toJson($ctx.args.name)}}]}`,
      '$util.toJson($ctx.result.Entries[0].EventId)',
    );
    // A batch function answers one author per payload and says how big its batch was.
    await createFunction(lambdaClient(cloud), 'authors', {
      'index.mjs': `export const handler = async (batch) =>
        batch.map((item) => ({ name: 'author-' + (item.id ?? item.source.id), batch: batch.length }));`,
    });
    await appsync.send(
      new CreateDataSourceCommand({
        apiId,
        name: 'authors',
        type: 'AWS_LAMBDA',
        lambdaConfig: { lambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:authors' },
      }),
    );
    await appsync.send(new CreateDataSourceCommand({ apiId, name: 'none', type: 'NONE' }));
    await resolver(
      'Query',
      'posts',
      'none',
      '{"version": "2018-05-29", "payload": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}',
    );
    // resolver-mapping-template-reference-lambda.html (BatchInvoke)
    await resolver(
      'Post',
      'author',
      'authors',
      '{"version": "2018-05-29", "operation": "BatchInvoke", "payload": {"id": $util.toJson($ctx.source.id)}}',
    );
    // direct-lambda-reference.html (batching with maxBatchSize)
    await appsync.send(
      new CreateResolverCommand({
        apiId,
        typeName: 'Post',
        fieldName: 'directAuthor',
        dataSourceName: 'authors',
        maxBatchSize: 2,
      }),
    );
    const { apiKey: created } = await appsync.send(new CreateApiKeyCommand({ apiId }));
    apiKey = created!.id!;
  });
  after(async () => {
    await weather.close();
    await cloud.stop();
  });

  it('BatchPutItem writes many items and BatchGetItem reads them back, null for the missing one', async () => {
    const put = await graphql('mutation { putMany(pk: "p1", sks: ["a", "b", "c"]) { sk value } }');
    assert.deepEqual(put.data.putMany, [
      { sk: 'a', value: 1 },
      { sk: 'b', value: 1 },
      { sk: 'c', value: 1 },
    ]);
    const got = await graphql('{ several(pk: "p1", sks: ["a", "zz", "c"]) { sk } }');
    assert.deepEqual(got.data.several, [{ sk: 'a' }, null, { sk: 'c' }]);
  });

  it('Query pages with limit and nextToken; Scan counts what it read', async () => {
    const first = await graphql('{ itemsOf(pk: "p1", limit: 2) { items { sk } nextToken scannedCount } }');
    const page = first.data.itemsOf as { items: { sk: string }[]; nextToken: string; scannedCount: number };
    assert.deepEqual(page.items, [{ sk: 'a' }, { sk: 'b' }]);
    assert.equal(page.scannedCount, 2);
    assert.equal(typeof page.nextToken, 'string');
    const second = await graphql(
      `{ itemsOf(pk: "p1", limit: 2, nextToken: ${JSON.stringify(page.nextToken)}) { items { sk } nextToken } }`,
    );
    assert.deepEqual(second.data.itemsOf, { items: [{ sk: 'c' }], nextToken: null });
    const scanned = await graphql('{ everything { scannedCount } }');
    assert.deepEqual(scanned.data.everything, { scannedCount: 3 });
  });

  it('TransactWriteItems applies both updates, and a failed condition cancels both with its reasons', async () => {
    const moved = await graphql('mutation { transfer(pk: "p1", from: "a", to: "b") }');
    assert.deepEqual(moved.data.transfer, ['a', 'b']);
    const values = await graphql('{ itemsOf(pk: "p1") { items { sk value } } }');
    assert.deepEqual((values.data.itemsOf as { items: unknown[] }).items.slice(0, 2), [
      { sk: 'a', value: 0 },
      { sk: 'b', value: 2 },
    ]);
    const refused = await graphql('mutation { transfer(pk: "p1", from: "a", to: "b") }');
    assert.equal(refused.data.transfer, null);
    const [error] = refused.errors ?? [];
    assert.equal(error?.errorType, 'DynamoDB:TransactionCanceledException');
    const reasons = error?.errorInfo as { type: string }[];
    assert.deepEqual(
      reasons.map((reason) => reason.type),
      ['ConditionalCheckFailed', 'None'],
    );
    const after = await graphql('{ itemsOf(pk: "p1") { items { value } } }');
    assert.deepEqual((after.data.itemsOf as { items: unknown[] }).items.slice(0, 2), [
      { value: 0 },
      { value: 2 },
    ]);
  });

  it('a PutItem whose condition fails reports DynamoDB:ConditionalCheckFailedException, unless the item is already as asked', async () => {
    const first = await graphql('mutation { create(pk: "p2", sk: "x", value: 7) { sk value } }');
    assert.deepEqual(first.data.create, { sk: 'x', value: 7 });
    // "If the current value ... matches the expected value, AWS AppSync treats the operation as if it
    // succeeded" (resolver-mapping-template-reference-dynamodb-condition-expressions.html).
    const same = await graphql('mutation { create(pk: "p2", sk: "x", value: 7) { value } }');
    assert.deepEqual(same.data.create, { value: 7 });
    const other = await graphql('mutation { create(pk: "p2", sk: "x", value: 8) { sk } }');
    assert.equal(other.data.create, null);
    assert.equal(other.errors?.[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException');
  });

  it('an HTTP data source sends the method, path, query and headers, and gives the answer to the template', async () => {
    weather.answerWith(200);
    const pending = graphql('{ weather(city: "Lisbon") }');
    const [received] = await weather.requests(1);
    assert.equal(received!.method, 'GET');
    assert.equal(received!.url, '/forecast?city=Lisbon');
    assert.equal(received!.headers['x-trace'], 't1');
    const answer = await pending;
    assert.deepEqual(JSON.parse(String(answer.data.weather)), { status: 200, body: '' });
  });

  it('an EventBridge data source puts the event on the bus, where a rule delivers it', async () => {
    const sqs = client(cloud, SQSClient);
    const events = client(cloud, EventBridgeClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'announced' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({ Name: 'announced', EventPattern: JSON.stringify({ source: ['app.orders'] }) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'announced', Targets: [{ Id: 'q', Arn: Attributes!.QueueArn! }] }),
    );
    const answer = await graphql('mutation { announce(name: "launch") }');
    assert.match(String(answer.data.announce), /^[0-9a-f-]{36}$/);
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 }),
    );
    const event = JSON.parse(Messages[0]?.Body ?? '{}') as {
      id: string;
      'detail-type': string;
      detail: unknown;
    };
    assert.equal(event.id, answer.data.announce);
    assert.equal(event['detail-type'], 'Announced');
    assert.deepEqual(event.detail, { name: 'launch' });
  });

  it('BatchInvoke sends one field of a whole list in one invocation; a direct resolver splits by maxBatchSize', async () => {
    const answer = await graphql('{ posts { id author { name batch } directAuthor { name batch } } }');
    assert.deepEqual(answer.data.posts, [
      { id: '1', author: { name: 'author-1', batch: 3 }, directAuthor: { name: 'author-1', batch: 2 } },
      { id: '2', author: { name: 'author-2', batch: 3 }, directAuthor: { name: 'author-2', batch: 2 } },
      { id: '3', author: { name: 'author-3', batch: 3 }, directAuthor: { name: 'author-3', batch: 1 } },
    ]);
  });
});
