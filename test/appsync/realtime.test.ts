// AppSync's real-time endpoint driven by a raw WebSocket client speaking its graphql-ws protocol: the
// handshake (`header` and `payload` query parameters, subprotocol graphql-ws), connection_init →
// connection_ack → ka, start → start_ack, data for mutations made over HTTP, stop → complete, the error
// messages for bad authorization and bad subscriptions, each auth mode (API key, a real Cognito user pool,
// a Lambda authorizer), fan-out, and the cloud stopping with clients connected; then the Amplify v6
// client (aws-amplify) subscribing as an application would.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import WebSocket from 'ws';
import type { Cloud } from '../../src/index.js';
import { type Client, connect, refusal } from '../apigatewayv2/ws-client.js';
import { startTestCloud } from '../support/helpers.js';
import {
  type AuthModes,
  addUserPoolAndLambdaModes,
  apiKeyAuth,
  createOrdersApi,
  graphql,
  nextMessage,
  openRealtime,
  realtimeUrl,
  startSubscription,
  type TestApi,
} from './orders-api.js';

const ON_PUT = 'subscription { onPutOrder { id status } }';

describe('AppSync real-time endpoint', () => {
  let cloud: Cloud;
  let api: TestApi;
  let modes: AuthModes;
  const clients: Client[] = [];
  const open = async (header?: Record<string, string>) => {
    const client = await openRealtime(api, header);
    clients.push(client);
    return client;
  };

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    modes = await addUserPoolAndLambdaModes(cloud, api);
  });
  after(async () => {
    for (const client of clients) client.ws.terminate();
    await cloud.stop();
  });

  it('acknowledges connection_init with connectionTimeoutMs, then keeps alive with ka', async () => {
    // "connection_ack ... includes a connectionTimeoutMs parameter"; "AWS AppSync sends "ka" messages
    // periodically" (real-time-websocket-client.html, steps 3 and 4)
    const client = await connect(realtimeUrl(api, apiKeyAuth(api)), { protocols: ['graphql-ws'] });
    clients.push(client);
    assert.equal(client.ws.protocol, 'graphql-ws');
    client.send(JSON.stringify({ type: 'connection_init' }));
    assert.deepEqual(await nextMessage(client), {
      type: 'connection_ack',
      payload: { connectionTimeoutMs: 300000 },
    });
    assert.deepEqual(await nextMessage(client), { type: 'ka' });
  });

  it('refuses a handshake that does not offer the graphql-ws subprotocol', async () => {
    const refused = await refusal(realtimeUrl(api, apiKeyAuth(api)));
    assert.equal(refused.status, 400);
  });

  it('accepts the authorization as a header-<base64url> subprotocol (the Amplify v6 form)', async () => {
    const encoded = Buffer.from(JSON.stringify(apiKeyAuth(api))).toString('base64url');
    const client = await connect(api.realtime, { protocols: [`header-${encoded}`, 'graphql-ws'] });
    clients.push(client);
    client.send(JSON.stringify({ type: 'connection_init' }));
    assert.equal((await nextMessage(client)).type, 'connection_ack');
  });

  it('starts a subscription and sends each mutation with only the fields it selected', async () => {
    // "the subscription ... returns only the fields ... the mutation's selection set" and fields the
    // mutation did not select are null (aws-appsync-real-time-data.html)
    const client = await open();
    assert.deepEqual(
      await startSubscription(
        client,
        'sub-1',
        'subscription { onPutOrder { id status total alias: status __typename } }',
        apiKeyAuth(api),
      ),
      { type: 'start_ack', id: 'sub-1' },
    );
    const put = await graphql(api, 'mutation { putOrder(id: "r1", status: "NEW", total: 3) { id status } }');
    assert.equal(put.status, 200);
    assert.deepEqual(await nextMessage(client), {
      type: 'data',
      id: 'sub-1',
      payload: {
        data: { onPutOrder: { id: 'r1', status: 'NEW', total: null, alias: 'NEW', __typename: 'Order' } },
      },
    });
  });

  it('delivers only the mutations whose result matches the arguments given', async () => {
    // "subscription arguments ... the event is sent when the argument equals the field of the mutation's
    // result" (aws-appsync-real-time-data.html#using-subscription-arguments)
    const client = await open();
    const started = await startSubscription(
      client,
      'paid',
      'subscription Paid($status: String) { onPutOrder(status: $status) { id status } }',
      apiKeyAuth(api),
      { status: 'PAID' },
    );
    assert.equal(started.type, 'start_ack');
    await graphql(api, 'mutation { putOrder(id: "r2", status: "NEW") { id status } }');
    await graphql(api, 'mutation { jsPutOrder(id: "r3", status: "PAID") { id status } }');
    assert.deepEqual(await nextMessage(client), {
      type: 'data',
      id: 'paid',
      payload: { data: { onPutOrder: { id: 'r3', status: 'PAID' } } },
    });
  });

  it('stop ends a subscription with complete, and no more data comes for it', async () => {
    const client = await open();
    assert.equal((await startSubscription(client, 'a', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
    client.send(JSON.stringify({ type: 'stop', id: 'a' }));
    assert.deepEqual(await nextMessage(client), { type: 'complete', id: 'a' });
    assert.equal((await startSubscription(client, 'b', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
    await graphql(api, 'mutation { putOrder(id: "r4", status: "NEW") { id status } }');
    // Only `b` answers: had `a` lived on, its data would have come first.
    const data = await nextMessage(client);
    assert.equal(data.id, 'b');
  });

  it('answers a handshake with a bad API key by connection_error UnauthorizedException', async () => {
    // Connection errors carry errorType, message and errorCode (real-time-websocket-client.html,
    // "Connection init message" errors)
    const client = await connect(realtimeUrl(api, { host: 'x', 'x-api-key': 'da2-wrong' }), {
      protocols: ['graphql-ws'],
    });
    clients.push(client);
    client.send(JSON.stringify({ type: 'connection_init' }));
    assert.deepEqual(await nextMessage(client), {
      type: 'connection_error',
      payload: {
        errors: [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ],
      },
    });
    await client.closed;
  });

  it('answers a start with bad authorization by an error UnauthorizedException for its id', async () => {
    const client = await open();
    assert.deepEqual(await startSubscription(client, 'bad', ON_PUT, { host: 'x', 'x-api-key': 'da2-nope' }), {
      type: 'error',
      id: 'bad',
      payload: {
        errors: [
          { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
        ],
      },
    });
  });

  it('refuses a subscription field the mode may not read, as AppSync words it', async () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html (additional modes)
    const client = await open();
    const answer = await startSubscription(
      client,
      'iam',
      'subscription { onPutOrderIam { id } }',
      apiKeyAuth(api),
    );
    assert.deepEqual(answer, {
      type: 'error',
      id: 'iam',
      payload: {
        errors: [
          {
            errorType: 'Unauthorized',
            message: 'Not Authorized to access onPutOrderIam on type Subscription',
          },
        ],
      },
    });
  });

  it('answers invalid subscriptions and unknown messages with error messages', async () => {
    const client = await open();
    const unknownField = await startSubscription(
      client,
      'v',
      'subscription { nope { id } }',
      apiKeyAuth(api),
    );
    assert.equal(unknownField.type, 'error');
    assert.equal(unknownField.id, 'v');
    const [validation] = (unknownField.payload as { errors: Record<string, unknown>[] }).errors;
    assert.equal(validation!.errorType, 'ValidationError');
    assert.match(String(validation!.message), /nope/);

    const query = await startSubscription(client, 'q', '{ echo(text: "x") }', apiKeyAuth(api));
    assert.equal(query.type, 'error');
    assert.equal(
      (query.payload as { errors: { errorType: string }[] }).errors[0]!.errorType,
      'UnsupportedOperation',
    );

    client.send(JSON.stringify({ id: 'd', type: 'start', payload: { data: '{not json' } }));
    const malformed = await nextMessage(client);
    assert.equal(malformed.type, 'error');
    assert.equal(malformed.id, 'd');

    // The same start id twice is refused while the first lives.
    assert.equal((await startSubscription(client, 'dup', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
    const duplicate = await startSubscription(client, 'dup', ON_PUT, apiKeyAuth(api));
    assert.equal(
      (duplicate.payload as { errors: { errorType: string }[] }).errors[0]!.errorType,
      'DuplicatedOperationError',
    );

    // "unknown not supported through the realtime channel" is how AppSync answers an unknown type.
    client.send(JSON.stringify({ type: 'subscribe', id: 'x' }));
    assert.deepEqual(await nextMessage(client), {
      type: 'error',
      id: 'x',
      payload: {
        errors: [
          {
            errorType: 'UnsupportedOperation',
            message: 'subscribe not supported through the realtime channel',
          },
        ],
      },
    });
  });

  it('serves a Cognito user pool token from a real pool on the handshake and the start', async () => {
    const auth = { host: new URL(api.url).host, Authorization: modes.idToken };
    const client = await open(auth);
    assert.equal((await startSubscription(client, 'c', ON_PUT, auth)).type, 'start_ack');
    await graphql(api, 'mutation { putOrder(id: "c1", status: "NEW") { id status } }');
    assert.deepEqual((await nextMessage(client)).payload, {
      data: { onPutOrder: { id: 'c1', status: 'NEW' } },
    });
  });

  it('serves a token the Lambda authorizer accepts and refuses one it does not', async () => {
    const auth = { host: new URL(api.url).host, Authorization: modes.lambdaToken };
    const client = await open(auth);
    assert.equal((await startSubscription(client, 'l', ON_PUT, auth)).type, 'start_ack');
    await graphql(api, 'mutation { putOrder(id: "l1", status: "NEW") { id status } }');
    assert.deepEqual((await nextMessage(client)).payload, {
      data: { onPutOrder: { id: 'l1', status: 'NEW' } },
    });

    const refused = await connect(realtimeUrl(api, { host: 'x', Authorization: 'let-me-out' }), {
      protocols: ['graphql-ws'],
    });
    clients.push(refused);
    refused.send(JSON.stringify({ type: 'connection_init' }));
    const error = await nextMessage(refused);
    assert.equal(error.type, 'connection_error');
    assert.equal(
      (error.payload as { errors: { errorType: string }[] }).errors[0]!.errorType,
      'UnauthorizedException',
    );
  });

  it('fans one mutation out to every subscriber on every connection', async (t) => {
    const connections = await Promise.all(Array.from({ length: 5 }, () => open()));
    for (const [c, client] of connections.entries()) {
      for (let s = 0; s < 10; s++) {
        assert.equal(
          (await startSubscription(client, `f${c}-${s}`, ON_PUT, apiKeyAuth(api))).type,
          'start_ack',
        );
      }
    }
    const started = performance.now();
    await graphql(api, 'mutation { putOrder(id: "fan", status: "NEW") { id status } }');
    const ids = new Set<string>();
    for (const client of connections) {
      for (let s = 0; s < 10; s++) {
        const message = await nextMessage(client);
        assert.deepEqual(message.payload, { data: { onPutOrder: { id: 'fan', status: 'NEW' } } });
        ids.add(String(message.id));
      }
    }
    assert.equal(ids.size, 50);
    const ms = performance.now() - started;
    t.diagnostic(`mutation to 50 subscribers on 5 connections, all delivered: ${ms.toFixed(1)} ms`);
    assert.ok(ms < 5_000, `fan-out to 50 subscribers took ${ms} ms`);
  });

  it('keeps serving the others when a subscriber disconnects without stop', async () => {
    const leaving = await open();
    const staying = await open();
    assert.equal((await startSubscription(leaving, 'gone', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
    assert.equal((await startSubscription(staying, 'here', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
    await leaving.close();
    const put = await graphql(api, 'mutation { putOrder(id: "d1", status: "NEW") { id status } }');
    assert.deepEqual(put.body, { data: { putOrder: { id: 'd1', status: 'NEW' } } });
    assert.equal((await nextMessage(staying)).id, 'here');
  });
});

describe('AppSync real-time endpoint when the cloud stops', () => {
  it('closes every connection with 1001 Going Away and stops promptly', async (t) => {
    const cloud = await startTestCloud();
    const clients: Client[] = [];
    try {
      const api = await createOrdersApi(cloud);
      for (let i = 0; i < 3; i++) clients.push(await openRealtime(api));
      assert.equal((await startSubscription(clients[0]!, 's', ON_PUT, apiKeyAuth(api))).type, 'start_ack');
      // One connection that never sent connection_init (no keep-alive timer yet) closes too.
      clients.push(await connect(realtimeUrl(api, apiKeyAuth(api)), { protocols: ['graphql-ws'] }));
      const started = performance.now();
      await cloud.stop();
      const ms = performance.now() - started;
      const closes = await Promise.all(clients.map((client) => client.closed));
      // RFC 6455 §7.4.1: 1001 "going away", such as a server going down.
      assert.deepEqual(
        closes.map((close) => close.code),
        [1001, 1001, 1001, 1001],
      );
      t.diagnostic(`cloud.stop() with 4 connections open: ${ms.toFixed(1)} ms`);
      assert.ok(ms < 1_500, `stop took ${ms} ms`);
    } finally {
      for (const client of clients) client.ws.terminate();
      await cloud.stop();
    }
  });
});

/** (Amplify's connection_init check is a 15 s timer it never clears, so a file using Amplify lingers that
 * long after its last test; nothing of the cloud's is left running.)
 * Node 20 has no global WebSocket; Amplify v6 uses the global. Amplify also always dials `wss:` (it
 * rewrites http:// to wss://), and the cloud speaks plain HTTP, so the shim dials `ws:` instead. It also
 * tells the test when a start_ack passes, which Amplify keeps to itself. */
class PlainWebSocket extends WebSocket {
  static readonly acks: (() => void)[] = [];

  constructor(url: string | URL, protocols?: string | string[]) {
    super(String(url).replace(/^wss:/, 'ws:'), protocols);
    this.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { type?: string }).type === 'start_ack')
        PlainWebSocket.acks.shift()?.();
    });
  }
}

describe('AppSync real-time endpoint with the Amplify v6 client', () => {
  let cloud: Cloud;
  let api: TestApi;
  let modes: AuthModes;
  const global = globalThis as { WebSocket?: unknown };
  const previous = global.WebSocket;

  before(async () => {
    global.WebSocket = PlainWebSocket;
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    modes = await addUserPoolAndLambdaModes(cloud, api);
    // https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/existing-resources/
    Amplify.configure({
      API: {
        GraphQL: { endpoint: api.url, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: api.apiKey },
      },
    });
  });
  after(async () => {
    await cloud.stop();
    global.WebSocket = previous;
  });

  /** The first event an Amplify subscription (made with `auth`) observes, once the mutations (made through
   * Amplify) are sent. */
  const firstEvent = async (
    subscription: { query: string; variables?: Record<string, unknown> },
    mutations: string[],
    auth: { authMode?: 'apiKey' | 'lambda'; authToken?: string } = {},
  ) => {
    const client = generateClient();
    let unsubscribe = () => {};
    const acked = new Promise<void>((resolve) => PlainWebSocket.acks.push(resolve));
    const event = new Promise<unknown>((resolve, reject) => {
      const observable = client.graphql({ ...subscription, ...auth }) as unknown as {
        subscribe(observer: { next(value: { data: unknown }): void; error(error: unknown): void }): {
          unsubscribe(): void;
        };
      };
      const handle = observable.subscribe({ next: ({ data }) => resolve(data), error: reject });
      unsubscribe = () => handle.unsubscribe();
    });
    try {
      // Amplify resolves no promise on start_ack: the shim says when the cloud has the subscription.
      await withTimeout(acked, 5_000);
      // Mutations go with the API key: only the API's default mode may call them (no directive names others).
      for (const mutation of mutations) await client.graphql({ query: mutation });
      return await withTimeout(event, 5_000);
    } finally {
      unsubscribe();
    }
  };

  it('subscribes with an API key and receives the mutation that matches its arguments', async () => {
    const data = await firstEvent(
      {
        query: 'subscription S($status: String) { onPutOrder(status: $status) { id status } }',
        variables: { status: 'PAID' },
      },
      [
        'mutation { putOrder(id: "amp-1", status: "NEW") { id status } }',
        'mutation { putOrder(id: "amp-2", status: "PAID") { id status } }',
      ],
    );
    assert.deepEqual(data, { onPutOrder: { id: 'amp-2', status: 'PAID' } });
  });

  it('subscribes through the Lambda authorizer (authMode lambda)', async () => {
    const data = await firstEvent(
      { query: 'subscription { onPutOrder { id } }' },
      ['mutation { putOrder(id: "amp-3", status: "NEW") { id } }'],
      { authMode: 'lambda', authToken: modes.lambdaToken },
    );
    assert.deepEqual(data, { onPutOrder: { id: 'amp-3' } });
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`nothing came within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
