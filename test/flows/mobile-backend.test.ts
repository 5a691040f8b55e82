// examples/mobile-backend (seed 000) deployed with `nimbus deploy` and used as its mobile apps would: users
// sign up and in through Cognito (PreSignUp refuses a disposable domain, PostConfirmation writes the User
// entity, PreTokenGeneration adds a claim to the ID token), call the AppSync API with the ID token (VTL and
// APPSYNC_JS resolvers and a Lambda resolver over one single-table design), and follow their order's status
// over AppSync's real-time WebSocket protocol. The table's stream reaches EventBridge, whose rules route to
// exactly the consumers their filters select (numeric range, anything-but, prefix); the archiver's records go
// through Firehose to S3, and the lifecycle rule moves them to Glacier once the cloud clock passes 90 days.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  AppSyncClient,
  ListApiKeysCommand,
  ListGraphqlApisCommand,
  ListResolversCommand,
} from '@aws-sdk/client-appsync';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import WebSocket from 'ws';
import type { Cloud } from '../../src/index.js';
import { lastCode } from '../cognito-idp/helpers.js';
import { s3Client } from '../s3/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import {
  cfnLint,
  cfnLintSkip,
  copyExample,
  emptyBucket,
  nimbusIn,
  sleep,
  stackOutputs,
  waitFor,
} from './examples.js';

const STACK = 'mobile-backend-dev';
const PASSWORD = 'Correct-Horse-9';
const DAY = 86_400_000;

interface SignedIn {
  email: string;
  sub: string;
  idToken: string;
  claims: Record<string, unknown>;
}

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; errorType?: string; path?: string[] }[];
}

interface Handled {
  consumer: string;
  detailType: string;
  id: string;
}

