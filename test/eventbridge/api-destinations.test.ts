// EventBridge connections and API destinations: rule targets that are HTTP endpoints, with the connection's
// authorization and parameters, the target's HttpParameters, AWS's retry rule (401, 407, 409, 429 and 5xx are
// retried, other answers are not) and the dead-letter queue. A local node:http server is the endpoint.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html

import assert from 'node:assert/strict';
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
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { type RecordingEndpoint, settle, startRecordingEndpoint } from '../support/http-endpoint.js';

describe('EventBridge API destinations', () => {
  let cloud: Cloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let counter = 0;
  let http: RecordingEndpoint;
  const requests = (count: number) => http.requests(count);
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
        InvocationEndpoint: `${http.base}${path}`,
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
    http = await startRecordingEndpoint();
    cloud = await startTestCloud();
    events = client(cloud, EventBridgeClient);
    sqs = sqsClient(cloud);
  });
  beforeEach(() => http.reset());
  after(async () => {
    await cloud.stop();
    await http.close();
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

  it('updates only the auth members UpdateConnection names, keeping the stored others', async () => {
    // Every member of UpdateConnectionBasicAuthRequestParameters is optional: a new password alone keeps
    // the username. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_UpdateConnection.html
    await events.send(
      new CreateConnectionCommand({
        Name: 'partial-basic',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
      }),
    );
    await events.send(
      new UpdateConnectionCommand({
        Name: 'partial-basic',
        AuthParameters: { BasicAuthParameters: { Password: 'p2' } },
      }),
    );
    const described = await events.send(new DescribeConnectionCommand({ Name: 'partial-basic' }));
    assert.deepEqual(described.AuthParameters?.BasicAuthParameters, { Username: 'u' });
    await events.send(
      new CreateConnectionCommand({
        Name: 'partial-oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            ClientParameters: { ClientID: 'id', ClientSecret: 'secret' },
            AuthorizationEndpoint: 'https://auth.example.com/token',
            HttpMethod: 'POST',
          },
        },
      }),
    );
    await events.send(
      new UpdateConnectionCommand({
        Name: 'partial-oauth',
        AuthParameters: { OAuthParameters: { HttpMethod: 'GET' } },
      }),
    );
    const oauth = await events.send(new DescribeConnectionCommand({ Name: 'partial-oauth' }));
    assert.deepEqual(oauth.AuthParameters?.OAuthParameters?.ClientParameters, { ClientID: 'id' });
    assert.equal(oauth.AuthParameters?.OAuthParameters?.HttpMethod, 'GET');
  });

  it('retries a 429 on the virtual clock', async () => {
    await destination('app.busy', {
      type: 'API_KEY',
      parameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
    });
    http.answerWith(429);
    await put('app.busy', { n: 1 });
    await requests(1);
    await settle();
    for (let i = 0; i < 20 && http.received.length < 2; i++) {
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
    http.answerWith(404);
    await put('app.missing', { lost: true });
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageAttributeNames: ['All'] }),
    );
    assert.equal(Messages![0]!.MessageAttributes!.ERROR_CODE!.StringValue, 'ERROR_FROM_TARGET');
    assert.match(Messages![0]!.MessageAttributes!.ERROR_MESSAGE!.StringValue!, /answered 404$/);
    assert.equal(http.received.length, 1);
  });
});
