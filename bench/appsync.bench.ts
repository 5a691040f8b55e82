// The AppSync benchmark: (a) queries/s and latency of a GetItem query resolver over DynamoDB (in VTL and in
// APPSYNC_JS) and a PutItem mutation, through a client (closed loop, medians over rounds) and with `wrk`
// (server cost with a client that costs next to nothing); (b) subscription fan-out: one mutation delivered
// to 100 subscribers over the real-time WebSocket protocol, from the mutation's send to the last
// subscriber's `data` message. Nimbus against the Amplify AppSync simulator (its DynamoDB data source
// pointed at a second Nimbus, the store) and the bare node:http floor, each in its own child process.
// Run: npm run build && node dist/bench/appsync.bench.js. It reports; it never fails. See bench/README.md.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AppSyncClient,
  CreateApiKeyCommand,
  CreateDataSourceCommand,
  CreateGraphqlApiCommand,
  CreateResolverCommand,
  GetSchemaCreationStatusCommand,
  StartSchemaCreationCommand,
} from '@aws-sdk/client-appsync';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type RealtimeTarget, type Subscription, subscribe } from './lib/appsync-realtime.js';
import {
  simulatorInstalled,
  startAppSyncSimulator,
  startNimbusOfBuild,
  startRealtimeFloor,
} from './lib/appsync-targets.js';
import { median } from './lib/measure.js';
import { atExit, stopAllChildren } from './lib/processes.js';
import { describeSetup, peerTable, resultsTable } from './lib/report.js';
import { type Cell, findCell, type Operation, runSuite } from './lib/suite.js';
import { formatTable, num, times } from './lib/table.js';
import { startFloor, type Target } from './lib/targets.js';
import { runWrk, wrkAvailable } from './lib/wrk.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const SECONDS = Number(process.env.BENCH_SECONDS) || 4;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS) || 2;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS) || 100;
const MUTATIONS_PER_ROUND = Number(process.env.BENCH_MUTATIONS) || 30;
/** A fan-out that has not reached every subscriber by then counts as lost, not as a crash. */
const FANOUT_TIMEOUT_MS = 30_000;
const CONCURRENCIES = [1, 16];
const BUDGET = { maxOps: 3000, maxMs: 1500 };
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const REGION = 'us-east-1';
const TABLE = 'items';
const SIMULATOR_API_KEY = 'da2-benchmarkbenchmarkbenchm';

const SCHEMA = `
type Item { id: ID! name: String count: Int }
type Query {
  getItem(id: ID!): Item
  getItemJs(id: ID!): Item
}
type Mutation { putItem(id: ID!, name: String!, count: Int): Item }
type Subscription { onPutItem: Item @aws_subscribe(mutations: ["putItem"]) }
`;
const GET_REQUEST = `{"version": "2018-05-29", "operation": "GetItem", "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}`;
const PUT_REQUEST = `{"version": "2018-05-29", "operation": "PutItem",
  "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)},
  "attributeValues": $util.dynamodb.toMapValuesJson({"name": $ctx.args.name, "count": $ctx.args.count})}`;
const RESPONSE = '$util.toJson($ctx.result)';
const GET_JS = `import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) { return ddb.get({ key: { id: ctx.args.id } }); }
export function response(ctx) { return ctx.result; }`;

const GET_VTL = body('query Get($id: ID!) { getItem(id: $id) { id name count } }', { id: 'item-1' });
const GET_JS_BODY = body('query Get($id: ID!) { getItemJs(id: $id) { id name count } }', { id: 'item-1' });
const PUT_MUTATION =
  'mutation Put($id: ID!, $name: String!, $count: Int) { putItem(id: $id, name: $name, count: $count) { id name count } }';
const PUT = body(PUT_MUTATION, { id: 'item-2', name: 'written', count: 2 });
const SUBSCRIPTION = 'subscription { onPutItem { id name count } }';

/** Where one target answers GraphQL. */
interface Api {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly realtime: RealtimeTarget;
}

interface FanoutResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly serverCpuUsPerMutation: number;
  readonly delivered: number;
  readonly lost: number;
}

