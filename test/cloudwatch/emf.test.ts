// Embedded metric format: a Node.js function that logs EMF JSON (the way aws-embedded-metrics and Powertools
// do) gets readable metrics in its namespace, one per dimension set, array values included; lines that break
// the specification are kept as logs and yield no metric (counted in AWS/Logs EMFValidationErrors); EMF
// written with PutLogEvents to any log group is extracted too.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Generation_PutLogEvents.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchClient,
  type Datapoint,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';

const MINUTE = 60_000;

/** Logs two EMF documents per invocation and a plain line: a valid one through console.log (which the runtime
 * prefixes with time, request id and level, as AWS's does) with two dimension sets and an array value, and one
 * written straight to stdout whose metric value is a string. */
const HANDLER = `
exports.handler = async (event) => {
  console.log(JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: 'Orders',
        Dimensions: [['Service'], ['Service', 'Region']],
        Metrics: [
          { Name: 'OrderTotal', Unit: 'Milliseconds' },
          { Name: 'ItemsPerOrder', Unit: 'Count', StorageResolution: 1 },
        ],
      }],
    },
    Service: 'checkout',
    Region: 'eu',
    OrderTotal: event.total,
    ItemsPerOrder: [1, 2, 3],
    requestId: 'not a metric',
  }));
  process.stdout.write(JSON.stringify({
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: 'Orders', Dimensions: [[]], Metrics: [{ Name: 'Broken' }] }] },
    Broken: 'seven',
  }) + '\\n');
  console.log('a plain line');
  return 'ok';
};`;

describe('embedded metric format', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
    logs = client(cloud, CloudWatchLogsClient);
  });
  after(() => cloud?.stop());

  async function stats(
    Namespace: string,
    MetricName: string,
    dimensions: Record<string, string>,
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
        Statistics: ['Sum', 'SampleCount', 'Maximum', 'Minimum'],
      }),
    );
    return Datapoints[0];
  }

  /** Function output reaches CloudWatch Logs shortly after the invocation (Lambda batches its lines). */
  async function waitForLogLines(group: string, count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const found = await logs
        .send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '"a plain line"' }))
        .catch(() => ({ events: [] }));
      if ((found.events?.length ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail(`${group} never got ${count} plain lines`);
  }

  it('turns a function’s EMF log lines into metrics, one per dimension set, array values included', async () => {
    const lambda = lambdaClient(cloud);
    await createFunction(lambda, 'emf-writer', { 'index.js': HANDLER });
    await lambda.send(new InvokeCommand({ FunctionName: 'emf-writer', Payload: '{"total":120}' }));
    await lambda.send(new InvokeCommand({ FunctionName: 'emf-writer', Payload: '{"total":80}' }));
    await waitForLogLines('/aws/lambda/emf-writer', 2);

    const total = await stats('Orders', 'OrderTotal', { Service: 'checkout' });
    assert.deepEqual([total?.SampleCount, total?.Sum, total?.Minimum, total?.Maximum], [2, 200, 80, 120]);
    assert.equal(total?.Unit, 'Milliseconds');
    const byRegion = await stats('Orders', 'OrderTotal', { Service: 'checkout', Region: 'eu' });
    assert.equal(byRegion?.Sum, 200);
    // An array is that many values: two invocations of [1, 2, 3].
    const items = await stats('Orders', 'ItemsPerOrder', { Service: 'checkout' });
    assert.deepEqual([items?.SampleCount, items?.Sum, items?.Unit], [6, 12, 'Count']);

    const { Metrics = [] } = await cw.send(new ListMetricsCommand({ Namespace: 'Orders' }));
    const names = Metrics.map(
      (m) => `${m.MetricName}:${(m.Dimensions ?? []).map((d) => d.Name).join('+')}`,
    ).sort();
    // Members the directive does not name (requestId) are log data only; the invalid document adds nothing.
    assert.deepEqual(names, [
      'ItemsPerOrder:Region+Service',
      'ItemsPerOrder:Service',
      'OrderTotal:Region+Service',
      'OrderTotal:Service',
    ]);
    const invalid = await stats('AWS/Logs', 'EMFValidationErrors', {
      LogGroupName: '/aws/lambda/emf-writer',
    });
    assert.equal(invalid?.Sum, 2);
  });

  it('extracts EMF written with PutLogEvents to any log group, at the document’s timestamp', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'app-logs' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'app-logs', logStreamName: 'web' }));
    const now = cloud.clock.now();
    const earlier = now - 30 * MINUTE;
    const emf = (timestamp: number, latency: number | number[]) =>
      JSON.stringify({
        _aws: {
          Timestamp: timestamp,
          CloudWatchMetrics: [{ Namespace: 'Web', Dimensions: [['Page']], Metrics: [{ Name: 'Latency' }] }],
        },
        Page: 'home',
        Latency: latency,
      });
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'app-logs',
        logStreamName: 'web',
        logEvents: [
          { timestamp: earlier, message: emf(earlier, [10, 20]) },
          { timestamp: now, message: emf(now, 30) },
          { timestamp: now, message: '{"_aws": not json' },
          // More than 100 values is outside the specification: no metric from this one.
          {
            timestamp: now,
            message: emf(
              now,
              Array.from({ length: 101 }, () => 1),
            ),
          },
        ],
      }),
    );
    const all = await stats('Web', 'Latency', { Page: 'home' });
    assert.deepEqual([all?.SampleCount, all?.Sum, all?.Unit], [3, 60, 'None']);
    // The datapoints sit at the documents' timestamps: the last 20 minutes hold only the newer one.
    const { Datapoints = [] } = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Web',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Page', Value: 'home' }],
        StartTime: new Date(now - 20 * MINUTE),
        EndTime: new Date(now + MINUTE),
        Period: 21 * 60,
        Statistics: ['Sum'],
      }),
    );
    assert.equal(Datapoints[0]?.Sum, 30);
    assert.equal((await stats('AWS/Logs', 'EMFParsingErrors', { LogGroupName: 'app-logs' }))?.Sum, 1);
    assert.equal((await stats('AWS/Logs', 'EMFValidationErrors', { LogGroupName: 'app-logs' }))?.Sum, 1);
    assert.equal((await stats('AWS/Logs', 'IncomingLogEvents', { LogGroupName: 'app-logs' }))?.Sum, 4);
  });
});
