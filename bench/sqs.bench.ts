// The SQS benchmark: SendMessage and Receive+Delete through the AWS SDK v3 at concurrency 1 and 16, against
// Nimbus (`nimbus start`, file-backed), moto_server and the loopback floor, each in a child process.
// Run: npm run bench. It reports; it never fails (exit 0 unless something crashes). See bench/README.md.

import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type RoundOptions, type RoundResult, runRound, summarize } from './lib/measure.js';
import { stopAllChildren } from './lib/processes.js';
import { formatTable, num, times, verdict } from './lib/table.js';
import { startFloor, startMoto, startNimbus, type Target } from './lib/targets.js';

const ROUNDS = 5;
const CONCURRENCIES = [1, 16] as const;
/** Per round: fast servers get a second; moto (~80 sends/s) a shorter time box and fewer ops. */
const BUDGETS: Record<string, Pick<RoundOptions, 'maxOps' | 'maxMs'>> = {
  nimbus: { maxOps: 4000, maxMs: 1000 },
  floor: { maxOps: 4000, maxMs: 1000 },
  moto: { maxOps: 400, maxMs: 700 },
};
const GOALS = { timesMoto: 15, floorRatio: 1.3, cpuRatio: 2 };

const BODY = JSON.stringify({ orderId: 'ord-000123', item: 'widget', quantity: 3, note: 'x'.repeat(64) });
const BODY_MD5 = createHash('md5').update(BODY).digest('hex');
const FLOOR_QUEUE_URL = 'http://127.0.0.1/000000000000/bench';

/** The floor's fixed answers: what SQS answers on success, with the real MD5 so the SDK's checks pass. */
const FLOOR_RESPONSES = {
  'AmazonSQS.CreateQueue': json({ QueueUrl: FLOOR_QUEUE_URL }),
  'AmazonSQS.SendMessage': json({
    MessageId: 'c0ffee00-0000-4000-8000-000000000001',
    MD5OfMessageBody: BODY_MD5,
  }),
  'AmazonSQS.ReceiveMessage': json({
    Messages: [
      {
        MessageId: 'c0ffee00-0000-4000-8000-000000000001',
        ReceiptHandle: 'floor-receipt-handle',
        MD5OfBody: BODY_MD5,
        Body: BODY,
      },
    ],
  }),
  '*': json({}),
};

interface Bench {
  target: Target;
  client: SQSClient;
  queueUrl: string;
  /** Messages known to be waiting in the queue (receive phases top it up before each round). */
  stock: number;
}

interface Operation {
  name: string;
  /** Whether the queue must hold a round's worth of messages first. */
  consumes: boolean;
  run(bench: Bench): Promise<unknown>;
}

const OPERATIONS: readonly Operation[] = [
  {
    name: 'SendMessage',
    consumes: false,
    run: ({ client, queueUrl }) =>
      client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY })),
  },
  {
    name: 'Receive+Delete',
    consumes: true,
    run: async ({ client, queueUrl }) => {
      const received = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }),
      );
      const handle = received.Messages?.[0]?.ReceiptHandle;
      if (!handle) throw new Error('ReceiveMessage returned no message: the queue ran dry');
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
    },
  },
];

async function main(): Promise<void> {
  const began = Date.now();
  const targets: Target[] = [];
  try {
    targets.push(await startNimbus());
    const moto = await startMoto();
    if (moto) targets.push(moto);
    else process.stdout.write('moto_server not found: skipping the peer.\n');
    targets.push(await startFloor(FLOOR_RESPONSES));
    printSetup(targets);

    const results = new Map<string, RoundResult>();
    for (const operation of OPERATIONS) {
      for (const concurrency of CONCURRENCIES) {
        const queueName = `bench-${operation.consumes ? 'receive' : 'send'}-c${concurrency}`;
        const benches = await Promise.all(targets.map((target) => prepare(target, queueName)));
        const rounds = new Map<string, RoundResult[]>(benches.map((bench) => [bench.target.name, []]));
        // Round 0 warms up JITs and connections; rounds interleave the targets so drift hits all alike.
        for (let round = 0; round <= ROUNDS; round++) {
          for (const bench of benches) {
            const result = await measureRound(bench, operation, concurrency, round === 0);
            if (round > 0) rounds.get(bench.target.name)!.push(result);
          }
        }
        for (const [name, list] of rounds)
          results.set(key(name, operation.name, concurrency), summarize(list));
        process.stdout.write(`  measured ${operation.name} at concurrency ${concurrency}\n`);
        for (const bench of benches) bench.client.destroy();
      }
    }
    printResults(targets, results);
    process.stdout.write(`\nTotal time ${num((Date.now() - began) / 1000, 0)} s.\n`);
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

async function prepare(target: Target, queueName: string): Promise<Bench> {
  const client = new SQSClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  });
  const created = await client.send(new CreateQueueCommand({ QueueName: queueName }));
  return { target, client, queueUrl: created.QueueUrl!, stock: 0 };
}