describe('examples/mobile-backend: Cognito triggers → AppSync over one table → stream → EventBridge rules → consumers, Firehose → S3 → Glacier', () => {
  let cloud: Cloud;
  let dir: string;
  let nimbus: ReturnType<typeof nimbusIn>;
  let outputs: Map<string, string>;
  let cognito: CognitoIdentityProviderClient;
  let db: DynamoDBClient;
  let s3: S3Client;
  let logs: CloudWatchLogsClient;
  let appsync: AppSyncClient;
  let graphqlUrl: string;
  let realtimeUrl: string;
  let apiKey: string;
  const sockets = new Set<Realtime>();
  const users: Record<'ada' | 'qa' | 'admin', SignedIn> = {} as never;
  const products: Record<'phone' | 'laptop' | 'case', string> = {} as never;
  const orders: Record<'big' | 'small' | 'boundary', string> = {} as never;

  /** A GraphQL request as the apps send it: POST with the ID token (or the API key) in a header. */
  const graphql = async (
    auth: SignedIn | 'apiKey',
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlAnswer> => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth === 'apiKey' ? { 'x-api-key': apiKey } : { authorization: auth.idToken }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer;
  };
  /** The data of a request that must succeed. */
  const data = async (auth: SignedIn | 'apiKey', query: string, variables?: Record<string, unknown>) => {
    const answer = await graphql(auth, query, variables);
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return answer.data!;
  };

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('mobile-backend');
    nimbus = nimbusIn(cloud, dir);
    cognito = client(cloud, CognitoIdentityProviderClient);
    db = client(cloud, DynamoDBClient);
    logs = client(cloud, CloudWatchLogsClient);
    appsync = client(cloud, AppSyncClient);
    s3 = s3Client(cloud.endpoint);
  });
  after(async () => {
    // An open socket keeps node --test from ending: every one is closed, whatever failed.
    await Promise.all([...sockets].map((socket) => socket.close()));
    for (const sdk of [cognito, db, s3, logs, appsync]) sdk.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys with nimbus deploy: a pool with three triggers, a GraphQL API with VTL and JS resolvers', async () => {
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    outputs = await stackOutputs(cloud, STACK);
    const { UserPool } = await cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: outputs.get('UserPoolId') }),
    );
    assert.equal(UserPool?.Name, `${STACK}-users`);
    const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:${STACK}-${fn}`;
    assert.deepEqual(UserPool?.LambdaConfig, {
      PreSignUp: arn('preSignUp'),
      PostConfirmation: arn('postConfirmation'),
      PreTokenGeneration: arn('preTokenGeneration'),
    });
    const { graphqlApis = [] } = await appsync.send(new ListGraphqlApisCommand({}));
    const api = graphqlApis.find((candidate) => candidate.name === STACK);
    assert.ok(api, `no API named ${STACK}: ${graphqlApis.map((candidate) => candidate.name)}`);
    assert.equal(api.authenticationType, 'AMAZON_COGNITO_USER_POOLS');
    assert.equal(api.userPoolConfig?.userPoolId, outputs.get('UserPoolId'));
    assert.deepEqual(
      api.additionalAuthenticationProviders?.map((provider) => provider.authenticationType),
      ['API_KEY'],
    );
    graphqlUrl = api.uris!.GRAPHQL!;
    realtimeUrl = api.uris!.REALTIME!;
    assert.equal(outputs.get('GraphQLUrl'), graphqlUrl);
    assert.equal(outputs.get('RealtimeUrl'), realtimeUrl);
    // The `catalog` key of the appSync block (its description is the one given there).
    const { apiKeys = [] } = await appsync.send(new ListApiKeysCommand({ apiId: api.apiId! }));
    assert.deepEqual(
      apiKeys.map((key) => key.description),
      ['Browsing the catalog before signing in'],
    );
    apiKey = apiKeys[0]!.id!;
    // Both runtimes over the one table: VTL mapping templates and APPSYNC_JS code.
    const { resolvers = [] } = await appsync.send(
      new ListResolversCommand({ apiId: api.apiId!, typeName: 'Query' }),
    );
    const runtimeOf = (field: string) => {
      const resolver = resolvers.find((candidate) => candidate.fieldName === field);
      return resolver?.runtime?.name ?? (resolver?.requestMappingTemplate ? 'VTL' : undefined);
    };
    assert.equal(runtimeOf('me'), 'VTL');
    assert.equal(runtimeOf('productsByCategory'), 'APPSYNC_JS');
  });

  it('refuses a sign-up from a disposable domain in the PreSignUp trigger', async () => {
    // "<Trigger> failed with error <message>." as UserLambdaValidationException:
    // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
    await assert.rejects(
      cognito.send(
        new SignUpCommand({
          ClientId: outputs.get('UserPoolClientId'),
          Username: 'spam@mailinator.com',
          Password: PASSWORD,
          UserAttributes: [
            { Name: 'email', Value: 'spam@mailinator.com' },
            { Name: 'name', Value: 'Spam' },
          ],
        }),
      ),
      (error: Error) => {
        assert.equal(error.name, 'UserLambdaValidationException');
        assert.equal(
          error.message,
          'PreSignUp failed with error Sign-ups from mailinator.com are not accepted.',
        );
        return true;
      },
    );
  });

  it('signs users up and in: PostConfirmation writes the User entity, PreTokenGeneration adds user_type', async () => {
    const poolId = outputs.get('UserPoolId')!;
    const clientId = outputs.get('UserPoolClientId')!;
    const signUp = async (key: keyof typeof users, email: string, name: string, how: 'code' | 'admin') => {
      const { UserSub } = await cognito.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: email,
          Password: PASSWORD,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      );
      if (how === 'code') {
        // The code the pool "emailed" (Nimbus records messages instead of sending them).
        const code = await lastCode(cloud, poolId, UserSub);
        await cognito.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }),
        );
      } else {
        // AdminConfirmSignUp runs PostConfirmation too:
        // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html
        await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: email }));
      }
      if (key === 'admin')
        await cognito.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: email, GroupName: 'admin' }),
        );
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD },
        }),
      );
      const idToken = AuthenticationResult!.IdToken!;
      users[key] = { email, sub: UserSub!, idToken, claims: claimsOf(idToken) };
    };
    await signUp('ada', 'ada@example.com', 'Ada', 'code');
    await signUp('qa', 'qa-1@test.example.com', 'QA One', 'admin');
    await signUp('admin', 'grace@example.com', 'Grace', 'admin');

    // PreTokenGeneration (V1, claimsToAddOrOverride) put user_type into each ID token.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
    assert.equal(users.ada.claims.user_type, 'customer');
    assert.equal(users.qa.claims.user_type, 'test');
    assert.equal(users.ada.claims.email, 'ada@example.com');
    assert.deepEqual(users.admin.claims['cognito:groups'], ['admin']);

    // PostConfirmation wrote each profile under USER#<sub>; `me` (VTL GetItem) reads it with the token.
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: outputs.get('TableName'),
        Key: { PK: { S: `USER#${users.ada.sub}` }, SK: { S: 'PROFILE' } },
      }),
    );
    assert.equal(Item?.entityType?.S, 'User');
    assert.equal(Item?.email?.S, 'ada@example.com');
    const { me } = await data(users.qa, '{ me { id email name userType createdAt } }');
    assert.deepEqual(
      { ...(me as object), createdAt: undefined },
      {
        id: users.qa.sub,
        email: 'qa-1@test.example.com',
        name: 'QA One',
        userType: 'test',
        createdAt: undefined,
      },
    );
    // Without a token the API refuses the request with 401 (UnauthorizedException).
    // https://repost.aws/knowledge-center/aws-appsync-graphql-request-unauth-error
    const anonymous = await fetch(graphqlUrl, {
      method: 'POST',
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    assert.equal(anonymous.status, 401);
  });

  it('keeps the catalog to admins (VTL PutItem) and serves it by category with the API key (JS Query on GSI1)', async () => {
    const create = `mutation Create($input: ProductInput!) { createProduct(input: $input) { id name category price } }`;
    // cognito_groups on the field: a signed-in user outside the group is refused.
    // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#amazon-cognito-user-pools-authorization
    const refused = await graphql(users.ada, create, {
      input: { name: 'Pirated', category: 'phones', price: 1 },
    });
    // A 200 with errorType Unauthorized, "Not Authorized to access X on type Y":
    // https://repost.aws/knowledge-center/aws-appsync-graphql-request-unauth-error
    assert.equal(refused.errors?.[0]?.errorType, 'Unauthorized');
    assert.equal(refused.errors?.[0]?.message, 'Not Authorized to access createProduct on type Mutation');
    assert.deepEqual(refused.data, { createProduct: null });

    for (const [key, input] of [
      ['phone', { name: 'Phone', category: 'phones', price: 450 }],
      ['laptop', { name: 'Laptop', category: 'computers', price: 1200 }],
      ['case', { name: 'Case', category: 'phones', price: 25 }],
    ] as const) {
      const { createProduct } = (await data(users.admin, create, { input })) as {
        createProduct: { id: string; name: string; price: number };
      };
      assert.match(createProduct.id, /^[0-9a-f-]{36}$/);
      assert.equal(createProduct.price, input.price);
      products[key] = createProduct.id;
    }
    // GSI1 is sorted by GSI1SK = PRODUCT#<name>: Case before Phone.
    const { productsByCategory } = await data(
      'apiKey',
      'query ($category: String!) { productsByCategory(category: $category) { name price } }',
      { category: 'phones' },
    );
    assert.deepEqual(productsByCategory, [
      { name: 'Case', price: 25 },
      { name: 'Phone', price: 450 },
    ]);
    const { product } = await data('apiKey', 'query ($id: ID!) { product(id: $id) { name category } }', {
      id: products.laptop,
    });
    assert.deepEqual(product, { name: 'Laptop', category: 'computers' });
    // The API key reaches only what is marked @aws_api_key.
    const { errors } = await graphql('apiKey', '{ myOrders { id } }');
    assert.equal(errors?.[0]?.errorType, 'Unauthorized');
  });

  it('places orders through the Lambda resolver and reads them back with their items (VTL, JS)', async () => {
    const place = `mutation Place($lines: [OrderLineInput!]!) {
      placeOrder(lines: $lines) { id userId status total items { productId name price quantity } }
    }`;
    const placeOrder = async (user: SignedIn, lines: { productId: string; quantity: number }[]) => {
      const { placeOrder: order } = (await data(user, place, { lines })) as {
        placeOrder: { id: string; userId: string; status: string; total: number; items: unknown[] };
      };
      assert.equal(order.userId, user.sub);
      assert.equal(order.status, 'PLACED');
      assert.equal(order.items.length, lines.length);
      return order;
    };
    const big = await placeOrder(users.ada, [{ productId: products.laptop, quantity: 1 }]);
    assert.equal(big.total, 1200);
    orders.big = big.id;
    const small = await placeOrder(users.ada, [{ productId: products.case, quantity: 2 }]);
    assert.equal(small.total, 50);
    orders.small = small.id;
    // Exactly 500: the big-order rule's lower bound is inclusive.
    const boundary = await placeOrder(users.qa, [
      { productId: products.phone, quantity: 1 },
      { productId: products.case, quantity: 2 },
    ]);
    assert.equal(boundary.total, 500);
    orders.boundary = boundary.id;

    const unknown = await graphql(users.ada, place, {
      lines: [{ productId: 'no-such-product', quantity: 1 }],
    });
    assert.match(unknown.errors?.[0]?.message ?? '', /Unknown product no-such-product/);

    // myOrders (JS, GSI1, newest first) and Order.items (JS, the order's partition).
    const { myOrders } = await data(users.ada, '{ myOrders { id total items { name quantity } } }');
    assert.deepEqual(myOrders, [
      { id: orders.small, total: 50, items: [{ name: 'Case', quantity: 2 }] },
      { id: orders.big, total: 1200, items: [{ name: 'Laptop', quantity: 1 }] },
    ]);
    // order (VTL): its owner reads it, anyone else is refused by the response template's
    // $util.unauthorized() (errorType Unauthorized).
    // https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html
    const read = 'query ($id: ID!) { order(id: $id) { id total } }';
    assert.deepEqual((await data(users.qa, read, { id: orders.boundary })).order, {
      id: orders.boundary,
      total: 500,
    });
    const foreign = await graphql(users.qa, read, { id: orders.big });
    assert.equal(foreign.errors?.[0]?.errorType, 'Unauthorized');
  });

  it("tells an order's owner about each status change over the real-time WebSocket, and no one else", async () => {
    const subscription = `subscription ($userId: ID!) {
      onOrderStatusChanged(userId: $userId) { id userId status }
    }`;
    const ada = await Realtime.open(realtimeUrl, graphqlUrl, users.ada.idToken, sockets);
    const started = await ada.start('orders', subscription, { userId: users.ada.sub });
    assert.equal(started.type, 'start_ack', JSON.stringify(started));
    // The subscription's resolver lets a user follow only their own orders: an `error` message, no start_ack.
    // https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
    const qa = await Realtime.open(realtimeUrl, graphqlUrl, users.qa.idToken, sockets);
    const spying = await qa.start('spy', subscription, { userId: users.ada.sub });
    assert.equal(spying.type, 'error', JSON.stringify(spying));

    const move = `mutation ($id: ID!, $status: OrderStatus!) {
      updateOrderStatus(id: $id, status: $status) { id userId status total updatedAt }
    }`;
    // Only admins move orders along.
    const refused = await graphql(users.ada, move, { id: orders.big, status: 'DELIVERED' });
    assert.equal(refused.errors?.[0]?.errorType, 'Unauthorized');
    await data(users.admin, move, { id: orders.big, status: 'PAID' });
    await data(users.admin, move, { id: orders.boundary, status: 'PAID' });
    await data(users.admin, move, { id: orders.big, status: 'SHIPPED' });
    // The condition attribute_exists(PK) fails for an unknown order: DynamoDB:ConditionalCheckFailedException.
    // https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-resolver-mapping-template-reference-dynamodb-condition-expressions.html
    const missing = await graphql(users.admin, move, { id: 'no-such-order', status: 'PAID' });
    assert.equal(missing.errors?.[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException');

    const first = await ada.next('data', 'orders');
    const second = await ada.next('data', 'orders');
    assert.deepEqual(
      [first, second].map((message) => (message.payload as { data: unknown }).data),
      [
        { onOrderStatusChanged: { id: orders.big, userId: users.ada.sub, status: 'PAID' } },
        { onOrderStatusChanged: { id: orders.big, userId: users.ada.sub, status: 'SHIPPED' } },
      ],
    );
    // The qa user's order moved too, but that is not Ada's: nothing else arrives.
    await sleep(300);
    assert.equal(ada.pending('data').length, 0);
    ada.send({ type: 'stop', id: 'orders' });
    assert.equal((await ada.next('complete', 'orders')).id, 'orders');
    await Promise.all([ada.close(), qa.close()]);
  });

  it('routes each stream event to exactly the consumers whose rules select it', async () => {
    const expected: Record<string, string[]> = {
      // anything-but "test": the QA account is not welcomed.
      welcome: [`UserCreated ${users.ada.sub}`, `UserCreated ${users.admin.sub}`],
      // numeric >= 500: the 1,200 and the 500 order, not the 50 one.
      bigOrders: [`OrderCreated ${orders.big}`, `OrderCreated ${orders.boundary}`],
      // detail-type prefix "Order": orders, their items and their updates; no User or Product events.
      archiver: [
        `OrderCreated ${orders.big}`,
        `OrderCreated ${orders.small}`,
        `OrderCreated ${orders.boundary}`,
        `OrderItemCreated ${orders.big}`,
        `OrderItemCreated ${orders.small}`,
        `OrderItemCreated ${orders.boundary}`,
        `OrderItemCreated ${orders.boundary}`,
        `OrderUpdated ${orders.big}`,
        `OrderUpdated ${orders.big}`,
        `OrderUpdated ${orders.boundary}`,
      ],
    };
    for (const [consumer, events] of Object.entries(expected)) {
      const seen = await waitFor(
        `${consumer} to handle ${events.length} events`,
        async () => {
          const handled = await handledBy(logs, `${STACK}-${consumer}`);
          return handled.length >= events.length ? handled : undefined;
        },
        20_000,
        200,
      );
      assert.deepEqual(
        seen.map((event) => `${event.detailType} ${event.id}`).sort(),
        [...events].sort(),
        consumer,
      );
    }
    // Nothing more arrives later (every delivery is in by now, and none is doubled).
    await sleep(500);
    for (const [consumer, events] of Object.entries(expected))
      assert.equal((await handledBy(logs, `${STACK}-${consumer}`)).length, events.length, consumer);
  });

  it('archives the order history through Firehose to S3, and the lifecycle rule moves it to Glacier after 90 days', async () => {
    const bucket = outputs.get('ArchiveBucketName')!;
    // Firehose buffers for 60 s on the cloud clock: moving it past that writes the object.
    const keys = await waitFor(
      'the archive objects',
      async () => {
        cloud.clock.advance(61_000);
        const { Contents = [] } = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: 'orders/' }),
        );
        return Contents.length > 0 ? Contents.map((object) => object.Key!) : undefined;
      },
      10_000,
      200,
    );
    const records: { detailType: string; detail: { entityType: string } }[] = [];
    for (const key of keys) {
      assert.match(key, /^orders\/\d{4}\/\d{2}\/\d{2}\//);
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const lines = gunzipSync(Buffer.from(await Body!.transformToByteArray())).toString('utf8');
      for (const line of lines.split('\n').filter(Boolean)) records.push(JSON.parse(line));
    }
    assert.equal(records.length, 10);
    assert.deepEqual(
      new Set(records.map((record) => record.detail.entityType)),
      new Set(['Order', 'OrderItem']),
    );

    // S3 rounds a transition due `Days` after creation up to the next midnight UTC; after 89 days the
    // objects are still STANDARD (HeadObject sends no x-amz-storage-class), after 91 they are GLACIER.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
    const storageClass = async (key: string) =>
      (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).StorageClass;
    cloud.clock.advance(89 * DAY);
    assert.equal(await storageClass(keys[0]!), undefined);
    cloud.clock.advance(2 * DAY);
    for (const key of keys) assert.equal(await storageClass(key), 'GLACIER');
    // An archived object is not readable until restored: InvalidObjectState.
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] })), {
      name: 'InvalidObjectState',
    });
  });

  it('packages a template that passes cfn-lint', { skip: cfnLintSkip() }, async () => {
    const result = await nimbus('package');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lint = await cfnLint(join(dir, '.serverless/cloudformation-template-update-stack.json'));
    assert.equal(lint.errors, false, `cfn-lint exit ${lint.code}:\n${lint.output}`);
  });

  it('removes the service with nimbus remove, once the archive bucket is emptied', async () => {
    const bucket = outputs.get('ArchiveBucketName')!;
    await emptyBucket(s3, bucket);
    const result = await nimbus('remove');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    await assert.rejects(stackOutputs(cloud, STACK), /does not exist/);
  });
});

