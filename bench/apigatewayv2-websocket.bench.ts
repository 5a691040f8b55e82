// The API Gateway WebSocket API benchmark: messages per second and round-trip latency percentiles of
// request/answer messages over open connections — through a two-way `$default` route with a MOCK
// integration (template rendered, no function), through a two-way route with a Lambda proxy integration (a
// Node.js function, warm), and against a bare `ws` echo server (the floor) in the same run; 1 and 8
// connections, each sending its next message when the previous answer came. Nimbus runs in this process
// (startCloud), as do the clients and the floor.
// Run: npm run build && node dist/bench/apigatewayv2-websocket.bench.js. It reports; it never fails.

import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import WebSocket, { WebSocketServer } from 'ws';
import { startCloud } from '../src/index.js';
import { formatTable, num, times } from './lib/table.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 3;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS) || 1;
const CONNECTIONS = [1, 8];
const HANDLER = `exports.handler = async (event) => ({ statusCode: 200, body: event.body });`;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

interface Result {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cloud = await startCloud({ port: 0, inMemory: true, log: () => {} });
  const floor = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  floor.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
  );
  await new Promise((resolve) => floor.once('listening', resolve));
  try {
    const address = floor.address() as { port: number };
    const { mock, lambda } = await createApis(cloud.endpoint);
    print('API Gateway WebSocket API benchmark');
    print(
      `Each cell: ${SECONDS} s of round trips after a ${WARMUP_SECONDS} s warm-up; Node ${process.version}.`,
    );
    print('floor: a bare `ws` echo server; MOCK: $default route, MOCK integration, response template;');
    print('Lambda: $default route, AWS_PROXY to a Node.js function answering the body. One process.\n');
    const targets: [string, string][] = [
      ['floor (ws echo)', `ws://127.0.0.1:${address.port}/`],
      ['WebSocket API → MOCK', mock],
      ['WebSocket API → Lambda proxy', lambda],
    ];
    const rows: string[][] = [];
    for (const connections of CONNECTIONS) {
      let floorRate = 0;
      for (const [name, url] of targets) {
        await run(url, connections, WARMUP_SECONDS);
        const result = await run(url, connections, SECONDS);
        if (name.startsWith('floor')) floorRate = result.perSecond;
        rows.push([
          name,
          String(connections),
          num(result.perSecond),
          result.p50Ms.toFixed(2),
          result.p99Ms.toFixed(2),
          times(floorRate / result.perSecond),
        ]);
        print(`  ${name}, ${connections} connection(s): ${num(result.perSecond)} messages/s`);
      }
    }
    print(
      `\n${formatTable(
        [
          { header: 'path', align: 'left' },
          { header: 'connections' },
          { header: 'round trips/s' },
          { header: 'p50 ms' },
          { header: 'p99 ms' },
          { header: 'floor / this' },
        ],
        rows,
      )}`,
    );
  } finally {
    floor.close();
    await cloud.stop();
  }
}

/** `connections` clients, each in a loop of send → wait for the answer, for `seconds`. */
async function run(url: string, connections: number, seconds: number): Promise<Result> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const ws = new WebSocket(url);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let answered: () => void = () => {};
      ws.on('message', () => answered());
      while (performance.now() < until) {
        const started = performance.now();
        await new Promise<void>((resolve) => {
          answered = resolve;
          ws.send('{"action":"ping","n":1}');
        });
        latencies.push(performance.now() - started);
      }
      ws.close();
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** Two WebSocket APIs with a two-way `$default` route each, on an auto-deploying `bench` stage. */
async function createApis(endpoint: string): Promise<{ mock: string; lambda: string }> {
  const config = { endpoint, region: 'us-east-1', credentials: CREDENTIALS };
  const fn = await new LambdaClient(config).send(
    new CreateFunctionCommand({
      FunctionName: 'ws-bench',
      Runtime: 'nodejs24.x',
      Role: 'arn:aws:iam::000000000000:role/bench',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': new TextEncoder().encode(HANDLER) }) },
    }),
  );
  const api = new ApiGatewayV2Client(config);
  const make = async (integration: Record<string, unknown>, template?: string) => {
    const { ApiId, ApiEndpoint } = await api.send(
      new CreateApiCommand({
        Name: 'bench',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      }),
    );
    const { IntegrationId } = await api.send(
      new CreateIntegrationCommand({ ApiId, ...integration } as never),
    );
    if (template) {
      await api.send(
        new CreateIntegrationResponseCommand({
          ApiId,
          IntegrationId,
          IntegrationResponseKey: '$default',
          ResponseTemplates: { $default: template },
        }),
      );
    }
    const { RouteId } = await api.send(
      new CreateRouteCommand({ ApiId, RouteKey: '$default', Target: `integrations/${IntegrationId}` }),
    );
    await api.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
    await api.send(new CreateStageCommand({ ApiId, StageName: 'bench', AutoDeploy: true }));
    return `${ApiEndpoint}/bench`;
  };
  return {
    mock: await make(
      { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' } },
      '{"pong": "$context.connectionId"}',
    ),
    lambda: await make({ IntegrationType: 'AWS_PROXY', IntegrationUri: fn.FunctionArn }),
  };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

await main();