async function measureRound(bench: Bench, operation: Operation, concurrency: number, warmup: boolean) {
  const budget = BUDGETS[bench.target.name]!;
  const options: RoundOptions = {
    concurrency,
    maxOps: budget.maxOps,
    maxMs: warmup ? budget.maxMs / 2 : budget.maxMs,
    serverCpuMs: () => bench.target.child.cpuMs(),
  };
  if (operation.consumes && bench.target.name !== 'floor') await topUp(bench, options.maxOps);
  const result = await runRound(() => operation.run(bench), options);
  if (operation.consumes) bench.stock -= result.ops;
  return result;
}

/** Fills the queue (untimed, with SendMessageBatch) until it holds `wanted` messages. */
async function topUp(bench: Bench, wanted: number): Promise<void> {
  let missing = wanted - bench.stock;
  const batch = async () => {
    while (missing > 0) {
      const count = Math.min(10, missing);
      missing -= count;
      const Entries = Array.from({ length: count }, (_, i) => ({ Id: `m${i}`, MessageBody: BODY }));
      const sent = await bench.client.send(
        new SendMessageBatchCommand({ QueueUrl: bench.queueUrl, Entries }),
      );
      bench.stock += sent.Successful?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: 4 }, batch));
}

function printSetup(targets: readonly Target[]): void {
  const cpu = cpus();
  process.stdout.write(
    [
      `SQS benchmark — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
      `Targets: ${targets.map((t) => `${t.name} (pid ${t.child.pid}, ${t.endpoint})`).join(', ')}`,
      `Each cell: median of ${ROUNDS} rounds after a warm-up round; body ${BODY.length} bytes.`,
      ...Object.entries(BUDGETS).map(([name, b]) => `  ${name}: a round is ${b.maxOps} ops or ${b.maxMs} ms`),
      '',
    ].join('\n'),
  );
}

function printResults(targets: readonly Target[], results: ReadonlyMap<string, RoundResult>): void {
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const operation of OPERATIONS) {
    for (const concurrency of CONCURRENCIES) {
      for (const target of targets) {
        const r = results.get(key(target.name, operation.name, concurrency));
        if (!r) continue;
        rows.push([
          target.name,
          operation.name,
          String(concurrency),
          num(r.opsPerSec),
          num(r.p50Ms, 2),
          num(r.p99Ms, 2),
          num(r.serverCpuUsPerOp),
          num(r.clientCpuUsPerOp),
          num(r.ops),
          num(r.errors),
        ]);
        if (r.errors > 0)
          failures.push(`${target.name} ${operation.name} c${concurrency}: ${describe(r.firstError)}`);
      }
    }
  }
  const left = { align: 'left' } as const;
  process.stdout.write('\nResults (per target, median round)\n\n');
  process.stdout.write(
    `${formatTable(
      [
        { header: 'target', ...left },
        { header: 'operation', ...left },
        { header: 'conc' },
        { header: 'ops/s' },
        { header: 'p50 ms' },
        { header: 'p99 ms' },
        { header: 'server CPU µs/op' },
        { header: 'client CPU µs/op' },
        { header: 'ops' },
        { header: 'errors' },
      ],
      rows,
    )}\n`,
  );
  for (const failure of failures) process.stdout.write(`  error: ${failure}\n`);
  printComparison(results);
}

function printComparison(results: ReadonlyMap<string, RoundResult>): void {
  const rows: string[][] = [];
  for (const operation of OPERATIONS) {
    for (const concurrency of CONCURRENCIES) {
      const get = (name: string) => results.get(key(name, operation.name, concurrency));
      const nimbus = get('nimbus');
      const moto = get('moto');
      const floor = get('floor');
      if (!nimbus || !floor) continue;
      const vsMoto = moto ? nimbus.opsPerSec / moto.opsPerSec : Number.NaN;
      const vsFloor = floor.opsPerSec / nimbus.opsPerSec;
      const cpuRatio = nimbus.serverCpuUsPerOp / floor.serverCpuUsPerOp;
      rows.push([
        operation.name,
        String(concurrency),
        times(vsMoto),
        verdict(Number.isFinite(vsMoto) ? vsMoto >= GOALS.timesMoto : undefined),
        times(vsFloor, 2),
        verdict(vsFloor <= GOALS.floorRatio),
        num(nimbus.serverCpuUsPerOp),
        num(floor.serverCpuUsPerOp),
        times(cpuRatio, 2),
        verdict(Number.isFinite(cpuRatio) ? cpuRatio <= GOALS.cpuRatio : undefined),
      ]);
    }
  }
  const left = { align: 'left' } as const;
  process.stdout.write('\nNimbus against its goals\n\n');
  process.stdout.write(
    `${formatTable(
      [
        { header: 'operation', ...left },
        { header: 'conc' },
        { header: 'nimbus ÷ moto ops/s' },
        { header: `≥ ${GOALS.timesMoto}×` },
        { header: 'floor ÷ nimbus ops/s' },
        { header: `≤ ${GOALS.floorRatio}×` },
        { header: 'nimbus CPU µs/op' },
        { header: 'floor CPU µs/op' },
        { header: 'CPU ratio' },
        { header: `≤ ${GOALS.cpuRatio}×` },
      ],
      rows,
    )}\n`,
  );
}

function key(target: string, operation: string, concurrency: number): string {
  return `${target}|${operation}|${concurrency}`;
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`sqs bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exitCode = 1;
});