/** The JWT's payload (the API verifies the signature; the test only reads the claims). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** The events a consumer logged (one JSON line each, after the Node.js runtime's prefix). */
async function handledBy(logs: CloudWatchLogsClient, functionName: string): Promise<Handled[]> {
  const out: Handled[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs
      .send(
        new FilterLogEventsCommand({
          logGroupName: `/aws/lambda/${functionName}`,
          filterPattern: '"consumer"',
          nextToken,
        }),
      )
      .catch((error: Error) => {
        // The log group appears with the function's first invocation.
        if (error.name === 'ResourceNotFoundException') return { events: [], nextToken: undefined };
        throw error;
      });
    for (const event of page.events ?? []) {
      const message = event.message ?? '';
      out.push(JSON.parse(message.slice(message.indexOf('{'))) as Handled);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

type RealtimeMessage = { type: string; id?: string; payload?: unknown };

/**
 * A client of AppSync's real-time protocol: the WebSocket to the REALTIME URI with the `header` (the
 * authorization as base64 JSON) and `payload` (`{}`) query parameters and the `graphql-ws` subprotocol;
 * connection_init → connection_ack, then start → start_ack, data…, stop → complete.
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 */
class Realtime {
  private readonly received: RealtimeMessage[] = [];
  private wake: (() => void) | undefined;

  private constructor(
    private readonly socket: WebSocket,
    private readonly authorization: Record<string, string>,
    private readonly registry: Set<Realtime>,
  ) {
    socket.on('message', (raw) => {
      this.received.push(JSON.parse(raw.toString()) as RealtimeMessage);
      this.wake?.();
    });
    socket.on('close', () => this.wake?.());
  }

  static async open(
    realtimeUrl: string,
    graphqlUrl: string,
    idToken: string,
    registry: Set<Realtime>,
  ): Promise<Realtime> {
    // For a Cognito user pool the header is the GraphQL endpoint's host and the token.
    const authorization = { host: new URL(graphqlUrl).host, Authorization: idToken };
    const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    const url = `${realtimeUrl}?header=${encodeURIComponent(base64(authorization))}&payload=${encodeURIComponent(base64({}))}`;
    const socket = new WebSocket(url, ['graphql-ws']);
    const client = new Realtime(socket, authorization, registry);
    registry.add(client);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    assert.equal(socket.protocol, 'graphql-ws');
    client.send({ type: 'connection_init' });
    const ack = await client.next('connection_ack');
    assert.ok((ack.payload as { connectionTimeoutMs: number }).connectionTimeoutMs > 0);
    return client;
  }

  /** Subscribes; answers start_ack or the error. */
  async start(id: string, query: string, variables: Record<string, unknown>): Promise<RealtimeMessage> {
    this.send({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query, variables }),
        extensions: { authorization: this.authorization },
      },
    });
    return this.next((message) => message.id === id && ['start_ack', 'error'].includes(message.type));
  }

  send(message: RealtimeMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Messages received and not yet taken by next(), of this type. */
  pending(type: string): RealtimeMessage[] {
    return this.received.filter((message) => message.type === type);
  }

  /** The first message (of this type and subscription id) not yet taken, waiting up to 5 s for it. */
  async next(
    match: string | ((message: RealtimeMessage) => boolean),
    id?: string,
    timeoutMs = 5_000,
  ): Promise<RealtimeMessage> {
    const matches =
      typeof match === 'string'
        ? (message: RealtimeMessage) => message.type === match && (id === undefined || message.id === id)
        : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(matches);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0 || this.socket.readyState !== WebSocket.OPEN)
        throw new Error(
          `no ${typeof match === 'string' ? match : 'matching'} message: ${JSON.stringify(this.received)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Closes the socket and waits for it to be closed. */
  async close(): Promise<void> {
    this.registry.delete(this);
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close(1000);
    // A peer that never answers the close frame: end the connection after a second.
    const timer = setTimeout(() => this.socket.terminate(), 1_000);
    await closed;
    clearTimeout(timer);
  }
}
