// The cost of point-in-time recovery on the write path: PutItem as the engine runs it (one SQLite
// transaction: item, GSI entry, and with PITR the undo-log row), on a file-backed store in WAL mode, with
// PITR off and on, alternating rounds; prints medians and the ratio. Run: npx tsc -p . --outDir dist &&
// node dist/bench/dynamodb-pitr.bench.js. It reports; it never fails.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../src/core/clock.js';
import { Store } from '../src/core/store.js';
import { DynamoDb } from '../src/services/dynamodb/dynamodb.js';
import { checkPutItem } from '../src/services/dynamodb/items.js';
import type { Table } from '../src/services/dynamodb/table.js';
import { buildTableSpec } from '../src/services/dynamodb/table-create.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const WRITES = Number(process.env.BENCH_WRITES) || 3000;

const dir = mkdtempSync(join(tmpdir(), 'nimbus-pitr-bench-'));
const store = new Store(join(dir, 'state.db'));
const clock = new Clock();
const ddb = new DynamoDb(store, clock);

function table(name: string, pitr: boolean): Table {
  const spec = buildTableSpec(
    {
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    },
    clock.now(),
    ddb.newTableId(),
  );
  const created = ddb.createTable('000000000000', 'us-east-1', spec);
  return pitr ? ddb.saveSpec(created, { ...created.spec, pitr: { since: clock.now(), days: 35 } }) : created;
}

/** Microseconds per PutItem: half of the writes insert, half overwrite (an undo row with an old image). */
function round(target: Table, n: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const raw = {
      pk: { S: `k${i % (n / 2)}` },
      g: { S: 'all' },
      price: { N: String(i) },
      name: { S: 'widget' },
    };
    store.transaction(() => {
      const { item, key } = checkPutItem(target, raw);
      ddb.writeItem(target, key, ddb.getItem(target, key), item);
    });
  }
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const off: number[] = [];
const on: number[] = [];
// Alternating which goes first, so neither always runs on the larger database.
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) off.push(round(table(`off${r}`, false), WRITES));
  on.push(round(table(`on${r}`, true), WRITES));
  if (r % 2 === 1) off.push(round(table(`off${r}`, false), WRITES));
}
const offMedian = median(off);
const onMedian = median(on);
console.log(`PutItem write path, ${WRITES} writes x ${ROUNDS} rounds, file-backed SQLite (WAL)`);
console.log(`  PITR off: ${offMedian.toFixed(1)} µs/write (${Math.round(1e6 / offMedian)} writes/s)`);
console.log(`  PITR on:  ${onMedian.toFixed(1)} µs/write (${Math.round(1e6 / onMedian)} writes/s)`);
console.log(`  ratio on/off: ${(onMedian / offMedian).toFixed(2)}`);
ddb.stop();
store.close();
rmSync(dir, { recursive: true, force: true });
