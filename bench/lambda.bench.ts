// The Lambda benchmark: the control plane (GetFunction) at concurrency 1 and 16 against Nimbus, moto_server
// and the loopback floor; warm Invoke (RequestResponse, a Node.js handler echoing its event) at concurrency
// 1 and 8 against Nimbus, serverless-offline (the peer for invoking) and the floor; cold starts; and a
// function URL round trip (fetch of the path form, AuthType NONE) against a fetch of the floor.
// moto_server cannot invoke without Docker, so it has no Invoke cells. serverless-offline comes from
// bench/peers (`npm run bench:install-peers`); without it, that peer is skipped.
// Run: npm run build && node dist/bench/lambda.bench.js. It reports; it never fails. See bench/README.md.

import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { median } from './lib/measure.js';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup, resultsTable } from './lib/report.js';
import { startServerlessOffline } from './lib/serverless-offline.js';
import { type Budget, type Operation, runSuite } from './lib/suite.js';
import { startFloor, startMoto, startNimbus, type Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 3000, maxMs: 1500 },
  moto: { maxOps: 300, maxMs: 1000 },
};
// serverless-offline names a function `<service>-<stage>-<function>`; Nimbus's gets the same name.
const FUNCTION = 'nimbus-bench-dev-echo';
const HANDLER = 'exports.handler = async (event) => ({ echo: event });';
const EVENT = JSON.stringify({ orderId: 'ord-000123', items: [1, 2, 3], note: 'x'.repeat(64) });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const FLOOR_RESPONSES = {
  '*': { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ echo: JSON.parse(EVENT) }) },
};

interface State {
  lambda: LambdaClient;
}

const GET_FUNCTION: Operation<State> = {
  name: 'GetFunction',
  run: ({ lambda }) => lambda.send(new GetFunctionCommand({ FunctionName: FUNCTION })),
};

const INVOKE: Operation<State> = {
  name: 'Invoke (warm)',
  run: ({ lambda }) => lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: EVENT })),
};

