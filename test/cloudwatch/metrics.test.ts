// CloudWatch metrics through the SDK v3 (smithy RPC v2 CBOR): PutMetricData's rules, GetMetricStatistics
// and GetMetricData against statistics computed here independently (percentiles included), ListMetrics'
// filters and paging.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  type MetricDataResult,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const MINUTE = 60_000;

/** Nearest-rank percentile, the definition the service documents (src/services/cloudwatch/metrics/statistics.ts). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe('CloudWatch metrics', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
  });
  after(() => cloud?.stop());

  it('puts values and reads them back as statistics per period, percentiles included', async () => {
    const base = Math.floor((cloud.clock.now() - 30 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
    const values: number[][] = [[], [], []];
    for (let minute = 0; minute < 15; minute++) {
      const batch = Array.from({ length: 10 }, (_, i) => ((minute * 37 + i * 11) % 100) + 0.5);
      values[Math.floor(minute / 5)]!.push(...batch);
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'App',
          MetricData: [
            {
              MetricName: 'Latency',
              Dimensions: [{ Name: 'Service', Value: 'api' }],
              Timestamp: new Date(base + minute * MINUTE),
              Values: batch,
              Unit: 'Milliseconds',
            },
          ],
        }),
      );
    }
    const stats = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Service', Value: 'api' }],
        StartTime: new Date(base),
        EndTime: new Date(base + 15 * MINUTE),
        Period: 300,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
      }),
    );
    assert.equal(stats.Label, 'Latency');
    assert.equal(stats.Datapoints?.length, 3);
    stats.Datapoints?.forEach((point, index) => {
      const own = values[index]!;
      const sum = own.reduce((a, b) => a + b, 0);
      assert.equal(point.Timestamp?.getTime(), base + index * 5 * MINUTE);
      assert.equal(point.SampleCount, own.length);
      assert.ok(Math.abs((point.Sum ?? 0) - sum) < 1e-9);
      assert.ok(Math.abs((point.Average ?? 0) - sum / own.length) < 1e-9);
      assert.equal(point.Minimum, Math.min(...own));
      assert.equal(point.Maximum, Math.max(...own));
      assert.equal(point.Unit, 'Milliseconds');
    });
    const extended = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Service', Value: 'api' }],
        StartTime: new Date(base),
        EndTime: new Date(base + 15 * MINUTE),
        Period: 900,
        ExtendedStatistics: ['p50', 'p99', 'p90.5'],
      }),
    );
    const all = values.flat();
    const point = extended.Datapoints?.[0]?.ExtendedStatistics;
    assert.deepEqual(point, {
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      'p90.5': percentile(all, 90.5),
    });

    const data = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(base),
        EndTime: new Date(base + 15 * MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'avg',
            MetricStat: {
              Metric: {
                Namespace: 'App',
                MetricName: 'Latency',
                Dimensions: [{ Name: 'Service', Value: 'api' }],
              },
              Period: 300,
              Stat: 'Average',
            },
          },
          {
            Id: 'p95',
            MetricStat: {
              Metric: {
                Namespace: 'App',
                MetricName: 'Latency',
                Dimensions: [{ Name: 'Service', Value: 'api' }],
              },
              Period: 300,
              Stat: 'p95',
            },
          },
          {
            Id: 'n',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'App',
                MetricName: 'Latency',
                Dimensions: [{ Name: 'Service', Value: 'api' }],
              },
              Period: 300,
              Stat: 'SampleCount',
            },
          },
          { Id: 'total', Expression: 'avg * n', Label: 'Total' },
          { Id: 'whole', Expression: 'SUM(total)' },
        ],
      }),
    );
    const byId: Record<string, MetricDataResult> = Object.fromEntries(
      (data.MetricDataResults ?? []).map((r) => [r.Id, r]),
    );
    assert.deepEqual(Object.keys(byId).sort(), ['avg', 'p95', 'total', 'whole']);
    assert.equal(byId.avg?.StatusCode, 'Complete');
    assert.equal(byId.avg?.Label, 'Latency');
    assert.deepEqual(
      byId.avg?.Timestamps?.map((t) => t.getTime()),
      [0, 1, 2].map((i) => base + i * 5 * MINUTE),
    );
    assert.deepEqual(
      byId.p95?.Values,
      values.map((v) => percentile(v, 95)),
    );
    const sums = values.map((v) => v.reduce((a, b) => a + b, 0));
    for (const [i, value] of (byId.total?.Values ?? []).entries())
      assert.ok(Math.abs(value - sums[i]!) < 1e-9);
    assert.equal(byId.total?.Label, 'Total');
    assert.ok(Math.abs((byId.whole?.Values?.[0] ?? 0) - sums.reduce((a, b) => a + b, 0)) < 1e-6);
  });

  it('combines statistic sets and raw values, and answers percentiles only from raw values', async () => {
    const at = new Date(Math.floor(cloud.clock.now() / MINUTE) * MINUTE - 10 * MINUTE);
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Sets',
        MetricData: [
          {
            MetricName: 'Work',
            Timestamp: at,
            StatisticValues: { SampleCount: 4, Sum: 20, Minimum: 2, Maximum: 8 },
          },
          { MetricName: 'Work', Timestamp: at, Value: 10 },
          { MetricName: 'Work', Timestamp: at, Values: [1, 3], Counts: [2, 1] },
        ],
      }),
    );
    const { Datapoints } = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Sets',
        MetricName: 'Work',
        StartTime: at,
        EndTime: new Date(at.getTime() + MINUTE),
        Period: 60,
        Statistics: ['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average'],
      }),
    );
    assert.deepEqual(Datapoints?.[0] && { ...Datapoints[0], Timestamp: undefined }, {
      Timestamp: undefined,
      SampleCount: 8,
      Sum: 35,
      Minimum: 1,
      Maximum: 10,
      Average: 35 / 8,
      Unit: 'None',
    });
  });

  it('lists metrics by namespace, name and dimension, recently active ones, and pages them', async () => {
    const MetricData = Array.from({ length: 3 }, (_, i) => ({
      MetricName: `Count${i}`,
      Dimensions: [
        { Name: 'Queue', Value: `q${i}` },
        { Name: 'Env', Value: 'prod' },
      ],
      Value: i,
    }));
    await cw.send(new PutMetricDataCommand({ Namespace: 'Listing', MetricData }));
    const listed = await cw.send(new ListMetricsCommand({ Namespace: 'Listing' }));
    assert.equal(listed.Metrics?.length, 3);
    assert.deepEqual(listed.Metrics?.[0], {
      Namespace: 'Listing',
      MetricName: 'Count0',
      Dimensions: [
        { Name: 'Env', Value: 'prod' },
        { Name: 'Queue', Value: 'q0' },
      ],
    });
    const byDimension = await cw.send(
      new ListMetricsCommand({ Namespace: 'Listing', Dimensions: [{ Name: 'Queue', Value: 'q2' }] }),
    );
    assert.deepEqual(
      byDimension.Metrics?.map((m) => m.MetricName),
      ['Count2'],
    );
    const anyValue = await cw.send(
      new ListMetricsCommand({ Dimensions: [{ Name: 'Env' }], MetricName: 'Count1' }),
    );
    assert.equal(anyValue.Metrics?.length, 1);
    cloud.clock.advance(4 * 3_600_000);
    const recent = await cw.send(new ListMetricsCommand({ Namespace: 'Listing', RecentlyActive: 'PT3H' }));
    assert.deepEqual(recent.Metrics, []);
  });

  it('refuses data AWS refuses, with its error codes', async () => {
    const put = (datum: Record<string, unknown>) =>
      cw.send(new PutMetricDataCommand({ Namespace: 'Bad', MetricData: [{ MetricName: 'm', ...datum }] }));
    const code = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'no error';
      } catch (error) {
        return `${(error as { name: string }).name}: ${(error as Error).message}`;
      }
    };
    assert.match(
      await code(put({ Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } })),
      /^InvalidParameterCombination.*mutually exclusive/,
    );
    assert.match(await code(put({})), /^MissingParameter|MissingRequiredParameter/);
    assert.match(
      await code(put({ Value: 1, StorageResolution: 5 })),
      /^InvalidParameterValue.*StorageResolution/,
    );
    assert.match(
      await code(put({ Value: 1, Timestamp: new Date(cloud.clock.now() - 15 * 86_400_000) })),
      /two weeks/,
    );
    assert.match(
      await code(put({ Value: 1, Timestamp: new Date(cloud.clock.now() + 3 * 3_600_000) })),
      /two hours/,
    );
    assert.match(await code(put({ Values: Array.from({ length: 151 }, (_, i) => i) })), /150/);
    assert.match(await code(put({ Values: [1, 2], Counts: [1] })), /same size/);
    // A NaN arrives as a CBOR float, which the shared validator refuses before CloudWatch's own check would.
    assert.match(await code(put({ Value: Number.NaN })), /^(InvalidParameterValue|SerializationException)/);
    assert.match(
      await code(
        cw.send(
          new PutMetricDataCommand({ Namespace: 'AWS/Lambda', MetricData: [{ MetricName: 'x', Value: 1 }] }),
        ),
      ),
      /Namespace is invalid/,
    );
    const many = Array.from({ length: 1001 }, () => ({ MetricName: 'm', Value: 1 }));
    assert.match(
      await code(cw.send(new PutMetricDataCommand({ Namespace: 'Bad', MetricData: many }))),
      /1000/,
    );
    const now = cloud.clock.now();
    assert.match(
      await code(
        cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'Bad',
            MetricName: 'm',
            StartTime: new Date(now - 2 * 86_400_000),
            EndTime: new Date(now),
            Period: 60,
            Statistics: ['Sum'],
          }),
        ),
      ),
      /^InvalidParameterCombination(Exception)?: You have requested up to 2,88\d datapoints, which exceeds the limit of 1,440/,
    );
    assert.match(
      await code(
        cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'Bad',
            MetricName: 'm',
            StartTime: new Date(now - 3_600_000),
            EndTime: new Date(now),
            Period: 90,
            Statistics: ['Sum'],
          }),
        ),
      ),
      /^InvalidParameterValue.*multiple of 60/,
    );
    assert.match(
      await code(
        cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'Bad',
            MetricName: 'm',
            StartTime: new Date(now - 3_600_000),
            EndTime: new Date(now),
            Period: 60,
          }),
        ),
      ),
      /^InvalidParameterCombination/,
    );
    assert.match(
      await code(
        cw.send(
          new GetMetricDataCommand({
            StartTime: new Date(now - 3_600_000),
            EndTime: new Date(now),
            MetricDataQueries: [{ Id: 'e1', Expression: 'NOPE(m1)' }],
          }),
        ),
      ),
      /Error in expression e1/,
    );
    assert.match(await code(cw.send(new ListMetricsCommand({ NextToken: 'garbage' }))), /^InvalidNextToken/);
  });
});
