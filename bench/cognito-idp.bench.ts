// The Cognito user pools benchmark: password sign-ins (USER_PASSWORD_AUTH), SRP sign-ins (InitiateAuth
// USER_SRP_AUTH, then RespondToAuthChallenge PASSWORD_VERIFIER with a real claim) and token refreshes
// (REFRESH_TOKEN_AUTH) through the AWS SDK v3 at concurrency 1 and 16, against Nimbus (`nimbus start`,
// file-backed), moto_server (when installed) and the loopback floor, each in a child process.
// Run: npm run bench:cognito-idp. It reports; it never fails. See bench/README.md.

import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientClaim, clientPublic, srpPoolName } from '../src/services/cognito-idp/auth/srp.js';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const CONCURRENCIES = [1, 16];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 2000, maxMs: 1500 },
  moto: { maxOps: 200, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 5,
  floorRatio: 3,
  cpuRatio: 4,
};
const PASSWORD = 'Passw0rd!';

const TOKENS = {
  AccessToken: 'a'.repeat(900),
  IdToken: 'i'.repeat(1000),
  RefreshToken: 'r'.repeat(128),
  ExpiresIn: 3600,
  TokenType: 'Bearer',
};
/** The floor's fixed answers: a sign-in's result, and the challenge SRP starts with. */
const FLOOR_RESPONSES = {
  'AWSCognitoIdentityProviderService.InitiateAuth': json({
    ChallengeParameters: {},
    AuthenticationResult: TOKENS,
  }),
  'AWSCognitoIdentityProviderService.RespondToAuthChallenge': json({
    ChallengeParameters: {},
    AuthenticationResult: TOKENS,
  }),
  '*': json({}),
};

interface SignInState {
  client: CognitoIdentityProviderClient;
  poolId: string;
  clientId: string;
  username: string;
  refreshToken: string;
  /** The floor answers SRP's first step with tokens, not a challenge: only its round trips are timed. */
  floor: boolean;
}

const OPERATIONS: readonly Operation<SignInState>[] = [
  {
    name: 'PasswordSignIn',
    run: ({ client, clientId, username }) =>
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD },
        }),
      ),
  },
  { name: 'SrpSignIn', run: (state) => srpSignIn(state) },
  {
    name: 'RefreshTokens',
    run: ({ client, clientId, refreshToken }) =>
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
  },
];

await runComparison({
  title: 'Cognito user pools benchmark',
  notes: ['SRP: the client half (3072-bit modular exponentiations) runs in the benchmark process too.'],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target) => setUp(target),
  tearDown: (state) => state.client.destroy(),
});

async function srpSignIn(state: SignInState) {
  const a = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const challenge = await state.client.send(
    new InitiateAuthCommand({
      ClientId: state.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: state.username, SRP_A: clientPublic(a) },
    }),
  );
  if (state.floor) return challenge;
  const parameters = challenge.ChallengeParameters as {
    SALT: string;
    SRP_B: string;
    SECRET_BLOCK: string;
    USER_ID_FOR_SRP: string;
  };
  const timestamp = srpTimestamp(new Date());
  const signature = clientClaim(
    srpPoolName(state.poolId),
    parameters.USER_ID_FOR_SRP,
    PASSWORD,
    parameters,
    a,
    timestamp,
  );
  return state.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: state.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: parameters.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      },
    }),
  );
}

/** A pool, a client allowing the three flows, one confirmed user and a refresh token of theirs. */
async function setUp(target: Target): Promise<SignInState> {
  const client = new CognitoIdentityProviderClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const floor = target.name === 'floor';
  if (floor)
    return { client, poolId: 'us-east-1_floor', clientId: 'floor', username: 'u', refreshToken: 'r', floor };
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const username = 'bench-user';
  await client.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: PASSWORD,
      Permanent: true,
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const signedIn = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  return {
    client,
    poolId,
    clientId,
    username,
    refreshToken: signedIn.AuthenticationResult!.RefreshToken!,
    floor,
  };
}

/** `ddd MMM D HH:mm:ss UTC YYYY`, as the client libraries format TIMESTAMP. */
function srpTimestamp(date: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    date.getUTCMonth()
  ];
  const time = date.toISOString().slice(11, 19);
  return `${day} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}
