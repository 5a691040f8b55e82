// The Secrets Manager benchmark: CreateSecret and GetSecretValue through the AWS SDK v3 at concurrency 1
// and 16, against Nimbus (`nimbus start`, file-backed), moto_server and the loopback floor, each in a
// child process. Run: npm run bench:secrets-manager. It reports; it never fails (exit 0 unless something
// crashes). See bench/README.md.

import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup, type Goals, goalsTable, resultsTable } from './lib/report.js';
import { type Budget, type Operation, runSuite } from './lib/suite.js';
import { startCompared, startFloor, type Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 4000, maxMs: 1500 },
  moto: { maxOps: 300, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 15,
  floorRatio: 1.3,
  cpuRatio: 2,
};

const VALUE = JSON.stringify({ username: 'app', password: 'x'.repeat(32), host: 'db.internal', port: 5432 });
const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench-AbCdEf';
const VERSION_ID = 'c0ffee00-0000-4000-8000-000000000001';

/** The floor's fixed answers: what Secrets Manager answers on success. */
const FLOOR_RESPONSES = {
  'secretsmanager.CreateSecret': json({ ARN, Name: 'bench', VersionId: VERSION_ID }),
  'secretsmanager.GetSecretValue': json({
    ARN,
    Name: 'bench',
    VersionId: VERSION_ID,
    SecretString: VALUE,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 1_767_225_600,
  }),
  '*': json({}),
};

interface SecretState {
  client: SecretsManagerClient;
  prefix: string;
  created: number;
  /** The secret GetSecretValue rounds read. */
  secretId: string;
}

const OPERATIONS: readonly Operation<SecretState>[] = [
  {
    name: 'CreateSecret',
    // Every create makes a new secret (a name is taken once), as an application's first deploy does.
    run: (state) =>
      state.client.send(
        new CreateSecretCommand({ Name: `${state.prefix}-${state.created++}`, SecretString: VALUE }),
      ),
  },
  {
    name: 'GetSecretValue',
    run: ({ client, secretId }) => client.send(new GetSecretValueCommand({ SecretId: secretId })),
  },
];

async function main(): Promise<void> {
  const began = Date.now();
  // The SDK warns once that its 2027 releases need Node 22; that is noise in a report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    await startCompared(targets, print);
    targets.push(await startFloor(FLOOR_RESPONSES));
    print(
      describeSetup('Secrets Manager benchmark', targets, [
        `Each cell: the median of ${ROUNDS} rounds after a warm-up round; secret value ${VALUE.length} bytes.`,
        ...Object.entries(BUDGETS).map(([name, b]) => `  round (${name}): ${b.maxOps} ops or ${b.maxMs} ms`),
        '',
      ]),
    );
    const cells = await runSuite({
      targets,
      operations: OPERATIONS,
      concurrencies: CONCURRENCIES,
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp: (target, operation, concurrency) => setUp(target, `bench-${operation.name}-c${concurrency}`),
      tearDown: (state) => state.client.destroy(),
      log: print,
      verbose: process.env.BENCH_VERBOSE === '1',
    });
    print(`\nResults (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable(cells)}`);
    print(`\nNimbus against its goals\n\n${goalsTable(cells, GOALS)}`);
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

async function setUp(target: Target, prefix: string): Promise<SecretState> {
  const client = new SecretsManagerClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  });
  const secretId = `${prefix}-read`;
  await client.send(new CreateSecretCommand({ Name: secretId, SecretString: VALUE }));
  return { client, prefix, created: 0, secretId };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `secrets-manager bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  await stopAllChildren();
  process.exitCode = 1;
});
