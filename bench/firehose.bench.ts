// The Firehose benchmark: ingest through PutRecordBatch (500 records of 1 KiB, 500 KiB a call) into a
// stream that gzips its objects into S3 (1 MiB size hint, so objects are written while the round runs), at
// concurrency 1 and 4, against Nimbus (`nimbus start`, file-backed: every batch is in SQLite before the
// answer), moto_server (when installed) and the loopback floor, each in a child process.
// Ingest in MB/s is ops/s × 0.5. Run: npm run bench:firehose. It reports; it never fails. See bench/README.md.

import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const CONCURRENCIES = [1, 4];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 400, maxMs: 1500 },
  moto: { maxOps: 100, maxMs: 1500 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 3,
  floorRatio: 2,
  cpuRatio: 2,
};

const RECORD = Buffer.from(
  `${JSON.stringify({ event: 'click', user: 'u-123', page: '/pricing', pad: 'x'.repeat(960) })}\n`,
);
const BATCH = Array.from({ length: 500 }, () => ({ Data: RECORD }));
const ROLE = 'arn:aws:iam::000000000000:role/firehose-bench';

/** The floor's fixed answers: what Firehose answers on success. */
const FLOOR_RESPONSES = {
  'Firehose_20150804.PutRecordBatch': json({
    FailedPutCount: 0,
    Encrypted: false,
    RequestResponses: BATCH.map((_, i) => ({ RecordId: `record-${i}` })),
  }),
  '*': json({}),
};

interface StreamState {
  client: FirehoseClient;
  name: string;
}

const OPERATIONS: readonly Operation<StreamState>[] = [
  {
    name: 'PutRecordBatch',
    run: ({ client, name }) =>
      client.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: BATCH })),
  },
];

await runComparison({
  title: 'Firehose ingest benchmark',
  notes: [
    `PutRecordBatch of ${BATCH.length} records × ${RECORD.length} bytes (${(BATCH.length * RECORD.length) / 1024} KiB a call) into GZIP'd S3 objects.`,
  ],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target, operation, concurrency) =>
    setUp(target, `bench-${operation.name}-c${concurrency}`.toLowerCase()),
  tearDown: (state) => state.client.destroy(),
});

/** A bucket and a GZIP stream into it, 1 MiB / 60 s hints. */
async function setUp(target: Target, name: string): Promise<StreamState> {
  const config = {
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  };
  const client = new FirehoseClient(config);
  if (target.name !== 'floor') {
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    s3.destroy();
  }
  await client.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: `arn:aws:s3:::${name}`,
        CompressionFormat: 'GZIP',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      },
    }),
  );
  return { client, name };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}
