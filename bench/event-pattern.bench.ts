// Event-pattern matching throughput: 1,000 compiled rules against a stream of events, as EventBridge
// evaluates every rule on a bus for each PutEvents entry. Prints medians over rounds.

import { compileEventPattern } from '../src/lib/event-pattern/index.js';
import { formatTable, num } from './lib/table.js';

const RULES = 1000;
const EVENTS = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** Rules of the shapes applications write: source/detail-type filters plus payload conditions. */
function rule(i: number): object {
  const kinds = [
    { source: [`app.orders.${i % 50}`], 'detail-type': ['OrderPlaced'] },
    { source: ['app.orders.1'], detail: { status: [{ 'anything-but': ['CANCELLED', `X${i}`] }] } },
    { detail: { amount: [{ numeric: ['>', i, '<=', i + 500] }] } },
    { detail: { customer: { tier: [{ prefix: `gold-${i % 7}` }] } } },
    { detail: { ip: [{ cidr: `10.${i % 256}.0.0/16` }] } },
    { $or: [{ detail: { region: [`r${i % 20}`] } }, { detail: { priority: [{ exists: true }] } }] },
    { detail: { sku: [{ wildcard: `SKU-${i % 10}*-B` }] } },
    { detail: { email: [{ suffix: { 'equals-ignore-case': `@Example${i % 30}.com` } }] } },
  ];
  return kinds[i % kinds.length]!;
}

function event(i: number): object {
  return {
    version: '0',
    id: `e-${i}`,
    source: `app.orders.${i % 60}`,
    'detail-type': i % 3 === 0 ? 'OrderPlaced' : 'OrderShipped',
    detail: {
      status: i % 5 === 0 ? 'CANCELLED' : 'PLACED',
      amount: (i * 37) % 2000,
      customer: { tier: `gold-${i % 9}`, id: `c-${i}` },
      ip: `10.${i % 300}.${i % 256}.7`,
      region: `r${i % 25}`,
      sku: `SKU-${i % 12}00-B`,
      email: `user${i}@example${i % 40}.com`,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ],
    },
  };
}

const compileStart = performance.now();
const rules = Array.from({ length: RULES }, (_, i) => compileEventPattern(rule(i)));
const compileMs = performance.now() - compileStart;
const events = Array.from({ length: EVENTS }, (_, i) => event(i));

const perEventUs: number[] = [];
let matched = 0;
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  for (const e of events) for (const r of rules) if (r.matches(e)) matched++;
  perEventUs.push(((performance.now() - started) * 1000) / EVENTS);
}
perEventUs.sort((a, b) => a - b);
const median = perEventUs[Math.floor(perEventUs.length / 2)]!;

console.log(`Event-pattern matching: ${RULES} rules, ${EVENTS} events, ${ROUNDS} rounds\n`);
console.log(
  formatTable(
    [
      { header: 'measure', align: 'left' },
      { header: 'value', align: 'right' },
    ],
    [
      ['compile 1,000 rules (ms)', num(compileMs, 1)],
      ['match one event against all rules, median (µs)', num(median, 1)],
      ['events/s against all rules', num(1e6 / median)],
      ['rule evaluations/s', num((1e6 / median) * RULES)],
      ['matches per event (sanity)', num(matched / (EVENTS * ROUNDS), 1)],
    ],
  ),
);
