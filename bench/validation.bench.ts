// The input validator's own cost: validateInput over PutItem's and SendMessage's declared input shapes, in
// process (no HTTP, no SDK), median ns per request over several rounds. It reads the operations' `.input` so
// that the same file runs against an older checkout to compare validators (bench/README.md has the figures).
// Run: npm run bench:validation. It reports; it never fails.

import { validateInput } from '../src/core/validate.js';
import { putItemOperation } from '../src/services/dynamodb/operations/items.js';
import { sendMessage } from '../src/services/sqs/operations/send-message.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 9;
const ITERATIONS = 50_000;

/** A single-table design's item: keys, a few scalars, a map and a list, as services write them. */
const PUT_ITEM = {
  TableName: 'orders',
  Item: {
    pk: { S: 'CUSTOMER#000123' },
    sk: { S: 'ORDER#2026-12-06#000456' },
    status: { S: 'PLACED' },
    total: { N: '129.95' },
    items: { N: '3' },
    express: { BOOL: true },
    address: { M: { street: { S: '1 Main St' }, city: { S: 'Springfield' }, zip: { S: '12345' } } },
    tags: { SS: ['gift', 'priority'] },
    lines: {
      L: [{ M: { sku: { S: 'W-1' }, qty: { N: '2' } } }, { M: { sku: { S: 'W-2' }, qty: { N: '1' } } }],
    },
  },
  ConditionExpression: 'attribute_not_exists(pk)',
  ReturnConsumedCapacity: 'TOTAL',
};

const SEND_MESSAGE = {
  QueueUrl: 'http://127.0.0.1:4566/000000000000/jobs',
  MessageBody: JSON.stringify({ orderId: 'ord-000123', item: 'widget', quantity: 3, note: 'x'.repeat(64) }),
  DelaySeconds: 0,
  MessageAttributes: {
    source: { DataType: 'String', StringValue: 'checkout' },
    attempt: { DataType: 'Number', StringValue: '1' },
    trace: { DataType: 'Binary', BinaryValue: Buffer.from('trace-id').toString('base64') },
  },
};

function measure(name: string, run: () => void): void {
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) run();
    const ns = Number(process.hrtime.bigint() - started) / ITERATIONS;
    if (round > 0) perRound.push(ns); // the first round warms the JIT
  }
  perRound.sort((a, b) => a - b);
  const median = perRound[Math.floor(perRound.length / 2)]!;
  console.log(
    `${name.padEnd(12)} median ${median.toFixed(0).padStart(6)} ns/request  (${ROUNDS} rounds of ${ITERATIONS})`,
  );
}

const putItemInput = putItemOperation.input;
const sendMessageInput = sendMessage.input;
measure('PutItem', () => {
  const { problems } = validateInput(putItemInput, PUT_ITEM, 'json');
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
});
measure('SendMessage', () => {
  const { problems } = validateInput(sendMessageInput, SEND_MESSAGE, 'json', { constraints: false });
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
});
