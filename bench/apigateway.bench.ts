// The API Gateway REST API benchmark: requests/s and latency percentiles (wrk, 1 thread) of a GET through
// a REST API method with a MOCK integration (a request template selecting 200 and a response template
// answering a small JSON body) and with a Lambda proxy integration (a Node.js handler answering the same
// body, its environments warm), against the bare node:http floor measured in the same run; at 1 and 16
// connections.
// Run: npm run build && node dist/bench/apigateway.bench.js. It reports; it never fails. See bench/README.md.

import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
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
      describeSetup('API Gateway REST API benchmark', targets, [
        `Each cell: one wrk run (1 thread) of ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up.`,
        'MOCK: GET /mock, a MOCK integration with request and response templates; Lambda proxy: GET /lambda,',
        'AWS_PROXY to a Node.js function; floor: the same GET straight to the bare node:http server.',
        '',
      ]),
    );
    const stageUrl = await createApi(nimbus.endpoint);
    const urls: [string, string][] = [
      ['floor (node:http)', `${floor.endpoint}/hello`],
      ['REST API → MOCK', `${stageUrl}/mock`],
      ['REST API → Lambda proxy', `${stageUrl}/lambda`],
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

/** The function, and a REST API with its two methods deployed to the `bench` stage; the stage's URL. */
async function createApi(endpoint: string): Promise<string> {
  const config = { endpoint, region: 'us-east-1', credentials: CREDENTIALS };
  const lambda = new LambdaClient(config);
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'apigw-rest-bench',
      Runtime: 'nodejs24.x',
      Role: 'arn:aws:iam::000000000000:role/bench',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': new TextEncoder().encode(HANDLER) }) },
    }),
  );
  const apigw = new APIGatewayClient(config);
  const { id: restApiId, rootResourceId } = await apigw.send(new CreateRestApiCommand({ name: 'bench' }));
  const mock = await apigw.send(
    new CreateResourceCommand({ restApiId, parentId: rootResourceId, pathPart: 'mock' }),
  );
  const proxy = await apigw.send(
    new CreateResourceCommand({ restApiId, parentId: rootResourceId, pathPart: 'lambda' }),
  );
  const get = (resourceId: string | undefined) => ({ restApiId, resourceId, httpMethod: 'GET' });
  await apigw.send(new PutMethodCommand({ ...get(mock.id), authorizationType: 'NONE' }));
  await apigw.send(
    new PutIntegrationCommand({
      ...get(mock.id),
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }),
  );
  await apigw.send(
    new PutIntegrationResponseCommand({
      ...get(mock.id),
      statusCode: '200',
      responseTemplates: { 'application/json': BODY },
    }),
  );
  await apigw.send(new PutMethodCommand({ ...get(proxy.id), authorizationType: 'NONE' }));
  await apigw.send(
    new PutIntegrationCommand({
      ...get(proxy.id),
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn.FunctionArn}/invocations`,
    }),
  );
  await apigw.send(new CreateDeploymentCommand({ restApiId, stageName: 'bench' }));
  return `${endpoint}/_nimbus/execute-api/${restApiId}/bench`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

await main();
