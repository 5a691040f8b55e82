// The cost of the opt-in checks per request (src/lib/iam/README.md): SQS SendMessage and DynamoDB GetItem
// with nothing on, with `verifySignatures`, with `iam: 'enforce'` (an IAM user whose policy allows the call,
// so the evaluator and the queue-policy lookup run), and with both; medians of closed-loop rounds and each
// configuration's ratio to "off". Each request is signed once by the SDK v3 (captured, not sent) and then
// replayed over keep-alive node:http (a signature holds for 15 minutes), so the client costs little and the
// server's work is what is measured. The floor is the same replay against a bare node:http server.
// Usage: node dist/bench/iam.bench.js [--seconds N]

import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../src/index.js';
import { runRound, type Summary, summarize } from './lib/measure.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 1.5);
const ROUNDS = 3;
const CONCURRENCY = 8;
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

type Config = { name: string; verifySignatures?: boolean; iam?: 'enforce'; asUser: boolean };
const CONFIGS: Config[] = [
  { name: 'off', asUser: false },
  { name: 'verify-signatures', verifySignatures: true, asUser: true },
  { name: 'iam enforce', iam: 'enforce', asUser: true },
  { name: 'both', verifySignatures: true, iam: 'enforce', asUser: true },
];

interface Captured {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The request an SDK command would send, signed, without sending it. */
async function capture(
  send: (client: { send: (c: never) => Promise<unknown> }) => Promise<unknown>,
  make: (handler: object) => { send: (c: never) => Promise<unknown> },
): Promise<Captured> {
  let captured: Captured | undefined;
  const handler = {
    handle: async (request: {
      path: string;
      query?: Record<string, string>;
      headers: Record<string, string>;
      body?: string | Uint8Array;
    }) => {
      captured = { path: request.path, headers: request.headers, body: Buffer.from(request.body ?? '') };
      throw new Error('captured');
    },
  };
  await send(make(handler)).catch(() => undefined);
  if (!captured) throw new Error('nothing captured');
  return captured;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function replay(port: number, request: Captured): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: request.path,
        headers: { ...request.headers, host: `127.0.0.1:${port}` },
        agent,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

async function measure(op: () => Promise<unknown>): Promise<Summary> {
  await runRound(op, { concurrency: CONCURRENCY, maxOps: 500, maxMs: 1000 });
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++)
    rounds.push(await runRound(op, { concurrency: CONCURRENCY, maxOps: 1e9, maxMs: seconds * 1000 }));
  return summarize(rounds);
}

async function setUp(cloud: Cloud, asUser: boolean) {
  const base = { endpoint: cloud.endpoint, region: 'us-east-1' };
  const iam = new IAMClient({ ...base, credentials: ROOT });
  let credentials = ROOT;
  if (asUser) {
    await iam.send(new CreateUserCommand({ UserName: 'bench' }));
    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'dynamodb:GetItem'], Resource: '*' }],
    };
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'bench',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify(document),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench' }));
    credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  }
  const { QueueUrl } = await new SQSClient({ ...base, credentials: ROOT }).send(
    new CreateQueueCommand({ QueueName: 'bench' }),
  );
  const rootDynamo = new DynamoDBClient({ ...base, credentials: ROOT });
  await rootDynamo.send(
    new CreateTableCommand({
      TableName: 'bench',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await rootDynamo.send(
    new PutItemCommand({ TableName: 'bench', Item: { id: { S: '1' }, v: { S: 'x'.repeat(100) } } }),
  );
  // Signed for the cloud's own host and port, which the replay sends as Host.
  const sqs = await capture(
    (c) => c.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }) as never),
    (requestHandler) => new SQSClient({ ...base, credentials, requestHandler }) as never,
  );
  const dynamo = await capture(
    (c) => c.send(new GetItemCommand({ TableName: 'bench', Key: { id: { S: '1' } } }) as never),
    (requestHandler) => new DynamoDBClient({ ...base, credentials, requestHandler }) as never,
  );
  return { sqs, dynamo };
}

async function floor(requests: {
  sqs: Captured;
  dynamo: Captured;
}): Promise<{ sqs: Summary; dynamo: Summary }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.headers['x-amz-target']?.toString().startsWith('AmazonSQS')
        ? '{"MD5OfMessageBody":"9dd4e461268c8034f5c8564e155c67a6","MessageId":"5fea7756-0ea4-451a-a703-a558b933e274"}'
        : '{"Item":{"id":{"S":"1"}}}';
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const result = {
    sqs: await measure(() => replay(port, requests.sqs)),
    dynamo: await measure(() => replay(port, requests.dynamo)),
  };
  server.close();
  return result;
}

const results: { name: string; sqs: Summary; dynamo: Summary }[] = [];
let lastRequests: { sqs: Captured; dynamo: Captured } | undefined;
for (const config of CONFIGS) {
  const cloud = await startCloud({
    port: 0,
    inMemory: true,
    verifySignatures: config.verifySignatures,
    iam: config.iam,
    log: () => {},
  });
  try {
    const requests = await setUp(cloud, config.asUser);
    lastRequests = requests;
    results.push({
      name: config.name,
      sqs: await measure(() => replay(cloud.port, requests.sqs)),
      dynamo: await measure(() => replay(cloud.port, requests.dynamo)),
    });
    for (const r of [results.at(-1)!])
      if (r.sqs.errors + r.dynamo.errors > 0)
        console.error(config.name, 'errors:', r.sqs.errors, r.dynamo.errors);
    for (const r of [results.at(-1)!])
      if (r.sqs.errors + r.dynamo.errors > 0)
        console.error(config.name, r.sqs.firstError ?? r.dynamo.firstError);
  } finally {
    await cloud.stop();
  }
}
const bare = await floor(lastRequests!);

const off = results[0]!;
// CPU time per request (this process: the cloud and the replaying client) is the measure that survives a
// shared machine; throughput and latency are printed beside it.
const cell = (x: Summary, base: Summary) =>
  `${x.opsPerSec.toFixed(0).padStart(7)} ${x.clientCpuUsPerOp.toFixed(0).padStart(7)} ${(x.clientCpuUsPerOp / base.clientCpuUsPerOp).toFixed(3).padStart(6)}`;
const row = (name: string, s: Summary, d: Summary) =>
  `${name.padEnd(18)} ${cell(s, off.sqs)}   ${cell(d, off.dynamo)}`;
console.log(
  `Signed once by the SDK v3, replayed over node:http; concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${seconds}s (medians)`,
);
console.log('cpu = CPU µs per request in this process (cloud + replay client); cost = cpu / cpu of off');
console.log(`${''.padEnd(18)} ${'SendMessage'.padStart(22)}   ${'GetItem'.padStart(22)}`);
console.log(
  `${'config'.padEnd(18)} ${'ops/s    cpu   cost'.padStart(22)}   ${'ops/s    cpu   cost'.padStart(22)}`,
);
for (const r of results) console.log(row(r.name, r.sqs, r.dynamo));
console.log(row('node:http floor', bare.sqs, bare.dynamo));
