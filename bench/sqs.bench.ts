// The SQS benchmark: SendMessage and Receive+Delete through the AWS SDK v3 at concurrency 1 and 16, against
// Nimbus (`nimbus start`, file-backed), moto_server and the loopback floor, each in a child process.
// Run: npm run bench. It reports; it never fails (exit 0 unless something crashes). See bench/README.md.

import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { runComparison } from './lib/comparison.js';
import type { Goals } from './lib/report.js';
import type { Budget, Operation } from './lib/suite.js';
import type { Target } from './lib/targets.js';

/** Measured rounds per cell; BENCH_ROUNDS=1 makes a quick smoke run (BENCH_VERBOSE=1 logs every round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
/** Per round: fast servers get 1.5 s; moto (~100× slower) a shorter time box and fewer messages to pre-fill. */
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 4000, maxMs: 1500 },
  moto: { maxOps: 150, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 15,
  floorRatio: 1.3,
  cpuRatio: 2,
};

const BODY = JSON.stringify({ orderId: 'ord-000123', item: 'widget', quantity: 3, note: 'x'.repeat(64) });
const BODY_MD5 = createHash('md5').update(BODY).digest('hex');
const MESSAGE_ID = 'c0ffee00-0000-4000-8000-000000000001';

/** The floor's fixed answers: what SQS answers on success, with the real MD5 so the SDK's checks pass. */
const FLOOR_RESPONSES = {
  'AmazonSQS.CreateQueue': json({ QueueUrl: 'http://127.0.0.1/000000000000/bench' }),
  'AmazonSQS.SendMessage': json({ MessageId: MESSAGE_ID, MD5OfMessageBody: BODY_MD5 }),
  'AmazonSQS.ReceiveMessage': json({
    Messages: [
      { MessageId: MESSAGE_ID, ReceiptHandle: 'floor-receipt-handle', MD5OfBody: BODY_MD5, Body: BODY },
    ],
  }),
  '*': json({}),
};

interface QueueState {
  client: SQSClient;
  queueName: string;
  queueUrl: string;
  /** Queues created so far for this phase (send rounds each get a fresh one). */
  queues: number;
  /** Messages known to wait in the queue; receive rounds top it up first (untimed). */
  stock: number;
}

const OPERATIONS: readonly Operation<QueueState>[] = [
  {
    name: 'SendMessage',
    run: ({ client, queueUrl }) =>
      client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY })),
    // moto's SendMessage slows down as its queue grows (165 sends/s empty, 25 at 700 messages): every round
    // starts from an empty queue, so each target is measured at the same depth.
    beforeRound: (state) => newQueue(state),
  },
  {
    name: 'Receive+Delete',
    run: async ({ client, queueUrl }) => {
      const received = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }),
      );
      const handle = received.Messages?.[0]?.ReceiptHandle;
      if (!handle) throw new Error('ReceiveMessage returned no message: the queue ran dry');
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
    },
    // The floor answers every receive with its fixed message; the others need real ones.
    beforeRound: (state, target, maxOps) =>
      target.name === 'floor' ? Promise.resolve() : topUp(state, maxOps),
    afterRound: (state, result) => {
      state.stock -= result.ops;
    },
  },
];

await runComparison({
  title: 'SQS benchmark',
  notes: [`Message body ${BODY.length} bytes.`],
  operations: OPERATIONS,
  concurrencies: CONCURRENCIES,
  rounds: ROUNDS,
  budgets: BUDGETS,
  floorResponses: FLOOR_RESPONSES,
  goals: GOALS,
  setUp: (target, operation, concurrency) =>
    setUpQueue(target, `bench-${operation.name.replace(/\W/g, '')}-c${concurrency}`),
  tearDown: (state) => state.client.destroy(),
});

async function setUpQueue(target: Target, queueName: string): Promise<QueueState> {
  const client = new SQSClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failed op must show as an error, not as a slow op hidden by retries.
    maxAttempts: 1,
  });
  const state: QueueState = { client, queueName, queueUrl: '', queues: 0, stock: 0 };
  await newQueue(state);
  return state;
}

async function newQueue(state: QueueState): Promise<void> {
  const QueueName = `${state.queueName}-${state.queues++}`;
  state.queueUrl = (await state.client.send(new CreateQueueCommand({ QueueName }))).QueueUrl!;
  state.stock = 0;
}

/** Fills the queue (with SendMessageBatch, 4 batches in flight) until it holds `wanted` messages. */
async function topUp(state: QueueState, wanted: number): Promise<void> {
  let missing = wanted - state.stock;
  const sender = async () => {
    while (missing > 0) {
      const count = Math.min(10, missing);
      missing -= count;
      const Entries = Array.from({ length: count }, (_, i) => ({ Id: `m${i}`, MessageBody: BODY }));
      const sent = await state.client.send(
        new SendMessageBatchCommand({ QueueUrl: state.queueUrl, Entries }),
      );
      state.stock += sent.Successful?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}
