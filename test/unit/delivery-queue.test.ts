// The loop every delivery queue shares (src/core/delivery-queue.ts), over rows kept in an array: order,
// rows running alongside under a cap, retries on the clock, and an attempt that throws.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock } from '../../src/core/clock.js';
import { DeliveryQueue } from '../../src/core/delivery-queue.js';

interface Row {
  id: number;
  dueAt: number;
  slow?: boolean;
}

function queueOf(rows: Row[], clock: Clock, attempt: (row: Row) => Promise<void>, maxAlongside = 2) {
  return new DeliveryQueue<Row>({
    clock,
    due: (now, limit) =>
      rows
        .filter((row) => row.dueAt <= now)
        .sort((a, b) => a.id - b.id)
        .slice(0, limit),
    nextDueAfter: (now) => {
      const later = rows.filter((row) => row.dueAt > now).map((row) => row.dueAt);
      return later.length ? Math.min(...later) : null;
    },
    attempt,
    runsAlongside: (row) => row.slow === true,
    maxAlongside,
    log: () => {},
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(2);
  assert.ok(condition(), 'condition never held');
}

test('rows are tried one at a time in order, never inside the call that kicked the queue', async () => {
  const clock = new Clock();
  const rows: Row[] = [3, 1, 2].map((id) => ({ id, dueAt: clock.now() }));
  const tried: number[] = [];
  let active = 0;
  const queue = queueOf(rows, clock, async (row) => {
    active++;
    assert.equal(active, 1, 'two in-order rows ran at once');
    await sleep(1);
    tried.push(row.id);
    rows.splice(rows.indexOf(row), 1);
    active--;
  });
  queue.kick();
  assert.deepEqual(tried, []);
  await until(() => tried.length === 3);
  assert.deepEqual(tried, [1, 2, 3]);
  queue.stop();
});

test('rows that run alongside start together up to the cap, and do not hold up in-order rows', async () => {
  const clock = new Clock();
  const rows: Row[] = [
    { id: 1, dueAt: clock.now(), slow: true },
    { id: 2, dueAt: clock.now(), slow: true },
    { id: 3, dueAt: clock.now(), slow: true },
    { id: 4, dueAt: clock.now() },
  ];
  const release: (() => void)[] = [];
  const done: number[] = [];
  let peak = 0;
  let running = 0;
  const queue = queueOf(rows, clock, async (row) => {
    if (row.slow) {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
    }
    done.push(row.id);
    rows.splice(rows.indexOf(row), 1);
  });
  queue.kick();
  await until(() => done.includes(4));
  assert.equal(queue.running, 2, 'the cap of 2 holds row 3 back');
  while (done.length < 4) {
    release.shift()?.();
    await sleep(2);
  }
  assert.deepEqual(done.sort(), [1, 2, 3, 4]);
  assert.equal(peak, 2);
  queue.stop();
});

test('a retry waits for its due time on the clock; advancing the clock brings it forward', async () => {
  const clock = new Clock();
  const rows: Row[] = [{ id: 1, dueAt: clock.now() }];
  let attempts = 0;
  const queue = queueOf(rows, clock, async (row) => {
    attempts++;
    if (attempts === 1) row.dueAt = clock.now() + 60_000;
    else rows.splice(rows.indexOf(row), 1);
  });
  queue.kick();
  await until(() => attempts === 1);
  await sleep(20);
  assert.equal(attempts, 1, 'the retry ran before it was due');
  clock.advance(60_000);
  await until(() => attempts === 2);
  assert.equal(rows.length, 0);
  queue.stop();
});

test('an attempt that throws rests instead of spinning, and a stopped queue starts nothing', async () => {
  const clock = new Clock();
  const rows: Row[] = [{ id: 1, dueAt: clock.now() }];
  let attempts = 0;
  const queue = queueOf(rows, clock, async () => {
    attempts++;
    throw new Error('a bug');
  });
  queue.kick();
  await until(() => attempts === 1);
  await sleep(30);
  assert.equal(attempts, 1, 'the row was retried at once');
  clock.advance(1000);
  await until(() => attempts === 2);
  queue.stop();
  clock.advance(1000);
  queue.kick();
  await sleep(20);
  assert.equal(attempts, 2);
});
