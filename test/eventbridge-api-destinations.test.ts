// EventBridge connections and API destinations: rule targets that are HTTP endpoints, with the connection's
// authorization and parameters, the target's HttpParameters, AWS's retry rule (401, 407, 409, 429 and 5xx are
// retried, other answers are not) and the dead-letter queue. A local node:http server is the endpoint.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../src/index.js';
import { sqsClient, startTestCloud, TEST_CREDENTIALS } from './helpers.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('EventBridge API destinations', () => {
  let cloud: Cloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let server: Server;
  let base: string;
  let counter = 0;
  const received: Received[] = [];
  let waiters: (() => void)[] = [];
  let statuses: number[] = [];

  const requests = async (count: number): Promise<Received[]> => {
    while (received.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length} of ${count} requests came`)),
          5000,
        );
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return received.slice(0, count);
  };
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** A destination on a new connection, and a rule on `source` targeting it; returns the destination ARN. */
  const destination = async (
    source: string,
    authorization: { type: 'BASIC' | 'API_KEY'; parameters: object },
    target: Partial<Target> = {},
    path = '/hook',
  ) => {
    const n = ++counter;
    const { ConnectionArn } = await events.send(
      new CreateConnectionCommand({
        Name: `c${n}`,
        AuthorizationType: authorization.type,
        AuthParameters: authorization.parameters,
      }),
    );
    const { ApiDestinationArn } = await events.send(
      new CreateApiDestinationCommand({
        Name: `d${n}`,
        ConnectionArn,
        InvocationEndpoint: `${base}${path}`,
        HttpMethod: 'POST',
      }),
    );
    await events.send(
      new PutRuleCommand({ Name: `r${n}`, EventPattern: JSON.stringify({ source: [source] }) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: `r${n}`, Targets: [{ Id: 'api', Arn: ApiDestinationArn, ...target }] }),
    );
    return {
      ConnectionArn: ConnectionArn!,
      ApiDestinationArn: ApiDestinationArn!,
      name: `d${n}`,
      connection: `c${n}`,
    };
  };
  const put = (Source: string, detail: object) =>
    events.send(
      new PutEventsCommand({ Entries: [{ Source, DetailType: 'Test', Detail: JSON.stringify(detail) }] }),
    );

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.statusCode = statuses.shift() ?? 200;
        res.end();
        const ready = waiters;
        waiters = [];
        for (const wake of ready) wake();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cloud = await startTestCloud();
    events = new EventBridgeClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    });
    sqs = sqsClient(cloud);
  });
  beforeEach(() => {
    received.length = 0;
    statuses = [];
  });
  after(async () => {
    await cloud.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('creates connections and destinations; DescribeConnection hides the secrets', async () => {
    const { ConnectionArn, name, connection } = await destination('app.describe', {
      type: 'API_KEY',
      parameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } },
    });
    assert.match(ConnectionArn, /^arn:aws:events:us-east-1:000000000000:connection\/c\d+\/[0-9a-f-]{36}$/);
    const described = await events.send(new DescribeConnectionCommand({ Name: connection }));
    assert.equal(described.ConnectionState, 'AUTHORIZED');
    assert.equal(described.AuthorizationType, 'API_KEY');
    assert.deepEqual(described.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } });
    const api = await events.send(new DescribeApiDestinationCommand({ Name: name }));
    assert.equal(api.ApiDestinationState, 'ACTIVE');
    assert.equal(api.HttpMethod, 'POST');
    assert.equal(api.ConnectionArn, ConnectionArn);
  });

  it('sends the payload with the connection auth, its parameters and the target HttpParameters', async () => {
    await destination(
      'app.http',
      {
        type: 'API_KEY',
        parameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-1' },
          InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-from-connection', Value: 'c' }] },
        },
      },
      {
        InputPath: '$.detail',
        HttpParameters: {
          PathParameterValues: ['o-1'],
          QueryStringParameters: { mode: 'test' },
          HeaderParameters: { 'x-from-target': 't' },
        },
      },
      '/orders/*',
    );
    await put('app.http', { order: 'o-1', total: 3 });
    const [request] = await requests(1);
    assert.equal(request!.method, 'POST');
    assert.equal(request!.url, '/orders/o-1?mode=test');
    assert.equal(request!.headers['x-api-key'], 'k-1');
    assert.equal(request!.headers['x-from-connection'], 'c');
    assert.equal(request!.headers['x-from-target'], 't');
    assert.equal(request!.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(request!.headers['user-agent'], 'Amazon/EventBridge/ApiDestinations');
    assert.deepEqual(JSON.parse(request!.body), { order: 'o-1', total: 3 });
  });

  it('uses Basic authorization', async () => {
    await destination('app.basic', {
      type: 'BASIC',
      parameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
    });
    await put('app.basic', {});
    const [request] = await requests(1);
    assert.equal(request!.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
    assert.equal(JSON.parse(request!.body).source, 'app.basic');
  });

  it('retries a 429 on the virtual clock', async () => {
    await destination('app.busy', {
      type: 'API_KEY',
      parameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
    });
    statuses = [429];
    await put('app.busy', { n: 1 });
    await requests(1);
    await settle();
    for (let i = 0; i < 20 && received.length < 2; i++) {
      cloud.clock.advance(1000);
      await settle();
    }
    const [, retried] = await requests(2);
    assert.deepEqual(JSON.parse(retried!.body).detail, { n: 1 });
  });

  it('does not retry a 404 and dead-letters the event with ERROR_FROM_TARGET', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `api-dlq-${++counter}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await destination(
      'app.missing',
      { type: 'API_KEY', parameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } },
      { DeadLetterConfig: { Arn: Attributes!.QueueArn } },
    );
    statuses = [404];
    await put('app.missing', { lost: true });
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageAttributeNames: ['All'] }),
    );
    assert.equal(Messages![0]!.MessageAttributes!.ERROR_CODE!.StringValue, 'ERROR_FROM_TARGET');
    assert.match(Messages![0]!.MessageAttributes!.ERROR_MESSAGE!.StringValue!, /answered 404$/);
    assert.equal(received.length, 1);
  });
});
