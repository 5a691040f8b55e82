// AppSync's CloudWatch side: the request logs an API with a log config writes to
// `/aws/appsync/apis/<apiId>` (RequestSummary, ExecutionSummary, Tracing, mapping entries by field log
// level, verbose content) and the AWS/AppSync metrics of its GraphQL and real-time endpoints.
// Expected shapes from https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html (Log type
// reference; CloudWatch metrics).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FieldLogLevel, UpdateGraphqlApiCommand } from '@aws-sdk/client-appsync';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import {
  apiKeyAuth,
  createOrdersApi,
  graphql,
  nextMessage,
  openRealtime,
  startSubscription,
  type TestApi,
} from './orders-api.js';

const ROLE = 'arn:aws:iam::000000000000:role/appsync-logs';

describe('AppSync request logs and metrics', () => {
  let cloud: Cloud;
  let api: TestApi;
  let logs: CloudWatchLogsClient;

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    logs = client(cloud, CloudWatchLogsClient);
  });
  after(() => cloud.stop());

  async function configure(
    logConfig: { fieldLogLevel: FieldLogLevel; excludeVerboseContent?: boolean } | undefined,
  ) {
    await api.appsync.send(
      new UpdateGraphqlApiCommand({
        apiId: api.apiId,
        name: 'orders',
        authenticationType: 'API_KEY',
        additionalAuthenticationProviders: [{ authenticationType: 'AWS_IAM' }],
        ...(logConfig ? { logConfig: { cloudWatchLogsRoleArn: ROLE, ...logConfig } } : {}),
      }),
    );
  }

  /** Sends a query; returns the request id AppSync answered with. */
  async function send(query: string): Promise<{ requestId: string; tokens: string | null }> {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
      body: JSON.stringify({ query }),
    });
    await response.json();
    const requestId = response.headers.get('x-amzn-requestid');
    assert.ok(requestId, 'every answer names its request id');
    return { requestId, tokens: response.headers.get('x-amzn-appsync-tokensconsumed') };
  }

  /** The events tagged with a request id, once they are delivered (delivery is batched). */
  async function eventsOf(requestId: string, expectAtLeast = 1): Promise<string[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = await logs
        .send(
          new FilterLogEventsCommand({
            logGroupName: `/aws/appsync/apis/${api.apiId}`,
            filterPattern: `"${requestId}"`,
          }),
        )
        .catch(() => ({ events: [] }));
      const messages = (found.events ?? []).map((event) => event.message ?? '');
      if (messages.length >= expectAtLeast && messages.some((m) => m.includes('RequestSummary')))
        return messages;
      if (Date.now() > deadline) return messages;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const structured = (messages: string[]) =>
    messages.filter((m) => m.startsWith('{')).map((m) => JSON.parse(m) as Record<string, unknown>);

  it('writes nothing without a log config, and still tags each answer with its id and tokens', async () => {
    const { requestId, tokens } = await send('{ echo(text: "quiet") }');
    assert.equal(tokens, '1');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const streams = await logs
      .send(new DescribeLogStreamsCommand({ logGroupName: `/aws/appsync/apis/${api.apiId}` }))
      .catch((error: { name?: string }) => error.name);
    assert.equal(streams, 'ResourceNotFoundException', `no log group for ${requestId}`);
  });

  it('at ALL with verbose content: headers, query, summaries, a Tracing entry per field and every mapping', async () => {
    await configure({ fieldLogLevel: 'ALL', excludeVerboseContent: false });
    const { requestId } = await send('{ getOrder(id: "none") { id status } }');
    const messages = await eventsOf(requestId, 5);
    assert.ok(messages.some((m) => m === `${requestId} Tokens Consumed: 1`));
    assert.ok(messages.some((m) => m.startsWith(`${requestId} Request Headers: {`)));
    assert.ok(messages.some((m) => m.startsWith(`${requestId} GraphQL Query: { getOrder(id: "none")`)));
    const events = structured(messages);
    const byType = (type: string) => events.filter((event) => event.logType === type);

    const [summary] = byType('RequestSummary');
    assert.deepEqual(Object.keys(summary!).sort(), [
      'graphQLAPIId',
      'latency',
      'logType',
      'requestId',
      'statusCode',
    ]);
    assert.equal(summary!.graphQLAPIId, api.apiId);
    assert.equal(summary!.statusCode, 200);
    assert.ok(Number.isInteger(summary!.latency) && (summary!.latency as number) > 0, 'latency in ns');

    const [execution] = byType('ExecutionSummary');
    assert.equal(execution!.version, 1);
    assert.match(String(execution!.startTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const parsing = execution!.parsing as { startOffset: number; duration: number };
    const validation = execution!.validation as { startOffset: number; duration: number };
    assert.ok(validation.startOffset >= parsing.startOffset + parsing.duration);

    const traces = byType('Tracing');
    const root = traces.find((trace) => trace.fieldName === 'getOrder');
    assert.deepEqual(root?.path, ['getOrder']);
    assert.equal(root?.parentType, 'Query');
    assert.equal(root?.returnType, 'Order');
    assert.equal(
      root?.resolverArn,
      `arn:aws:appsync:us-east-1:000000000000:apis/${api.apiId}/types/Query/resolvers/getOrder`,
    );

    const [requestMapping] = byType('RequestMapping');
    assert.deepEqual(requestMapping!.path, ['getOrder']);
    assert.equal(requestMapping!.fieldInError, false);
    assert.deepEqual((requestMapping!.context as { arguments: unknown }).arguments, { id: 'none' });
    assert.match(String(requestMapping!.transformedTemplate), /"operation": "GetItem"/);
    assert.equal(byType('ResponseMapping').length, 1);
  });

  it('at ERROR: only the field in error has its mappings logged', async () => {
    await configure({ fieldLogLevel: 'ERROR', excludeVerboseContent: true });
    const { requestId } = await send('{ fail echo(text: "ok") }');
    const events = structured(await eventsOf(requestId, 3));
    const mappings = events.filter((event) => String(event.logType).endsWith('Mapping'));
    assert.ok(mappings.length > 0);
    for (const mapping of mappings) {
      assert.equal(mapping.fieldName, 'fail');
      assert.equal('context' in mapping, false, 'verbose content excluded');
    }
    const response = mappings.find((mapping) => mapping.logType === 'ResponseMapping');
    assert.equal(response?.fieldInError, true);
    assert.deepEqual(response?.errors, ['Order is locked']);
    assert.equal(events.filter((event) => event.logType === 'Tracing').length, 0);
  });

  it('at NONE: the request-level summaries only', async () => {
    await configure({ fieldLogLevel: 'NONE', excludeVerboseContent: true });
    const { requestId } = await send('{ fail }');
    const messages = await eventsOf(requestId, 2);
    const types = structured(messages).map((event) => event.logType);
    assert.deepEqual(types.sort(), ['ExecutionSummary', 'RequestSummary']);
    assert.equal(messages.length, 2, 'no verbose lines');
  });

  it('publishes Requests, 4XXError, 5XXError, Latency and TokensConsumed by GraphQLAPIId', async () => {
    await fetch(api.url, { method: 'POST', headers: { 'x-api-key': api.apiKey }, body: 'not json' });
    const cloudwatch = client(cloud, CloudWatchClient);
    const now = Date.now();
    const statistic = async (MetricName: string) => {
      const answer = await cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/AppSync',
          MetricName,
          Dimensions: [{ Name: 'GraphQLAPIId', Value: api.apiId }],
          StartTime: new Date(now - 3_600_000),
          EndTime: new Date(now + 120_000),
          Period: 3600,
          Statistics: ['Sum', 'SampleCount'],
        }),
      );
      return answer.Datapoints?.[0];
    };
    const requests = await statistic('Requests');
    assert.ok((requests?.Sum ?? 0) >= 5, `requests: ${JSON.stringify(requests)}`);
    assert.equal((await statistic('4XXError'))?.Sum, 1, 'the unparseable body');
    assert.equal((await statistic('5XXError'))?.Sum, 0);
    assert.equal((await statistic('TokensConsumed'))?.Sum, requests?.Sum);
    assert.equal((await statistic('Latency'))?.SampleCount, requests?.SampleCount);
  });

  it('counts real-time connections, subscriptions and published messages', async () => {
    const socket = await openRealtime(api);
    const started = await startSubscription(
      socket,
      's1',
      'subscription { onPutOrder { id status } }',
      apiKeyAuth(api),
    );
    assert.equal(started.type, 'start_ack');
    const refused = await startSubscription(socket, 's2', 'subscription { nope }', apiKeyAuth(api));
    assert.equal(refused.type, 'error');
    await graphql(api, 'mutation { putOrder(id: "m1", status: "NEW") { id status } }');
    const data = await nextMessage(socket);
    assert.equal(data.type, 'data');
    socket.send(JSON.stringify({ type: 'stop', id: 's1' }));
    assert.equal((await nextMessage(socket)).type, 'complete');
    await socket.close();
    const cloudwatch = client(cloud, CloudWatchClient);
    const now = Date.now();
    const sum = async (MetricName: string) => {
      const deadline = Date.now() + 3_000;
      for (;;) {
        const answer = await cloudwatch.send(
          new GetMetricStatisticsCommand({
            Namespace: 'AWS/AppSync',
            MetricName,
            Dimensions: [{ Name: 'GraphQLAPIId', Value: api.apiId }],
            StartTime: new Date(now - 3_600_000),
            EndTime: new Date(now + 120_000),
            Period: 3600,
            Statistics: ['Sum'],
          }),
        );
        const value = answer.Datapoints?.[0]?.Sum;
        if (value !== undefined || Date.now() > deadline) return value;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    assert.equal(await sum('ConnectRequests'), 1);
    assert.equal(await sum('ConnectSuccess'), 1);
    assert.equal(await sum('SubscribeSuccess'), 1);
    assert.equal(await sum('SubscribeClientError'), 1);
    assert.equal(await sum('PublishDataMessageSuccess'), 1);
    assert.ok(((await sum('PublishDataMessageSize')) ?? 0) > 20, 'bytes of the data message');
    assert.equal(await sum('UnsubscribeSuccess'), 1);
    assert.equal(await sum('DisconnectSuccess'), 1);
  });
});
