// The SSM Parameter Store benchmark: PutParameter (with Overwrite, so every op writes a new version) and
// GetParameter through the AWS SDK v3 at concurrency 1 and 16, against Nimbus (`nimbus start`, file-backed),
// moto_server (when installed) and the loopback floor, each in a child process.
// Run: npm run bench:ssm. It reports; it never fails (exit 0 unless something crashes). See bench/README.md.

import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
/** Per round: fast servers get 1.5 s; moto (far slower) a shorter time box. */
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

const VALUE = JSON.stringify({ url: 'https://orders.internal:8443', timeoutMs: 2500, retries: 3 });

/** The floor's fixed answers: what Parameter Store answers on success. */
const FLOOR_RESPONSES = {
  'AmazonSSM.PutParameter': json({ Version: 1, Tier: 'Standard' }),
  'AmazonSSM.GetParameter': json({
    Parameter: {
      Name: '/bench/config',
      Type: 'String',
      Value: VALUE,
      Version: 1,
      LastModifiedDate: 1_767_225_600,
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/bench/config',
      DataType: 'text',
    },
  }),
  '*': json({}),
};

interface ParameterState {
  client: SSMClient;
  /** The phase's parameter. Puts past its 100th version drop the oldest, as on AWS: the steady state of a
   * parameter written often. */
  name: string;
}

const OPERATIONS: readonly Operation<ParameterState>[] = [
  {
    name: 'PutParameter',
    run: ({ client, name }) =>
      client.send(new PutParameterCommand({ Name: name, Value: VALUE, Type: 'String', Overwrite: true })),
  },
  {
    name: 'GetParameter',
    run: ({ client, name }) => client.send(new GetParameterCommand({ Name: name })),
  },
];

await runComparison({
  title: 'SSM Parameter Store benchmark',
  notes: [`Value ${VALUE.length} bytes.`],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target, operation, concurrency) => setUp(target, `/bench/${operation.name}/c${concurrency}`),
  tearDown: (state) => state.client.destroy(),
});

/** A client for the target and a parameter that exists (GetParameter reads it; PutParameter overwrites it). */
async function setUp(target: Target, name: string): Promise<ParameterState> {
  const client = new SSMClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  });
  await client.send(new PutParameterCommand({ Name: name, Value: VALUE, Type: 'String', Overwrite: true }));
  return { client, name };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}
