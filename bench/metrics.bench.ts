// The built-in metrics' cost on a hot path: the metric sink's record() alone (ns per observation), what SQS
// adds to each SendMessage (SqsMetrics.sent: two adds to the queue's series), and SendMessage run in process
// on the engine (no HTTP, no SDK, no validation) with no sink against the sink that aggregates per minute (µs
// per message, median of several rounds, rounds alternating), plus a minute's flush of what a busy minute
// leaves. Run: npm run bench:metrics. It reports; it never fails.

import { Clock } from '../src/core/clock.js';
import { MetricAggregator } from '../src/core/metric-sink.js';
import type { MetricSink } from '../src/core/ports/metrics.js';
import type { RequestContext } from '../src/core/service.js';
import { Store } from '../src/core/store.js';
import { CloudWatch } from '../src/services/cloudwatch/cloudwatch.js';
import { sendMessage } from '../src/services/sqs/operations/send-message.js';
import { Sqs } from '../src/services/sqs/sqs.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const MESSAGES = 20_000;
const RECORDS = 1_000_000;
const CTX: RequestContext = {
  requestId: 'bench',
  account: '000000000000',
  region: 'us-east-1',
  accessKeyId: 'test',
  host: '127.0.0.1:4566',
};
const BODY = JSON.stringify({ orderId: 'ord-000123', item: 'widget', quantity: 3, note: 'x'.repeat(64) });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** µs per SendMessage on a fresh engine and queue, with `metrics` as the engine's sink. */
function sendRound(metrics: MetricSink | undefined): number {
  const store = new Store(':memory:');
  const sqs = new Sqs(store, new Clock(), metrics);
  const queue = sqs.createQueue('000000000000', 'us-east-1', 'bench', {}, {});
  const input = { QueueUrl: `http://127.0.0.1:4566/000000000000/${queue.name}`, MessageBody: BODY };
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) sendMessage.run(input as never, sqs, CTX);
  const us = ((performance.now() - started) * 1000) / MESSAGES;
  store.close();
  return us;
}

/** ns per SqsMetrics.sent(): exactly what a SendMessage does more with metrics on. */
function sentRound(): number {
  const store = new Store(':memory:');
  const clock = new Clock();
  const sink = new MetricAggregator(clock, () => {});
  const sqs = new Sqs(store, clock, sink);
  const queue = sqs.createQueue('000000000000', 'us-east-1', 'bench', {}, {});
  const now = clock.now();
  const started = performance.now();
  for (let i = 0; i < RECORDS; i++) sqs.metrics.sent(queue, 120, now);
  const ns = ((performance.now() - started) * 1e6) / RECORDS;
  store.close();
  return ns;
}

function recordRound(): number {
  const clock = new Clock();
  const sink = new MetricAggregator(clock, () => {});
  const scope = { account: '000000000000', region: 'us-east-1' };
  const dimensions = [{ Name: 'QueueName', Value: 'bench' }];
  const started = performance.now();
  for (let i = 0; i < RECORDS; i++) {
    sink.record(scope, {
      namespace: 'AWS/SQS',
      name: 'SentMessageSize',
      dimensions,
      value: 100 + (i % 50),
      unit: 'Bytes',
    });
  }
  return ((performance.now() - started) * 1e6) / RECORDS;
}

/** ms to write a minute of 1,000 metrics (one aggregate each, 300 distinct values) into CloudWatch's store. */
function flushRound(): number {
  const store = new Store(':memory:');
  const clock = new Clock();
  const sink = new MetricAggregator(clock, () => {});
  const cloudwatch = new CloudWatch({ store, clock, call: (() => {}) as never, log: () => {} });
  sink.attach(cloudwatch);
  const scope = { account: '000000000000', region: 'us-east-1' };
  for (let m = 0; m < 1000; m++) {
    const dimensions = [{ Name: 'QueueName', Value: `q${m}` }];
    for (let i = 0; i < 300; i++) {
      sink.record(scope, {
        namespace: 'AWS/SQS',
        name: 'SentMessageSize',
        dimensions,
        value: i,
        unit: 'Bytes',
      });
    }
  }
  const started = performance.now();
  sink.flush();
  const ms = performance.now() - started;
  sink.stop();
  cloudwatch.stop();
  store.close();
  return ms;
}

const without: number[] = [];
const withSink: number[] = [];
const records: number[] = [];
const flushes: number[] = [];
const sends: number[] = [];
sendRound(undefined); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  without.push(sendRound(undefined));
  const clock = new Clock();
  const sink = new MetricAggregator(clock, () => {});
  withSink.push(sendRound(sink));
  sink.discard();
  records.push(recordRound());
  sends.push(sentRound());
  flushes.push(flushRound());
}
const before = median(without);
const after = median(withSink);
console.log(`metric sink record(): ${median(records).toFixed(0)} ns per observation (median of ${ROUNDS})`);
console.log(
  `SqsMetrics.sent() (two series adds, what SendMessage adds): ${median(sends).toFixed(0)} ns per message`,
);
console.log(
  `SQS SendMessage in process: ${before.toFixed(2)} µs without metrics, ${after.toFixed(2)} µs with ` +
    `(+${(after - before).toFixed(2)} µs, ${(((after - before) / before) * 100).toFixed(1)}%)`,
);
console.log(`a minute's flush of 1,000 metrics × 300 values: ${median(flushes).toFixed(1)} ms`);
