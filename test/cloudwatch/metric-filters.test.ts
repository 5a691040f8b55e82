// CloudWatch Logs metric filters through the SDK v3: events that arrive after PutMetricFilter and match its
// pattern become datapoints (a fixed value or a field the pattern selects, dimensions from fields, the default
// value for events that do not match); Describe/Delete/TestMetricFilter and their errors.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchClient, type Datapoint, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteMetricFilterCommand,
  DescribeMetricFiltersCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  TestMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const MINUTE = 60_000;

describe('CloudWatch Logs metric filters', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
    logs = client(cloud, CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'api' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'api', logStreamName: 's' }));
  });
  after(() => cloud?.stop());

  async function stats(
    Namespace: string,
    MetricName: string,
    dimensions: Record<string, string> = {},
  ): Promise<Datapoint | undefined> {
    const now = cloud.clock.now();
    const { Datapoints = [] } = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace,
        MetricName,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
        StartTime: new Date(now - 60 * MINUTE),
        EndTime: new Date(now + 10 * MINUTE),
        Period: 70 * 60,
        Statistics: ['Sum', 'SampleCount', 'Maximum'],
      }),
    );
    return Datapoints[0];
  }

  const put = (...messages: string[]) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: 'api',
        logStreamName: 's',
        logEvents: messages.map((message) => ({ timestamp: cloud.clock.now(), message })),
      }),
    );

  it('counts matching events from then on, with values and dimensions selected from JSON fields', async () => {
    await put(JSON.stringify({ level: 'ERROR', latency: 999, route: '/early' }));
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'api',
        filterName: 'slow-by-route',
        filterPattern: '{ $.latency > 100 }',
        metricTransformations: [
          {
            metricName: 'SlowRequests',
            metricNamespace: 'Api',
            metricValue: '$.latency',
            unit: 'Milliseconds',
            dimensions: { Route: '$.route' },
          },
        ],
      }),
    );
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'api',
        filterName: 'errors',
        filterPattern: '{ $.level = "ERROR" }',
        metricTransformations: [
          { metricName: 'Errors', metricNamespace: 'Api', metricValue: '1', defaultValue: 0 },
        ],
      }),
    );
    await put(
      JSON.stringify({ level: 'INFO', latency: 150, route: '/orders' }),
      JSON.stringify({ level: 'ERROR', latency: 250, route: '/orders' }),
      JSON.stringify({ level: 'INFO', latency: 20, route: '/orders' }),
      'not json at all',
    );
    const slow = await stats('Api', 'SlowRequests', { Route: '/orders' });
    assert.deepEqual(
      [slow?.SampleCount, slow?.Sum, slow?.Maximum, slow?.Unit],
      [2, 400, 250, 'Milliseconds'],
    );
    // The event put before the filter existed is not counted.
    assert.equal(await stats('Api', 'SlowRequests', { Route: '/early' }), undefined);
    // One match, and the default value 0 for each of the three events that did not match.
    const errors = await stats('Api', 'Errors');
    assert.deepEqual([errors?.SampleCount, errors?.Sum], [4, 1]);
  });

  it('takes values from a space-delimited pattern’s named fields', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'api',
        filterName: 'bytes',
        filterPattern: '[ip, user, status = 2*, bytes]',
        metricTransformations: [{ metricName: 'BytesSent', metricNamespace: 'Web', metricValue: '$bytes' }],
      }),
    );
    await put('10.0.0.1 alice 200 512', '10.0.0.2 bob 404 12', '10.0.0.3 carol 201 488');
    const bytes = await stats('Web', 'BytesSent');
    assert.deepEqual([bytes?.SampleCount, bytes?.Sum, bytes?.Unit], [2, 1000, 'None']);
  });

  it('describes, filters by prefix and metric, and deletes metric filters', async () => {
    const { metricFilters = [] } = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'api' }));
    assert.deepEqual(
      metricFilters.map((f) => f.filterName),
      ['bytes', 'errors', 'slow-by-route'],
    );
    const errors = metricFilters.find((f) => f.filterName === 'errors')!;
    assert.equal(errors.logGroupName, 'api');
    assert.equal(errors.filterPattern, '{ $.level = "ERROR" }');
    assert.deepEqual(errors.metricTransformations, [
      { metricName: 'Errors', metricNamespace: 'Api', metricValue: '1', defaultValue: 0 },
    ]);
    assert.ok(errors.creationTime! > 0);
    const byPrefix = await logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: 'api', filterNamePrefix: 'e' }),
    );
    assert.deepEqual(
      byPrefix.metricFilters?.map((f) => f.filterName),
      ['errors'],
    );
    const byMetric = await logs.send(
      new DescribeMetricFiltersCommand({ metricName: 'BytesSent', metricNamespace: 'Web' }),
    );
    assert.deepEqual(
      byMetric.metricFilters?.map((f) => f.filterName),
      ['bytes'],
    );
    await logs.send(new DeleteMetricFilterCommand({ logGroupName: 'api', filterName: 'bytes' }));
    await assert.rejects(
      logs.send(new DeleteMetricFilterCommand({ logGroupName: 'api', filterName: 'bytes' })),
      {
        name: 'ResourceNotFoundException',
        message: 'The specified metric filter does not exist.',
      },
    );
  });

  it('refuses an unknown log group, a bad pattern, and dimensions with a default value', async () => {
    const transformation = { metricName: 'M', metricNamespace: 'N', metricValue: '1' };
    await assert.rejects(
      logs.send(
        new PutMetricFilterCommand({
          logGroupName: 'nope',
          filterName: 'f',
          filterPattern: '',
          metricTransformations: [transformation],
        }),
      ),
      { name: 'ResourceNotFoundException' },
    );
    await assert.rejects(
      logs.send(
        new PutMetricFilterCommand({
          logGroupName: 'api',
          filterName: 'f',
          filterPattern: '{ $.a = ',
          metricTransformations: [transformation],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
    await assert.rejects(
      logs.send(
        new PutMetricFilterCommand({
          logGroupName: 'api',
          filterName: 'f',
          filterPattern: '{ $.a = 1 }',
          metricTransformations: [{ ...transformation, defaultValue: 0, dimensions: { A: '$.a' } }],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('TestMetricFilter returns the messages a pattern matches, numbered from 1, with extracted fields', async () => {
    const { matches = [] } = await logs.send(
      new TestMetricFilterCommand({
        filterPattern: '[ip, user, status = 5*]',
        logEventMessages: ['1.2.3.4 ann 200', '1.2.3.5 ben 503', '1.2.3.6 cy 500'],
      }),
    );
    assert.deepEqual(
      matches.map((m) => [m.eventNumber, m.eventMessage, m.extractedValues]),
      [
        [2, '1.2.3.5 ben 503', { $ip: '1.2.3.5', $user: 'ben', $status: '503' }],
        [3, '1.2.3.6 cy 500', { $ip: '1.2.3.6', $user: 'cy', $status: '500' }],
      ],
    );
  });
});
