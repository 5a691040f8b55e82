// The CloudWatch metrics benchmark: PutMetricData (20 metrics of 10 values each per call) and GetMetricData (one
// MetricStat and one expression over a day of per-minute data: 1,440 datapoints each) through the AWS SDK v3 at
// concurrency 1 and 16, against Nimbus (`nimbus start`, file-backed), moto_server (when installed) and the
// loopback floor, each in a child process.
// Run: npm run bench:cloudwatch. It reports; it never fails (exit 0 unless something crashes). See bench/README.md.

import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 2000, maxMs: 1500 },
  moto: { maxOps: 200, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 15,
  floorRatio: 1.3,
  cpuRatio: 2,
};
const MINUTE = 60_000;
const DAY_MINUTES = 1440;

/** The floor's fixed answers, as CloudWatch's awsJson 1.0 (the SDK v3's protocol for it) gives them. */
const FLOOR_RESPONSES = {
  'GraniteServiceVersion20100801.PutMetricData': json({}),
  'GraniteServiceVersion20100801.GetMetricData': json({
    MetricDataResults: ['m', 'e'].map((Id) => ({
      Id,
      Label: Id,
      Timestamps: Array.from({ length: DAY_MINUTES }, (_, i) => 1_767_225_600 + i * 60),
      Values: Array.from({ length: DAY_MINUTES }, (_, i) => i % 97),
      StatusCode: 'Complete',
    })),
    Messages: [],
  }),
  '*': json({}),
};

interface MetricState {
  client: CloudWatchClient;
  namespace: string;
  /** The day the GetMetricData phase reads: its start, on a minute. */
  dayStart: number;
}

const OPERATIONS: readonly Operation<MetricState>[] = [
  {
    name: 'PutMetricData',
    run: ({ client, namespace }) =>
      client.send(
        new PutMetricDataCommand({
          Namespace: namespace,
          MetricData: Array.from({ length: 20 }, (_, i) => ({
            MetricName: `Latency${i}`,
            Dimensions: [{ Name: 'Service', Value: 'api' }],
            Values: Array.from({ length: 10 }, (_, v) => v * 3.5 + i),
            Unit: 'Milliseconds',
          })),
        }),
      ),
  },
  {
    name: 'GetMetricData',
    run: ({ client, namespace, dayStart }) =>
      client.send(
        new GetMetricDataCommand({
          StartTime: new Date(dayStart),
          EndTime: new Date(dayStart + DAY_MINUTES * MINUTE),
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: { Namespace: namespace, MetricName: 'Requests' },
                Period: 60,
                Stat: 'p90',
              },
            },
            { Id: 'e', Expression: 'm * 2' },
          ],
        }),
      ),
  },
];

await runComparison({
  title: 'CloudWatch metrics benchmark',
  notes: [
    'PutMetricData: 20 metrics x 10 values a call. GetMetricData: p90 and an expression over 1,440 per-minute datapoints.',
  ],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target, operation, concurrency) => setUp(target, `Bench/${operation.name}/c${concurrency}`),
  tearDown: (state) => state.client.destroy(),
});

/** A client for the target and a day of per-minute datapoints (5 values each) that GetMetricData reads. */
async function setUp(target: Target, namespace: string): Promise<MetricState> {
  const client = new CloudWatchClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
    // moto_server answers CloudWatch only in awsQuery (the SDK v3's awsJson 1.0 gets its HTML index page).
    ...(target.name === 'moto' ? queryProtocol() : {}),
  });
  const dayStart = Math.floor(Date.now() / MINUTE) * MINUTE - (DAY_MINUTES + 5) * MINUTE;
  for (let from = 0; from < DAY_MINUTES; from += 500) {
    const MetricData = Array.from({ length: Math.min(500, DAY_MINUTES - from) }, (_, i) => ({
      MetricName: 'Requests',
      Timestamp: new Date(dayStart + (from + i) * MINUTE),
      Values: [1, 2, 3, 4, 5].map((v) => v * ((from + i) % 97)),
    }));
    await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData }));
  }
  return { client, namespace, dayStart };
}

/** The client settings of CloudWatch's awsQuery protocol (the client's own, with the protocol swapped). */
function queryProtocol(): Record<string, unknown> {
  return {
    protocol: AwsQueryProtocol,
    protocolSettings: {
      defaultNamespace: 'com.amazonaws.cloudwatch',
      xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
      version: '2010-08-01',
      serviceTarget: 'GraniteServiceVersion20100801',
      awsQueryCompatible: true,
    },
  };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}
