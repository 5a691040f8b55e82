// The Cognito identity benchmark: what an app does at start, a guest's GetId then GetCredentialsForIdentity
// (an STS AssumeRoleWithWebIdentity inside, as on AWS), through the AWS SDK v3 with no credentials, at
// concurrency 1 and 16, against Nimbus (`nimbus start`, file-backed), moto_server (when installed) and
// the loopback floor, each in a child process.
// Run: npm run bench:cognito-identity. It reports; it never fails. See bench/README.md.

import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 3000, maxMs: 1500 },
  moto: { maxOps: 300, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 5,
  floorRatio: 2,
  cpuRatio: 2,
};

const POOL_ID = 'us-east-1:2f9c4a3e-1b7d-4c8e-9f0a-6d5e4c3b2a19';
const IDENTITY_ID = 'us-east-1:7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

/** The floor's fixed answers: what Cognito identity answers on success. */
const FLOOR_RESPONSES = {
  'AWSCognitoIdentityService.GetId': json({ IdentityId: IDENTITY_ID }),
  'AWSCognitoIdentityService.GetCredentialsForIdentity': json({
    IdentityId: IDENTITY_ID,
    Credentials: {
      AccessKeyId: 'ASIAQWERTYUIOPASDFGH',
      SecretKey: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
      SessionToken: 'c2Vzc2lvbg=='.repeat(30),
      Expiration: 1_767_229_200,
    },
  }),
  '*': json({}),
};

interface PoolState {
  app: CognitoIdentityClient;
  poolId: string;
}

const OPERATIONS: readonly Operation<PoolState>[] = [
  {
    name: 'GetId+GetCredentialsForIdentity',
    run: async ({ app, poolId }) => {
      const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId: poolId }));
      await app.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    },
  },
];

await runComparison({
  title: 'Cognito identity benchmark',
  notes: ['One op = a new guest identity (GetId) and its credentials (GetCredentialsForIdentity), unsigned.'],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target) => setUp(target),
  tearDown: (state) => state.app.destroy(),
});

/** A pool open to guests with an unauthenticated role (the floor answers anything, so it needs none). */
async function setUp(target: Target): Promise<PoolState> {
  const config = { endpoint: target.endpoint, region: 'us-east-1', maxAttempts: 1 };
  const app = new CognitoIdentityClient(config);
  if (target.name === 'floor') return { app, poolId: POOL_ID };
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const admin = new CognitoIdentityClient({ ...config, credentials });
  const iam = new IAMClient({ ...config, credentials });
  const RoleName = `bench-guest-${Math.random().toString(36).slice(2, 10)}`;
  const role = await iam.send(
    new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: '{"Statement":[]}' }),
  );
  const { IdentityPoolId } = await admin.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: 'bench', AllowUnauthenticatedIdentities: true }),
  );
  // moto does not serve SetIdentityPoolRoles (it answers an HTML 404), and needs no role to answer.
  if (target.name !== 'moto') {
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId,
        Roles: { unauthenticated: role.Role?.Arn as string },
      }),
    );
  }
  admin.destroy();
  iam.destroy();
  return { app, poolId: IdentityPoolId as string };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}