async function main(): Promise<void> {
  const began = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    const nimbus = await startNimbus();
    targets.push(nimbus);
    const moto = await startMoto();
    if (moto) targets.push(moto);
    else print('moto_server not found: the peer is skipped.');
    const floor = await startFloor(FLOOR_RESPONSES);
    const offline = await startServerlessOffline('nimbus-bench', 'echo', HANDLER);
    if (!offline)
      print('serverless-offline not installed (npm run bench:install-peers): that peer is skipped.');
    const invokers = offline ? [nimbus, offline] : [nimbus];
    print(
      describeSetup(
        'Lambda benchmark',
        [...targets, ...(offline ? [offline] : []), floor],
        [
          `Each cell: the median of ${ROUNDS} rounds after a warm-up round.`,
          'GetFunction: the control plane. Invoke (warm): RequestResponse of a Node.js handler echoing a',
          `${EVENT.length}-byte event, its execution environments already started (moto cannot invoke without Docker).`,
          '',
        ],
      ),
    );
    const clients: LambdaClient[] = [];
    const setUp = async (target: Target): Promise<State> => {
      const lambda = client(target);
      clients.push(lambda);
      return { lambda };
    };
    for (const target of targets) await createEchoFunction(target);
    // Cold starts first, before any environment is warm: serverless-offline's first Invoke after it starts,
    // and Nimbus's first Invoke after each configuration change (which retires warm environments).
    const offlineCold = offline ? await timeInvoke(offline) : undefined;
    const cold = await coldStarts(nimbus, 7);
    const control = await runSuite({
      targets: [...targets, floor],
      operations: [GET_FUNCTION],
      concurrencies: [1, 16],
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp,
      log: print,
    });
    const invoke = await runSuite({
      targets: [...invokers, floor],
      operations: [INVOKE],
      concurrencies: [1, 8],
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp,
      log: print,
    });
    print(`\nResults (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable([...control, ...invoke])}`);
    print(
      `\nCold start, Nimbus (Invoke right after a configuration change, 7 runs): median ${cold.toFixed(1)} ms (goal < 150 ms)`,
    );
    if (offlineCold !== undefined)
      print(`Cold start, serverless-offline (its first Invoke after starting): ${offlineCold.toFixed(1)} ms`);
    const warm = invoke.find((cell) => cell.target === 'nimbus' && cell.concurrency === 1)?.result.p50Ms;
    const peerWarm = invoke.find((cell) => cell.target === 'sls-offline' && cell.concurrency === 1)?.result
      .p50Ms;
    if (warm !== undefined) {
      const ratio =
        peerWarm === undefined
          ? ''
          : `; serverless-offline ${peerWarm.toFixed(2)} ms (${(peerWarm / warm).toFixed(1)}× Nimbus)`;
      print(`Warm Invoke p50 at concurrency 1: Nimbus ${warm.toFixed(2)} ms (goal < 2 ms)${ratio}`);
    }
    const url = await functionUrlRoundTrip(nimbus, floor, 300);
    print(
      `Function URL round trip (fetch, concurrency 1, 300 requests): median ${url.nimbus.toFixed(2)} ms; the floor (fetch of node:http) ${url.floor.toFixed(2)} ms`,
    );
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
    for (const lambda of clients) lambda.destroy();
    await floor.stop();
    await offline?.stop();
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

function client(target: Target): LambdaClient {
  return new LambdaClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** The role first (moto checks it exists), then the function. */
async function createEchoFunction(target: Target): Promise<void> {
  const options = {
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const iam = new IAMClient(options);
  const { Role } = await iam.send(
    new CreateRoleCommand({ RoleName: 'bench-role', AssumeRolePolicyDocument: TRUST }),
  );
  iam.destroy();
  const lambda = client(target);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: FUNCTION,
      Runtime: 'nodejs22.x',
      Role: Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': new TextEncoder().encode(HANDLER) }) },
    }),
  );
  lambda.destroy();
}

async function timeInvoke(target: Target): Promise<number> {
  const lambda = client(target);
  const started = performance.now();
  await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: EVENT }));
  const elapsed = performance.now() - started;
  lambda.destroy();
  return elapsed;
}

/** A configuration change retires the warm environments, so the next Invoke starts a new one. */
async function coldStarts(target: Target, runs: number): Promise<number> {
  const lambda = client(target);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: FUNCTION, Description: `run ${i}` }),
    );
    const started = performance.now();
    await lambda.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: EVENT }));
    times.push(performance.now() - started);
  }
  lambda.destroy();
  return median(times);
}

/** Median fetch time of a NONE function URL of the echo function, and of the floor, sequentially after a
 * warm-up. */
async function functionUrlRoundTrip(
  nimbus: Target,
  floor: Target,
  requests: number,
): Promise<{ nimbus: number; floor: number }> {
  const lambda = client(nimbus);
  for (const [StatementId, Action] of [
    ['url', 'lambda:InvokeFunctionUrl'],
    ['invoke', 'lambda:InvokeFunction'],
  ] as const) {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: FUNCTION,
        StatementId,
        Action,
        Principal: '*',
        ...(Action === 'lambda:InvokeFunctionUrl' ? { FunctionUrlAuthType: 'NONE' as const } : {}),
      }),
    );
  }
  const { FunctionUrl } = await lambda.send(
    new CreateFunctionUrlConfigCommand({ FunctionName: FUNCTION, AuthType: 'NONE' }),
  );
  lambda.destroy();
  const time = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < requests + 20; i++) {
      const started = performance.now();
      await (await fetch(url, { method: 'POST', body: EVENT })).arrayBuffer();
      if (i >= 20) times.push(performance.now() - started);
    }
    return median(times);
  };
  return { nimbus: await time(FunctionUrl!), floor: await time(`${floor.endpoint}/`) };
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`lambda bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exit(1);
});
