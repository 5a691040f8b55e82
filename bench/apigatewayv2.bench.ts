// The API Gateway HTTP API benchmark: requests/s and latency percentiles (wrk, 1 thread) of a GET through
// an HTTP API route with a Lambda proxy integration (payload 2.0, a Node.js handler answering a small JSON
// body, its environments warm) and with an HTTP proxy integration (to the loopback floor), against the
// bare node:http floor measured in the same run; at 1 and 16 connections.
// Run: npm run build && node dist/bench/apigatewayv2.bench.js. It reports; it never fails. See bench/README.md.

import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup } from './lib/report.js';
import { formatTable, num } from './lib/table.js';
import { startFloor, startNimbus, type Target } from './lib/targets.js';
import { runWrk, wrkAvailable } from './lib/wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 5;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS) || 2;
const CONNECTIONS = [1, 16];
const BODY = JSON.stringify({ hello: 'world' });
const HANDLER = `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '${BODY}' });`;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!wrkAvailable()) {
    print('wrk is not installed (apt-get install wrk): the benchmark is skipped.');
    return;
  }
  const targets: Target[] = [];
  try {
    const nimbus = await startNimbus();
    targets.push(nimbus);
    const floor = await startFloor({ '*': { headers: { 'content-type': 'application/json' }, body: BODY } });
    targets.push(floor);
    print(
      describeSetup('API Gateway HTTP API benchmark', targets, [
        `Each cell: one wrk run (1 thread) of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up.`,
        'Lambda proxy: GET /lambda, AWS_PROXY payload 2.0 to a Node.js function; HTTP proxy: GET /http/{proxy+},',
        'HTTP_PROXY to the floor; floor: the same GET straight to the bare node:http server.',
        '',
      ]),
    );
    const apiEndpoint = await createApi(nimbus.endpoint, floor.endpoint);
    const urls: [string, string][] = [
      ['floor (node:http)', `${floor.endpoint}/hello`],
      ['HTTP API → HTTP proxy', `${apiEndpoint}/http/hello`],
      ['HTTP API → Lambda proxy', `${apiEndpoint}/lambda`],
    ];
    const rows: string[][] = [];
    for (const connections of CONNECTIONS) {
      for (const [name, url] of urls) {
        const result = await runWrk(url, { connections, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });
        rows.push([
          name,
          String(connections),
          num(result.requestsPerSecond),
          result.p50Ms.toFixed(2),
          result.p99Ms.toFixed(2),
          String(result.errors),
        ]);
        print(`  ${name}, ${connections} connection(s): ${num(result.requestsPerSecond)} req/s`);
      }
    }
    print(
      `\n${formatTable(
        [
          { header: 'path', align: 'left' },
          { header: 'connections' },
          { header: 'req/s' },
          { header: 'p50 ms' },
          { header: 'p99 ms' },
          { header: 'errors' },
        ],
        rows,
      )}`,
    );
  } finally {
    for (const target of targets) await target.stop();
    await stopAllChildren();
  }
}

/** The function, and an API with its two routes on an auto-deploying `$default` stage; its endpoint. */
async function createApi(endpoint: string, floorEndpoint: string): Promise<string> {
  const config = { endpoint, region: 'us-east-1', credentials: CREDENTIALS };
  const lambda = new LambdaClient(config);
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'apigw-bench',
      Runtime: 'nodejs24.x',
      Role: 'arn:aws:iam::000000000000:role/bench',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': new TextEncoder().encode(HANDLER) }) },
    }),
  );
  const api = new ApiGatewayV2Client(config);
  const { ApiId, ApiEndpoint } = await api.send(
    new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP' }),
  );
  const toLambda = await api.send(
    new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn.FunctionArn }),
  );
  const toFloor = await api.send(
    new CreateIntegrationCommand({
      ApiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      IntegrationUri: `${floorEndpoint}/{proxy}`,
      PayloadFormatVersion: '1.0',
    }),
  );
  await api.send(
    new CreateRouteCommand({
      ApiId,
      RouteKey: 'GET /lambda',
      Target: `integrations/${toLambda.IntegrationId}`,
    }),
  );
  await api.send(
    new CreateRouteCommand({
      ApiId,
      RouteKey: 'GET /http/{proxy+}',
      Target: `integrations/${toFloor.IntegrationId}`,
    }),
  );
  await api.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  return ApiEndpoint!;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

await main();
