// The Kinesis Data Streams benchmark: PutRecords (batches of 100 records of 512 bytes) and GetRecords (pages
// of 100 such records, read from TRIM_HORIZON of a filled shard) through the AWS SDK v3 at concurrency 1 and
// 8, against Nimbus (`nimbus start`, file-backed), kinesalite and moto_server (when installed) and the
// loopback floor, each in a child process. Each op moves 100 records, so records/s is ops/s x 100 and MiB/s
// is records/s / 2048. (The floor's fixed answers travel on its command line, which caps a page's size.)
// Run: npm run bench:kinesis. It reports; it never fails (exit 0 unless something crashes). See bench/README.md.

import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { runComparison } from './lib/comparison.js';
import { startKinesalite } from './lib/npm-peers.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const CONCURRENCIES = [1, 8];
const BATCH = 100;
const PAGE = 100;
const RECORD_BYTES = 512;
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 2000, maxMs: 1500 },
  moto: { maxOps: 200, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 5,
  floorRatio: 2,
  cpuRatio: 2,
};

const DATA = Buffer.alloc(RECORD_BYTES, 'k');
const BASE64 = DATA.toString('base64');
const SEQUENCE = '49590338271490256608559692538361571095921575989136588898';

/** The floor's fixed answers: what Kinesis answers on success (a full batch, a full page). */
const FLOOR_RESPONSES = {
  'Kinesis_20131202.PutRecords': json({
    FailedRecordCount: 0,
    Records: Array.from({ length: BATCH }, () => ({
      SequenceNumber: SEQUENCE,
      ShardId: 'shardId-000000000000',
    })),
  }),
  'Kinesis_20131202.GetRecords': json({
    Records: Array.from({ length: PAGE }, () => ({
      SequenceNumber: SEQUENCE,
      ApproximateArrivalTimestamp: 1_767_225_600.123,
      Data: BASE64,
      PartitionKey: 'key',
    })),
    NextShardIterator: 'AAAAAAAAAAE',
    MillisBehindLatest: 0,
  }),
  '*': json({}),
};

interface StreamState {
  client: KinesisClient;
  name: string;
  /** GetRecords: the next page's iterator, shared by the phase's workers. */
  iterator?: string;
}

const OPERATIONS: readonly Operation<StreamState>[] = [
  {
    name: 'PutRecords',
    run: ({ client, name }) =>
      client.send(
        new PutRecordsCommand({
          StreamName: name,
          Records: Array.from({ length: BATCH }, (_, i) => ({ PartitionKey: `key-${i}`, Data: DATA })),
        }),
      ),
  },
  {
    name: 'GetRecords',
    run: async (state) => {
      const page = await state.client.send(
        new GetRecordsCommand({ ShardIterator: await iteratorOf(state), Limit: PAGE }),
      );
      // At the end of what was written, start over: every op reads a full page.
      state.iterator = (page.Records?.length ?? 0) < PAGE ? undefined : page.NextShardIterator;
    },
  },
];

await runComparison({
  title: 'Kinesis Data Streams benchmark',
  notes: [
    `PutRecords: ${BATCH} records of ${RECORD_BYTES} bytes per op; GetRecords: pages of ${PAGE} such records.`,
    'records/s = ops/s x 100; MiB/s = records/s / 2048.',
    'Every client speaks HTTP/1.1 (moto and kinesalite have no HTTP/2).',
  ],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  npmPeer: { name: 'kinesalite', start: startKinesalite },
  setUp: (target, operation, concurrency) =>
    setUp(target, `bench-${operation.name}-c${concurrency}`, operation.name),
  tearDown: (state) => state.client.destroy(),
});

/** A client for the target and a one-shard stream; GetRecords' stream is filled with pages to read. */
async function setUp(target: Target, name: string, operation: string): Promise<StreamState> {
  const client = new KinesisClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: new NodeHttpHandler(),
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  });
  if (target.name === 'floor') return { client, name };
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  for (let attempt = 0; attempt < 100; attempt++) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (operation === 'GetRecords') {
    for (let i = 0; i < (PAGE * 5) / BATCH; i++) await OPERATIONS[0]!.run({ client, name });
  }
  return { client, name };
}

async function iteratorOf(state: StreamState): Promise<string> {
  if (state.iterator) return state.iterator;
  const { ShardIterator } = await state.client.send(
    new GetShardIteratorCommand({
      StreamName: state.name,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  return ShardIterator ?? 'AAAAAAAAAAE';
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}
