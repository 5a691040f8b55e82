// The Step Functions benchmark. Part 1: StartExecution and DescribeExecution through the SDK at
// concurrency 1 and 8 against Nimbus, moto_server and the loopback floor. Part 2, end to end: a Pass/Choice
// loop of LOOPS iterations (state transitions per second, Nimbus and moto's executing engine), and a Map
// of ITEMS items calling a Lambda function at MaxConcurrency 40 (Nimbus; moto needs Docker for Lambda)
// against the Lambda floor — the same invocations made directly at concurrency 40. Times come from the
// executions' own history timestamps (first to last event), so polling costs nothing measured.
// Run: npm run bench:sfn (BENCH_ITEMS, BENCH_LOOPS, BENCH_ROUNDS). It reports; it never fails.

import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { zipSync } from 'fflate';
import { runComparison } from './lib/comparison.js';
import { median } from './lib/measure.js';
import { stopAllChildren } from './lib/processes.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import { formatTable, num } from './lib/table.js';
import { startMoto, startNimbus, type Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const LOOPS = Number(process.env.BENCH_LOOPS) || 500;
const ITEMS = Number(process.env.BENCH_ITEMS) || 10_000;
const MAP_CONCURRENCY = 40;
const ROLE = 'arn:aws:iam::123456789012:role/bench';
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 2000, maxMs: 1500 },
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
const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
/** Init, then LOOPS × (Check, Increment), then Check once more and Done: 2·LOOPS + 3 states. */
const LOOP = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Result: 0, ResultPath: '$.i', Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.i', NumericLessThanPath: '$.n', Next: 'Increment' }],
      Default: 'Done',
    },
    Increment: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
    Done: { Type: 'Succeed' },
  },
};
const json = (body: unknown) => ({
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify(body),
});
const FLOOR_RESPONSES = {
  'AWSStepFunctions.StartExecution': json({
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:p:e',
    startDate: 1_767_225_600.1,
  }),
  'AWSStepFunctions.DescribeExecution': json({
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:p:e',
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:p',
    name: 'e',
    status: 'SUCCEEDED',
    startDate: 1_767_225_600.1,
    stopDate: 1_767_225_600.2,
    input: '{}',
    inputDetails: { included: true },
    output: '{}',
    outputDetails: { included: true },
  }),
  '*': json({}),
};

interface State {
  sfn: SFNClient;
  machine: string;
  executionArn?: string;
}

const OPERATIONS: readonly Operation<State>[] = [
  {
    name: 'StartExecution',
    run: ({ sfn, machine }) => sfn.send(new StartExecutionCommand({ stateMachineArn: machine })),
  },
  {
    name: 'DescribeExecution',
    run: ({ sfn, executionArn }) => sfn.send(new DescribeExecutionCommand({ executionArn })),
  },
];

let machines = 0;
// Each execution named: moto names every unnamed execution "None".
let runs = 0;

await runComparison({
  title: 'Step Functions benchmark, part 1: the API',
  notes: ['StartExecution of a one-Pass standard state machine; DescribeExecution of one ended execution.'],
  operations: OPERATIONS,
  concurrencies: [1, 8],
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: async (target) => {
    const sfn = sfnFor(target);
    if (target.name === 'floor')
      return { sfn, machine: 'arn:aws:states:us-east-1:123456789012:stateMachine:p' };
    const machine = await createMachine(sfn, `api-${machines++}`, PASS);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine }));
    return { sfn, machine, executionArn };
  },
  tearDown: (state) => state.sfn.destroy(),
});

await endToEnd();

