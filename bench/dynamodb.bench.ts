// The DynamoDB benchmark: PutItem, GetItem and Query (a 10-item partition) through the AWS SDK v3 at
// concurrency 1 and 16, against Nimbus (`nimbus start`, file-backed), moto_server and the loopback floor,
// each in a child process. Run: npm run build && node dist/bench/dynamodb.bench.js. It reports; it never
// fails (exit 0 unless something crashes). See bench/README.md.

import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { startDynalite } from './lib/npm-peers.js';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup, type Goals, goalsTable, peerTable, resultsTable } from './lib/report.js';
import { type Budget, type Operation, runSuite } from './lib/suite.js';
import { startCompared, startFloor, type Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const CONCURRENCIES = [1, 16];
const BUDGETS: Record<string, Budget> & { default: Budget } = {
  default: { maxOps: 4000, maxMs: 1500 },
  moto: { maxOps: 300, maxMs: 1000 },
};
const GOALS: Goals = {
  subject: 'nimbus',
  peer: 'moto',
  floor: 'floor',
  timesPeer: 5,
  floorRatio: 1.5,
  cpuRatio: 3,
};
/** Partitions pre-filled for GetItem and Query, 10 items each. */
const PARTITIONS = 50;
const ITEM = {
  name: { S: 'widget' },
  price: { N: '19.99' },
  tags: { SS: ['a', 'b'] },
  note: { S: 'x'.repeat(64) },
};
const stored = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk }, ...ITEM });

const FLOOR_RESPONSES = {
  'DynamoDB_20120810.GetItem': json({ Item: stored('p0', 's0') }),
  'DynamoDB_20120810.Query': json({
    Items: Array.from({ length: 10 }, (_, i) => stored('p0', `s${i}`)),
    Count: 10,
    ScannedCount: 10,
  }),
  'DynamoDB_20120810.CreateTable': json({ TableDescription: { TableName: 'bench', TableStatus: 'ACTIVE' } }),
  '*': json({}),
};

interface TableState {
  client: DynamoDBClient;
  table: string;
  next: number;
}

const OPERATIONS: readonly Operation<TableState>[] = [
  {
    name: 'PutItem',
    run: (state) =>
      state.client.send(
        new PutItemCommand({ TableName: state.table, Item: stored(`w${state.next++}`, 's') }),
      ),
  },
  {
    name: 'GetItem',
    run: (state) =>
      state.client.send(
        new GetItemCommand({
          TableName: state.table,
          Key: { pk: { S: `p${state.next++ % PARTITIONS}` }, sk: { S: `s${state.next % 10}` } },
        }),
      ),
  },
  {
    name: 'Query',
    run: (state) =>
      state.client.send(
        new QueryCommand({
          TableName: state.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `p${state.next++ % PARTITIONS}` } },
        }),
      ),
  },
];

async function main(): Promise<void> {
  const began = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    await startCompared(targets, print, { name: 'dynalite', start: startDynalite });
    targets.push(await startFloor(FLOOR_RESPONSES));
    print(
      describeSetup('DynamoDB benchmark', targets, [
        `Each cell: the median of ${ROUNDS} rounds after a warm-up round; items of ${JSON.stringify(stored('p0', 's0')).length} JSON bytes; Query reads a 10-item partition.`,
        ...Object.entries(BUDGETS).map(([name, b]) => `  round (${name}): ${b.maxOps} ops or ${b.maxMs} ms`),
        '',
      ]),
    );
    const cells = await runSuite({
      targets,
      operations: OPERATIONS,
      concurrencies: CONCURRENCIES,
      rounds: ROUNDS,
      budgets: BUDGETS,
      setUp: (target, operation, concurrency) =>
        setUpTable(target, `bench-${operation.name}-c${concurrency}`, operation.name !== 'PutItem'),
      tearDown: (state) => state.client.destroy(),
      log: print,
      verbose: process.env.BENCH_VERBOSE === '1',
    });
    print(`\nResults (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable(cells)}`);
    print(`\nNimbus against its goals\n\n${goalsTable(cells, GOALS)}`);
    if (targets.some((t) => t.name === 'dynalite'))
      print(`\nNimbus against dynalite\n\n${peerTable(cells, 'nimbus', 'dynalite', 1.3, 'floor')}`);
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

async function setUpTable(target: Target, table: string, fill: boolean): Promise<TableState> {
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // dynalite makes tables CREATING first (as AWS does); Nimbus and moto answer ACTIVE at once.
  if (target.name !== 'floor') await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });
  if (fill && target.name !== 'floor') {
    const all = Array.from({ length: PARTITIONS * 10 }, (_, i) =>
      stored(`p${Math.floor(i / 10)}`, `s${i % 10}`),
    );
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
    }
  }
  return { client, table, next: 0 };
}

function json(body: unknown) {
  return { headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`dynamodb bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exitCode = 1;
});
