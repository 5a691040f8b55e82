// The Secrets Manager benchmark: CreateSecret and GetSecretValue through the AWS SDK v3 at concurrency 1
// and 16, against Nimbus (`nimbus start`, file-backed), moto_server and the loopback floor, each in a
// child process. Run: npm run bench:secrets-manager. It reports; it never fails (exit 0 unless something
// crashes). See bench/README.md.

import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

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

await runComparison({
  title: 'Secrets Manager benchmark',
  notes: [`Secret value ${VALUE.length} bytes.`],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target, operation, concurrency) => setUp(target, `bench-${operation.name}-c${concurrency}`),
  tearDown: (state) => state.client.destroy(),
});

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
