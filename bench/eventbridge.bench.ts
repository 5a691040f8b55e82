// The EventBridge benchmark: PutEvents throughput at concurrency 1 and 16 (one entry, matched by a rule with
// an SQS target), and the end-to-end latency from PutEvents to the event's arrival in the target queue,
// against Nimbus (`nimbus start`, file-backed), moto_server and (for PutEvents) the loopback floor.
// Run: npm run build && node dist/bench/eventbridge.bench.js. It reports; it never fails. See bench/README.md.

import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup, type Goals, goalsTable, resultsTable } from './lib/report.js';
import { type Budget, type Operation, runSuite } from './lib/suite.js';
import { startCompared, startFloor, type Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run. */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 3000, maxMs: 1500 },
  moto: { maxOps: 150, maxMs: 1000 },
};
const LATENCY_BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 300, maxMs: 1500 },
  moto: { maxOps: 60, maxMs: 1500 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 15,
  floorRatio: 1.3,
  cpuRatio: 2,
};

const DETAIL = JSON.stringify({ orderId: 'ord-000123', item: 'widget', quantity: 3, note: 'x'.repeat(64) });

const FLOOR_RESPONSES = {
  'AWSEvents.PutEvents': {
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({
      FailedEntryCount: 0,
      Entries: [{ EventId: 'c0ffee00-0000-4000-8000-000000000001' }],
    }),
  },
  '*': { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' },
};

interface BusState {
  events: EventBridgeClient;
  sqs: SQSClient;
  /** The rule's target queue (absent for the floor). */
  queueUrl?: string;
  phase: string;
  queues: number;
  /** One entry whose source only this phase's rule matches. */
  entry: { Source: string; DetailType: string; Detail: string };
}

const PUT_EVENTS: Operation<BusState> = {
  name: 'PutEvents',
  run: ({ events, entry }) => events.send(new PutEventsCommand({ Entries: [entry] })),
  // A fresh target queue each round, so no server delivers into an ever-deeper queue.
  beforeRound: (state, target) => (target.name === 'floor' ? Promise.resolve() : newTarget(state)),
};

const END_TO_END: Operation<BusState> = {
  name: 'PutEvents→SQS',
  run: async ({ events, sqs, queueUrl, entry }) => {
    await events.send(new PutEventsCommand({ Entries: [entry] }));
    for (;;) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 5 }),
      );
      const handle = Messages?.[0]?.ReceiptHandle;
      if (handle) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
        return;
      }
    }
  },
  beforeRound: (state) => newTarget(state),
};

async function main(): Promise<void> {
  const began = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    await startCompared(targets, print);
    const floor = await startFloor(FLOOR_RESPONSES);
    print(
      describeSetup(
        'EventBridge benchmark',
        [...targets, floor],
        [
          `Each cell: the median of ${ROUNDS} rounds after a warm-up round; Detail ${DETAIL.length} bytes.`,
          'PutEvents: one entry, matched by one rule whose target is an SQS queue (a fresh queue each round).',
          'PutEvents→SQS: PutEvents, then long-poll the target queue until the event arrives, then delete it',
          '(concurrency 1; its p50 is the end-to-end latency).',
          '',
        ],
      ),
    );
    const setUp = (target: Target, operation: Operation<BusState>, concurrency: number) =>
      setUpBus(target, `bench-${operation.name.replace(/\W/g, '')}-c${concurrency}`);
    const tearDown = (state: BusState) => {
      state.events.destroy();
      state.sqs.destroy();
    };
    const throughput = await runSuite({
      targets: [...targets, floor],
      operations: [PUT_EVENTS],
      concurrencies: [1, 16],
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp,
      tearDown,
      log: print,
    });
    const latency = await runSuite({
      targets,
      operations: [END_TO_END],
      concurrencies: [1],
      rounds: ROUNDS,
      budgets: LATENCY_BUDGETS,
      setUp,
      tearDown,
      log: print,
    });
    const cells = [...throughput, ...latency];
    print(`\nResults (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable(cells)}`);
    print(`\nNimbus against its goals (PutEvents)\n\n${goalsTable(throughput, GOALS)}`);
    const nimbus = latency.find((cell) => cell.target === 'nimbus')?.result.p50Ms;
    const peer = latency.find((cell) => cell.target === 'moto')?.result.p50Ms;
    if (nimbus !== undefined && peer !== undefined) {
      print(
        `\nEnd-to-end median: nimbus ${nimbus.toFixed(2)} ms, moto ${peer.toFixed(2)} ms (moto ÷ nimbus ${(peer / nimbus).toFixed(1)}×)`,
      );
    }
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
    await floor.stop();
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

async function setUpBus(target: Target, phase: string): Promise<BusState> {
  const options = {
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const entry = { Source: `bench.${phase}`, DetailType: 'OrderPlaced', Detail: DETAIL };
  const state: BusState = {
    events: new EventBridgeClient(options),
    sqs: new SQSClient(options),
    phase,
    queues: 0,
    entry,
  };
  if (target.name === 'floor') return state;
  const EventPattern = JSON.stringify({ source: [entry.Source] });
  await state.events.send(new PutRuleCommand({ Name: phase, EventPattern }));
  await newTarget(state);
  return state;
}

/** A new queue as the rule's only target (replacing the previous one: same target id). */
async function newTarget(state: BusState): Promise<void> {
  const QueueName = `${state.phase}-${state.queues++}`;
  const { QueueUrl } = await state.sqs.send(new CreateQueueCommand({ QueueName }));
  const { Attributes } = await state.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await state.events.send(
    new PutTargetsCommand({ Rule: state.phase, Targets: [{ Id: 'queue', Arn: Attributes!.QueueArn! }] }),
  );
  state.queueUrl = QueueUrl;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`eventbridge bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exitCode = 1;
});
