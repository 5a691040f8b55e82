// Put-to-handler latency of Lambda's stream mappings: how long after a PutRecord (Kinesis) or PutItem
// (DynamoDB with a stream) is sent does a warm function receive the record, on Nimbus as users run it
// (`nimbus start`, file-backed). The function posts each record's send time to an HTTP server in this
// process, so the figure is one clock's difference, without a queue in between. Records go one at a time,
// each after the previous has arrived, so every sample starts from an idle poller. AWS polls each shard
// once a second (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html: "Lambda reads records …
// at a base rate of once per second"); there is no local peer with Kinesis → Lambda to compare with, so the
// table holds that figure as the reference.
// Run: npm run bench:stream-latency. It reports; it never fails. See bench/README.md.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { stopAllChildren } from './lib/processes.js';
import { startNimbus, type Target } from './lib/targets.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES) || 200;
const WARM_UP = 5;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

// Reports each record's `sent` time (carried in the record) to the bench's server.
const HANDLER = `
exports.handler = async (event) => {
  for (const r of event.Records) {
    const body = r.kinesis ? Buffer.from(r.kinesis.data, 'base64').toString() : r.dynamodb.NewImage.body.S;
    await fetch(process.env.REPORT_URL, { method: 'POST', body });
  }
};`;

interface Arrivals {
  url: string;
  next(): Promise<number>;
  close(): void;
}

/** An HTTP server that resolves each arrival with its latency (now − the `sent` it carries). */
async function arrivals(): Promise<Arrivals> {
  const waiting: ((latency: number) => void)[] = [];
  const early: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const latency = performance.timeOrigin + performance.now() - JSON.parse(body).sent;
      response.end();
      const resolve = waiting.shift();
      if (resolve) resolve(latency);
      else early.push(latency);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    next: () => {
      const ready = early.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => server.close(),
  };
}

async function measure(send: (body: string) => Promise<unknown>, report: Arrivals): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const arrived = report.next();
    await send(JSON.stringify({ sent: performance.timeOrigin + performance.now(), i }));
    const latency = await arrived;
    if (i >= WARM_UP) latencies.push(latency);
  }
  return latencies;
}

async function kinesisSource(target: Target, lambda: LambdaClient) {
  const kinesis = new KinesisClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  await kinesis.send(new CreateStreamCommand({ StreamName: 'latency', ShardCount: 1 }));
  const { StreamDescriptionSummary } = await kinesis.send(
    new DescribeStreamSummaryCommand({ StreamName: 'latency' }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: StreamDescriptionSummary!.StreamARN!,
      FunctionName: 'on-kinesis',
      StartingPosition: 'LATEST',
      BatchSize: 1,
    }),
  );
  return (body: string) =>
    kinesis.send(new PutRecordCommand({ StreamName: 'latency', PartitionKey: 'k', Data: Buffer.from(body) }));
}

async function dynamodbSource(target: Target, lambda: LambdaClient) {
  const dynamodb = new DynamoDBClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  const { TableDescription } = await dynamodb.send(
    new CreateTableCommand({
      TableName: 'latency',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: TableDescription!.LatestStreamArn!,
      FunctionName: 'on-dynamodb',
      StartingPosition: 'LATEST',
      BatchSize: 1,
    }),
  );
  let n = 0;
  return (body: string) =>
    dynamodb.send(
      new PutItemCommand({ TableName: 'latency', Item: { pk: { S: `k${n++}` }, body: { S: body } } }),
    );
}

async function main(): Promise<void> {
  const report = await arrivals();
  const nimbus = await startNimbus();
  try {
    const lambda = new LambdaClient({
      endpoint: nimbus.endpoint,
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
    const code = zipSync({ 'index.js': new TextEncoder().encode(HANDLER) });
    for (const name of ['on-kinesis', 'on-dynamodb'])
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Role: 'arn:aws:iam::000000000000:role/bench',
          Handler: 'index.handler',
          Code: { ZipFile: code },
          Environment: { Variables: { REPORT_URL: report.url } },
        }),
      );
    const rows: string[] = [];
    for (const [name, source] of [
      ['Kinesis PutRecord', kinesisSource],
      ['DynamoDB PutItem (stream)', dynamodbSource],
    ] as const) {
      const send = await source(nimbus, lambda);
      const latencies = (await measure(send, report)).sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
      rows.push(
        `| ${name} | ${SAMPLES} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} | ${at(1).toFixed(1)} |`,
      );
    }
    print('Put-to-handler latency of a stream mapping (warm function, BatchSize 1, one record at a time)');
    print('');
    print('| source | samples | p50 ms | p99 ms | max ms |');
    print('| :----- | ------: | -----: | -----: | -----: |');
    for (const row of rows) print(row);
    print('| AWS, inferred from its one poll a second per shard | – | ~500 | ~1000 | – |');
  } finally {
    report.close();
    await nimbus.stop();
    await stopAllChildren();
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  await stopAllChildren();
  process.exitCode = 1;
});