async function endToEnd(): Promise<void> {
  const targets: Target[] = [];
  try {
    targets.push(await startNimbus());
    const moto = await startMoto();
    if (moto) {
      // moto runs state machines only when asked to (its LocalStack-derived parser), and Lambda tasks only in Docker.
      await fetch(`${moto.endpoint}/moto-api/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
      });
      targets.push(moto);
    }
    const rows: string[][] = [];
    for (const target of targets) {
      const sfn = sfnFor(target);
      try {
        const machine = await createMachine(sfn, 'loop', LOOP);
        const times: number[] = [];
        let states = 0;
        for (let round = 0; round <= ROUNDS; round++) {
          const run = await runToEnd(sfn, machine, { n: LOOPS });
          if (round > 0) times.push(run.ms);
          states = run.states;
        }
        const ms = median(times);
        rows.push([
          target.name,
          `loop of ${LOOPS}`,
          num(states),
          num(ms, 1),
          num((states / ms) * 1000),
          num((ms / states) * 1000, 1),
        ]);
      } catch (error) {
        // A peer that cannot run the loop is reported, not fatal.
        print(`${target.name} could not run the loop: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        sfn.destroy();
      }
    }
    const nimbus = targets[0]!;
    const map = await mapOverLambda(nimbus);
    rows.push([
      'nimbus',
      `Map of ${ITEMS} → Lambda, c=${MAP_CONCURRENCY}`,
      num(map.states),
      num(map.ms, 0),
      num((map.states / map.ms) * 1000),
      num((map.ms / map.states) * 1000, 1),
    ]);
    rows.push([
      'floor',
      `${ITEMS} direct Invokes, c=${MAP_CONCURRENCY}`,
      num(ITEMS),
      num(map.floorMs, 0),
      num((ITEMS / map.floorMs) * 1000),
      num((map.floorMs / ITEMS) * 1000, 1),
    ]);
    print(
      `\nStep Functions benchmark, part 2: end to end (median of ${ROUNDS} rounds for the loop, one Map run)\n`,
    );
    print(
      formatTable(
        [
          { header: 'target', align: 'left' },
          { header: 'workload', align: 'left' },
          { header: 'states' },
          { header: 'ms' },
          { header: 'states/s' },
          { header: 'µs/state' },
        ],
        rows,
      ),
    );
    const perItem = ((map.ms - map.floorMs) / ITEMS) * 1000;
    print(
      `\nThe Map's cost beyond its Lambda invocations: ${num(perItem, 0)} µs per item (${num(map.states / ITEMS, 1)} states per item; target: under 1 ms per state).`,
    );
  } catch (error) {
    process.stderr.write(
      `Step Functions end-to-end benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

/** The Map of ITEMS items, each invoking an echo function, and the same invocations made directly. */
async function mapOverLambda(target: Target): Promise<{ ms: number; states: number; floorMs: number }> {
  const lambda = new LambdaClient({ ...config(target), maxAttempts: 1 });
  const code = zipSync({
    'index.js': new TextEncoder().encode('exports.handler = async (event) => ({ echo: event });'),
  });
  const { FunctionArn } = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'echo',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: code },
    }),
  );
  // Warm MAP_CONCURRENCY environments first, so neither side pays cold starts.
  const invokeAll = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: MAP_CONCURRENCY }, async () => {
        while (next < count) {
          const i = next++;
          await lambda.send(
            new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ i })) }),
          );
        }
      }),
    );
  };
  await invokeAll(MAP_CONCURRENCY * 2);
  const floorStarted = performance.now();
  await invokeAll(ITEMS);
  const floorMs = performance.now() - floorStarted;
  const sfn = sfnFor(target);
  const machine = await createMachine(sfn, 'map', {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        MaxConcurrency: MAP_CONCURRENCY,
        ItemProcessor: {
          StartAt: 'Call',
          States: { Call: { Type: 'Task', Resource: FunctionArn, End: true } },
        },
        ResultPath: null,
        End: true,
      },
    },
  });
  const run = await runToEnd(
    sfn,
    machine,
    Array.from({ length: ITEMS }, (_, i) => ({ i })),
    600_000,
  );
  lambda.destroy();
  sfn.destroy();
  return { ms: run.ms, states: run.states, floorMs };
}

/** Runs an execution to its end; the time between its first and last history events, and its states. */
async function runToEnd(
  sfn: SFNClient,
  stateMachineArn: string,
  input: unknown,
  timeoutMs = 120_000,
): Promise<{ ms: number; states: number }> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name: `run-${runs++}` }),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') {
      if (status !== 'SUCCEEDED') throw new Error(`${executionArn} ended ${status}`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`${executionArn} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        nextToken,
        maxResults: 1000,
        includeExecutionData: false,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const states = events.filter((e) => e.type!.endsWith('StateEntered')).length;
  return { ms: events.at(-1)!.timestamp!.getTime() - events[0]!.timestamp!.getTime(), states };
}

async function createMachine(sfn: SFNClient, name: string, definition: unknown): Promise<string> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }),
  );
  return stateMachineArn!;
}

function sfnFor(target: Target): SFNClient {
  return new SFNClient({ ...config(target), maxAttempts: 1 });
}

function config(target: Target) {
  return {
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: new NodeHttpHandler(),
  };
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