async function main(): Promise<void> {
  const began = Date.now();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  const apis = new Map<string, Api>();
  try {
    const nimbus = await startNimbusOfBuild();
    targets.push(nimbus);
    apis.set('nimbus', await createNimbusApi(nimbus.endpoint));
    let simulator: Target | undefined;
    if (simulatorInstalled()) {
      const store = await startNimbusOfBuild('store');
      targets.push(store);
      await createTable(store.endpoint);
      // A peer that cannot start is reported and skipped; Nimbus is still measured against the floor.
      simulator = await startAppSyncSimulator(simulatorConfig(store.endpoint), store).catch((error) => {
        print(`The simulator did not start, so it is skipped: ${(error as Error).message}`);
        return undefined;
      });
    }
    if (simulator) {
      targets.push(simulator);
      apis.set('simulator', {
        url: `${simulator.endpoint}/graphql`,
        headers: { 'content-type': 'application/json', 'x-api-key': SIMULATOR_API_KEY },
        realtime: {
          url: `${simulator.endpoint.replace(/^http/, 'ws')}/graphql/realtime`,
          authorization: { host: simulator.endpoint.slice('http://'.length), 'x-api-key': SIMULATOR_API_KEY },
        },
      });
    } else if (!simulatorInstalled()) {
      print('@aws-amplify/amplify-appsync-simulator not installed (npm run bench:install-peers): skipped.');
    }
    const floor = await startFloor({
      '*': {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { getItem: { id: 'item-1', name: 'bench', count: 1 } } }),
      },
    });
    targets.push(floor);
    apis.set('floor', {
      url: floor.endpoint,
      headers: { 'content-type': 'application/json' },
      realtime: noRealtime,
    });
    const fanoutFloor = await startRealtimeFloor();
    targets.push({ ...fanoutFloor, name: 'fan-out floor' });
    apis.set('fan-out floor', {
      url: fanoutFloor.endpoint,
      headers: { 'content-type': 'application/json' },
      realtime: { url: fanoutFloor.endpoint.replace(/^http/, 'ws'), authorization: {} },
    });
    const compared = targets.filter((target) => ['nimbus', 'simulator', 'floor'].includes(target.name));
    print(
      describeSetup('AppSync benchmark', targets, [
        `Client rounds: ${BUDGET.maxOps} ops or ${BUDGET.maxMs} ms; each cell the median of ${ROUNDS} rounds after a warm-up round.`,
        'Client: fetch (undici, keep-alive) from this process; every answer checked for data.',
        'simulator: @aws-amplify/amplify-appsync-simulator, its DynamoDB data source on `store` (a second Nimbus);',
        '  its server CPU is the simulator process plus the store process. It has no APPSYNC_JS runtime.',
        'floor: bare node:http answering every POST with a fixed GraphQL body.',
        '',
      ]),
    );
    for (const api of apis.values()) await check(api, GET_VTL);
    await check(apis.get('nimbus')!, GET_JS_BODY);
    for (const name of ['nimbus', 'simulator', 'floor'])
      if (apis.has(name)) await check(apis.get(name)!, PUT);

    const operation = (name: string, payload: string): Operation<Api> => ({
      name,
      run: (api) => post(api, payload),
    });
    const suite = (on: readonly Target[], operations: Operation<Api>[]) =>
      runSuite({
        targets: on,
        operations,
        concurrencies: CONCURRENCIES,
        rounds: ROUNDS,
        budgets: { default: BUDGET },
        setUp: async (target) => apis.get(target.name)!,
        log: print,
        verbose: process.env.BENCH_VERBOSE === '1',
      });
    const cells = [
      ...(await suite(compared, [operation('GetItem VTL', GET_VTL), operation('PutItem VTL', PUT)])),
      ...(await suite(
        compared.filter((target) => target.name !== 'simulator'),
        [operation('GetItem JS', GET_JS_BODY)],
      )),
    ];
    print(`\nThrough the client (each cell the median of ${ROUNDS} rounds)\n\n${resultsTable(cells)}`);
    if (simulator) {
      print(`\nNimbus against the simulator\n\n${peerTable(cells, 'nimbus', 'simulator', 1, 'floor')}`);
    }
    print(`\nNimbus against the floor\n\n${floorTable(cells)}`);

    if (wrkAvailable()) {
      print(`\nwrk (1 thread), ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up, per cell`);
      print(
        `\n${await wrkTable(
          compared,
          apis,
          targets.find((target) => target.name === 'store'),
        )}`,
      );
    } else {
      print('\nwrk is not installed (apt-get install wrk): the wrk cells are skipped.');
    }

    print(
      `\nSubscription fan-out: ${SUBSCRIBERS} subscribers, ${MUTATIONS_PER_ROUND} mutations a round, one at a time`,
    );
    const fanoutTargets = targets.filter((target) =>
      ['nimbus', 'simulator', 'fan-out floor'].includes(target.name),
    );
    print(`\n${await fanoutTable(fanoutTargets, apis)}`);
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
  } catch (error) {
    process.stderr.write(
      `AppSync benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    for (const target of targets) await target.stop();
    await stopAllChildren();
  }
}

/** One POST; an HTTP error or an answer without data is a failed op. */
async function post(api: Api, payload: string): Promise<Record<string, unknown>> {
  const response = await fetch(api.url, { method: 'POST', headers: api.headers, body: payload });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: Record<string, unknown> };
  if (response.status !== 200 || !answer.data || Object.values(answer.data)[0] == null) {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  return answer.data;
}

/** Before measuring: the target answers this request with data (else the run stops, saying why). */
async function check(api: Api, payload: string): Promise<void> {
  try {
    await post(api, payload);
  } catch (error) {
    throw new Error(`${api.url} does not answer ${payload}: ${(error as Error).message}`);
  }
}

/** Floor ÷ Nimbus throughput through the client, and Nimbus's server CPU per op ÷ the floor's. */
function floorTable(cells: readonly Cell[]): string {
  const rows = cells
    .filter((cell) => cell.target === 'nimbus')
    .map(({ operation, concurrency, result }) => {
      const floor = findCell(cells, 'floor', operation, concurrency)?.result;
      return [
        operation,
        String(concurrency),
        times(floor ? floor.opsPerSec / result.opsPerSec : Number.NaN, 2),
        num(result.serverCpuUsPerOp),
        num(floor?.serverCpuUsPerOp ?? Number.NaN),
        times(floor ? result.serverCpuUsPerOp / floor.serverCpuUsPerOp : Number.NaN, 2),
      ];
    });
  return formatTable(
    [
      { header: 'operation', align: 'left' },
      { header: 'conc' },
      { header: 'floor ÷ nimbus ops/s' },
      { header: 'nimbus CPU µs/op' },
      { header: 'floor CPU µs/op' },
      { header: 'nimbus ÷ floor CPU' },
    ],
    rows,
  );
}

/** wrk at each concurrency against each target, with its server CPU per request over the measured run (for
 * the simulator, also the part of it its DynamoDB store spent). */
async function wrkTable(
  targets: readonly Target[],
  apis: ReadonlyMap<string, Api>,
  store: Target | undefined,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bench-wrk-'));
  atExit(() => rmSync(dir, { recursive: true, force: true }));
  const rows: string[][] = [];
  const operations: [string, string][] = [
    ['GetItem VTL', GET_VTL],
    ['GetItem JS', GET_JS_BODY],
    ['PutItem VTL', PUT],
  ];
  for (const connections of CONCURRENCIES) {
    for (const [operation, payload] of operations) {
      for (const target of targets) {
        if (operation === 'GetItem JS' && target.name === 'simulator') continue;
        const api = apis.get(target.name)!;
        const script = join(dir, `${target.name}-${operation.replace(/\W/g, '')}.lua`);
        writeFileSync(script, luaPost(api, payload));
        await runWrk(api.url, { connections, seconds: WARMUP_SECONDS, script });
        const cpuBefore = target.child.cpuMs();
        const storeBefore = store?.child.cpuMs() ?? Number.NaN;
        const result = await runWrk(api.url, { connections, seconds: SECONDS, script });
        const requests = result.requestsPerSecond * SECONDS;
        const cpuUs = ((target.child.cpuMs() - cpuBefore) * 1000) / requests;
        const storeUs =
          target.name === 'simulator'
            ? (((store?.child.cpuMs() ?? Number.NaN) - storeBefore) * 1000) / requests
            : Number.NaN;
        rows.push([
          target.name,
          operation,
          String(connections),
          num(result.requestsPerSecond),
          num(result.p50Ms, 2),
          num(result.p99Ms, 2),
          num(cpuUs),
          num(storeUs),
          num(result.errors),
        ]);
        print(
          `  ${target.name} ${operation}, ${connections} connection(s): ${num(result.requestsPerSecond)} req/s`,
        );
      }
    }
  }
  return formatTable(
    [
      { header: 'target', align: 'left' },
      { header: 'operation', align: 'left' },
      { header: 'connections' },
      { header: 'req/s' },
      { header: 'p50 ms' },
      { header: 'p99 ms' },
      { header: 'server CPU µs/req' },
      { header: 'of which store' },
      { header: 'errors' },
    ],
    rows,
  );
}

/** A wrk script sending `payload` as a POST with the target's headers. */
function luaPost(api: Api, payload: string): string {
  const headers = Object.entries(api.headers)
    .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
    .join('\n');
  return `wrk.method = "POST"\nwrk.body = ${JSON.stringify(payload)}\n${headers}\n`;
}

/** Each target's subscribers connected, then rounds interleaving the targets; medians over rounds. */
async function fanoutTable(targets: readonly Target[], apis: ReadonlyMap<string, Api>): Promise<string> {
  const phases = [];
  for (const target of targets) {
    const api = apis.get(target.name)!;
    const fanout = await connectSubscribers(api.realtime);
    phases.push({ target, api, fanout, rounds: [] as number[][], cpu: [] as number[], lost: 0 });
    print(`  ${target.name}: ${SUBSCRIBERS} subscribers connected`);
  }
  let sequence = 0;
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (const phase of phases) {
        const latencies: number[] = [];
        const cpuBefore = phase.target.child.cpuMs();
        for (let i = 0; i < MUTATIONS_PER_ROUND; i++) {
          const id = `fan-${sequence++}`;
          const elapsed = await phase.fanout.mutate(phase.api, id);
          if (round === 0) continue;
          if (elapsed === undefined) phase.lost++;
          else latencies.push(elapsed);
        }
        if (round === 0) continue;
        phase.rounds.push(latencies.sort((a, b) => a - b));
        phase.cpu.push(((phase.target.child.cpuMs() - cpuBefore) * 1000) / MUTATIONS_PER_ROUND);
      }
    }
  } finally {
    for (const phase of phases) phase.fanout.close();
  }
  const results = phases.map((phase): [string, FanoutResult] => {
    const all = phase.rounds.flat().sort((a, b) => a - b);
    return [
      phase.target.name,
      {
        p50Ms: median(phase.rounds.map((latencies) => quantile(latencies, 0.5))),
        p99Ms: quantile(all, 0.99),
        serverCpuUsPerMutation: median(phase.cpu),
        delivered: all.length,
        lost: phase.lost,
      },
    ];
  });
  const nimbus = results.find(([name]) => name === 'nimbus')?.[1];
  return formatTable(
    [
      { header: 'target', align: 'left' },
      { header: 'subscribers' },
      { header: 'p50 ms' },
      { header: 'p99 ms' },
      { header: 'this ÷ nimbus p50' },
      { header: 'server CPU µs/mutation' },
      { header: 'mutations' },
      { header: 'lost' },
    ],
    results.map(([name, result]) => [
      name,
      String(SUBSCRIBERS),
      num(result.p50Ms, 2),
      num(result.p99Ms, 2),
      times(nimbus ? result.p50Ms / nimbus.p50Ms : Number.NaN, 2),
      num(result.serverCpuUsPerMutation),
      num(result.delivered),
      num(result.lost),
    ]),
  );
}

/** SUBSCRIBERS connections, each with one subscription to onPutItem; `mutate` times one mutation's fan-out. */
async function connectSubscribers(target: RealtimeTarget) {
  let waiting: { id: string; remaining: number; done: (at: number) => void } | undefined;
  const onData = (payload: { data?: Record<string, unknown> }) => {
    const item = payload.data?.onPutItem as { id?: string } | undefined;
    if (!waiting || item?.id !== waiting.id) return;
    if (--waiting.remaining === 0) waiting.done(performance.now());
  };
  const subscriptions: Subscription[] = [];
  // Ten at a time: a burst of 100 handshakes is not what is measured.
  for (let i = 0; i < SUBSCRIBERS; i += 10) {
    const batch = Math.min(10, SUBSCRIBERS - i);
    subscriptions.push(
      ...(await Promise.all(Array.from({ length: batch }, () => subscribe(target, SUBSCRIPTION, onData)))),
    );
  }
  return {
    /** ms from sending the mutation to the last subscriber's data message; undefined if some never came. */
    async mutate(api: Api, id: string): Promise<number | undefined> {
      let timer: NodeJS.Timeout | undefined;
      const delivered = new Promise<number | undefined>((resolve) => {
        waiting = { id, remaining: SUBSCRIBERS, done: resolve };
        timer = setTimeout(() => resolve(undefined), FANOUT_TIMEOUT_MS);
      });
      const started = performance.now();
      const answered = post(api, body(PUT_MUTATION, { id, name: 'fan-out', count: 1 })).catch(
        () => undefined,
      );
      const last = await delivered;
      clearTimeout(timer);
      await answered;
      waiting = undefined;
      return last === undefined ? undefined : last - started;
    },
    close: () => {
      for (const subscription of subscriptions) subscription.close();
    },
  };
}

/** The API on Nimbus: the table, the schema, the data source, the three resolvers and an API key. */
async function createNimbusApi(endpoint: string): Promise<Api> {
  await createTable(endpoint);
  const appsync = new AppSyncClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const { graphqlApi } = await appsync.send(
    new CreateGraphqlApiCommand({ name: 'bench', authenticationType: 'API_KEY' }),
  );
  const apiId = graphqlApi!.apiId!;
  await appsync.send(new StartSchemaCreationCommand({ apiId, definition: Buffer.from(SCHEMA) }));
  const status = await appsync.send(new GetSchemaCreationStatusCommand({ apiId }));
  if (status.status !== 'SUCCESS') throw new Error(`schema: ${status.status} ${status.details}`);
  await appsync.send(
    new CreateDataSourceCommand({
      apiId,
      name: 'items',
      type: 'AMAZON_DYNAMODB',
      dynamodbConfig: { tableName: TABLE, awsRegion: REGION },
    }),
  );
  const resolver = (fieldName: string, typeName: string, extra: Record<string, unknown>) =>
    appsync.send(
      new CreateResolverCommand({ apiId, typeName, fieldName, dataSourceName: 'items', ...extra }),
    );
  await resolver('getItem', 'Query', {
    requestMappingTemplate: GET_REQUEST,
    responseMappingTemplate: RESPONSE,
  });
  await resolver('getItemJs', 'Query', {
    runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
    code: GET_JS,
  });
  await resolver('putItem', 'Mutation', {
    requestMappingTemplate: PUT_REQUEST,
    responseMappingTemplate: RESPONSE,
  });
  const { apiKey } = await appsync.send(new CreateApiKeyCommand({ apiId }));
  const url = graphqlApi!.uris!.GRAPHQL!;
  return {
    url,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey!.id! },
    realtime: {
      url: graphqlApi!.uris!.REALTIME!,
      authorization: { host: new URL(url).host, 'x-api-key': apiKey!.id! },
    },
  };
}

/** The table, with the item the queries read. */
async function createTable(endpoint: string): Promise<void> {
  const dynamodb = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  await dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await dynamodb.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: { id: { S: 'item-1' }, name: { S: 'bench' }, count: { N: '1' } },
    }),
  );
}

/** The same schema and VTL resolvers for the simulator, its data source on `storeEndpoint`. */
function simulatorConfig(storeEndpoint: string): unknown {
  return {
    schema: { content: SCHEMA },
    dataSources: [
      {
        type: 'AMAZON_DYNAMODB',
        name: 'items',
        // The loader spreads this into an SDK v3 DynamoDBClient: v3 takes `credentials`, not v2's top-level keys.
        config: { endpoint: storeEndpoint, region: REGION, credentials: CREDENTIALS, tableName: TABLE },
      },
    ],
    // Templates by location, as `amplify mock` configures it.
    mappingTemplates: [
      { path: 'get.req.vtl', content: GET_REQUEST },
      { path: 'put.req.vtl', content: PUT_REQUEST },
      { path: 'res.vtl', content: RESPONSE },
    ],
    resolvers: [
      { typeName: 'Query', fieldName: 'getItem', requestMappingTemplateLocation: 'get.req.vtl' },
      { typeName: 'Mutation', fieldName: 'putItem', requestMappingTemplateLocation: 'put.req.vtl' },
    ].map((resolver) => ({
      ...resolver,
      kind: 'UNIT',
      dataSourceName: 'items',
      responseMappingTemplateLocation: 'res.vtl',
    })),
    appSync: {
      name: 'bench',
      defaultAuthenticationType: { authenticationType: 'API_KEY' },
      apiKey: SIMULATOR_API_KEY,
      additionalAuthenticationProviders: [],
    },
  };
}

const noRealtime: RealtimeTarget = { url: '', authorization: {} };

function body(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

await main();
