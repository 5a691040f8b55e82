// Subscription filters: the API's answers and errors, and delivery of matching events to a Lambda function
// (`{"awslogs":{"data": base64(gzip(JSON))}}`), a Kinesis stream and a Firehose stream (the gzip'd JSON,
// after a CONTROL_MESSAGE), including a "log shipper" that receives other functions' own log lines.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteSubscriptionFilterCommand,
  DescribeSubscriptionFiltersCommand,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from '@aws-sdk/client-kinesis';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createForwarder, type Forwarded, type LogsPayload } from './helpers.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cwl-to-streams`;
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

describe('CloudWatch Logs subscription filters', () => {
  let cloud: Cloud;
  let logs: CloudWatchLogsClient;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let seenUrl: string;

  before(async () => {
    cloud = await startTestCloud();
    logs = client(cloud, CloudWatchLogsClient);
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    seenUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'shipped' }))).QueueUrl!;
    await createForwarder(lambda, 'shipper', seenUrl);
  });
  after(() => cloud.stop());

  const group = async (name: string, stream = 'main') => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: stream }));
  };
  const put = (name: string, messages: string[], stream = 'main') =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: stream,
        logEvents: messages.map((message) => ({ timestamp: cloud.clock.now(), message })),
      }),
    );
  /** Payloads the shipper reported, until `count` have arrived (or 15 s have passed). */
  const shipped = async (count: number) => {
    const out: Forwarded[] = [];
    const deadline = Date.now() + 15_000;
    while (out.length < count && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: seenUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const m of Messages) {
        out.push(JSON.parse(m.Body!));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: seenUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    return out;
  };

  it('puts, describes and deletes filters, two per group at most', async () => {
    await group('/app/api');
    const filter = (filterName: string) =>
      logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/app/api',
          filterName,
          filterPattern: 'ERROR',
          destinationArn: fnArn('shipper'),
        }),
      );
    await filter('errors');
    await filter('more');
    // Putting an existing name again replaces it.
    await filter('errors');
    // "Resource limit exceeded." as moto records AWS's answer for a third filter.
    await assert.rejects(filter('third'), {
      name: 'LimitExceededException',
      message: 'Resource limit exceeded.',
    });
    const { subscriptionFilters } = await logs.send(
      new DescribeSubscriptionFiltersCommand({ logGroupName: '/app/api', filterNamePrefix: 'err' }),
    );
    assert.deepEqual(
      subscriptionFilters?.map(({ creationTime, ...rest }) => ({ ...rest, created: typeof creationTime })),
      [
        {
          filterName: 'errors',
          logGroupName: '/app/api',
          filterPattern: 'ERROR',
          destinationArn: fnArn('shipper'),
          distribution: 'ByLogStream',
          applyOnTransformedLogs: false,
          created: 'number',
        },
      ],
    );
    await logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: '/app/api', filterName: 'more' }));
    await assert.rejects(
      logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: '/app/api', filterName: 'more' })),
      { name: 'ResourceNotFoundException', message: 'The specified subscription filter does not exist.' },
    );
    await logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: '/app/api', filterName: 'errors' }));
  });

  it('refuses a missing group, a bad pattern and a function CloudWatch Logs may not invoke', async () => {
    const input = { filterName: 'f', filterPattern: '', destinationArn: fnArn('shipper') };
    await assert.rejects(logs.send(new PutSubscriptionFilterCommand({ logGroupName: '/nope', ...input })), {
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await group('/app/refused');
    await createFunction(lambda, 'private', { 'index.js': 'exports.handler = async () => {};' });
    await assert.rejects(
      logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/app/refused',
          ...input,
          destinationArn: fnArn('private'),
        }),
      ),
      {
        name: 'InvalidParameterException',
        message:
          'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
      },
    );
    await assert.rejects(
      logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/app/refused',
          ...input,
          filterPattern: '{ $.a = ',
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('invokes the function with the gzip’d awslogs payload of the matching events only', async () => {
    await group('/app/orders', 'host-1');
    await logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: '/app/orders',
        filterName: 'errors',
        filterPattern: 'ERROR',
        destinationArn: fnArn('shipper'),
      }),
    );
    await put(
      '/app/orders',
      ['INFO order 1 placed', 'ERROR order 2 failed', 'ERROR order 3 failed'],
      'host-1',
    );
    const [delivery] = await shipped(1);
    assert.deepEqual(delivery!.keys, ['awslogs']);
    const { logEvents, ...rest } = delivery!.payload;
    assert.deepEqual(rest, {
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: '/app/orders',
      logStream: 'host-1',
      subscriptionFilters: ['errors'],
    });
    assert.deepEqual(
      logEvents.map((event) => event.message),
      ['ERROR order 2 failed', 'ERROR order 3 failed'],
    );
    assert.ok(logEvents.every((event) => /^\d{56}$/.test(event.id) && typeof event.timestamp === 'number'));
  });

  it("ships other functions' own log lines to a log shipper subscribed to their groups", async () => {
    for (const name of ['billing', 'search']) {
      await createFunction(lambda, name, {
        'index.js': `exports.handler = async (e) => { console.log(JSON.stringify({ fn: '${name}', correlationId: e.id })); };`,
      });
      await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"id":"c-1"}') }));
      await logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: `/aws/lambda/${name}`,
          filterName: 'ship',
          filterPattern: '"correlationId"',
          destinationArn: fnArn('shipper'),
        }),
      );
      await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{"id":"c-2"}') }));
    }
    const lines = new Set<string>();
    const deadline = Date.now() + 15_000;
    while (
      !(lines.has('/aws/lambda/billing c-2') && lines.has('/aws/lambda/search c-2')) &&
      Date.now() < deadline
    )
      for (const d of await shipped(1))
        for (const event of d.payload.logEvents)
          lines.add(
            `${d.payload.logGroup} ${JSON.parse(event.message.slice(event.message.indexOf('{'))).correlationId}`,
          );
    // What each function logged once its group was subscribed (c-1 too when Lambda's buffered write of it
    // came after the filter: a filter applies to what is ingested after it, as on AWS).
    assert.ok(lines.has('/aws/lambda/billing c-2') && lines.has('/aws/lambda/search c-2'), [...lines].join());
    for (const line of lines) assert.match(line, /^\/aws\/lambda\/(billing|search) c-[12]$/);
  });

  it('puts a control message, then the gzip’d payload, into a Kinesis stream', async () => {
    const kinesis = client(cloud, KinesisClient);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'central-logs', ShardCount: 1 }));
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'central-logs' }),
    );
    await group('/app/kinesis', 'host-2');
    await logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: '/app/kinesis',
        filterName: 'all',
        filterPattern: '',
        destinationArn: StreamDescriptionSummary!.StreamARN!,
        roleArn: ROLE,
      }),
    );
    await put('/app/kinesis', ['line one', 'line two'], 'host-2');
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: 'central-logs',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    let records: LogsPayload[] = [];
    for (let i = 0; i < 100 && records.length < 2; i++) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      records = (page.Records ?? []).map((r) => JSON.parse(gunzipSync(r.Data!).toString()) as LogsPayload);
      if (records.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(records[0]!.messageType, 'CONTROL_MESSAGE');
    assert.match(records[0]!.logEvents[0]!.message, /^CWL CONTROL MESSAGE: Checking health of destination/);
    assert.equal(records[1]!.messageType, 'DATA_MESSAGE');
    assert.equal(records[1]!.logStream, 'host-2');
    assert.deepEqual(
      records[1]!.logEvents.map((event) => event.message),
      ['line one', 'line two'],
    );
  });

  it('puts the gzip’d payload into a Firehose stream, which writes it to S3', async () => {
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'log-archive' }));
    const firehose = client(cloud, FirehoseClient);
    const { DeliveryStreamARN } = await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'log-archive',
        ExtendedS3DestinationConfiguration: {
          BucketARN: 'arn:aws:s3:::log-archive',
          RoleARN: ROLE,
          BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
        },
      }),
    );
    cloud.clock.advance(5_000);
    await group('/app/firehose');
    await logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: '/app/firehose',
        filterName: 'all',
        filterPattern: '',
        destinationArn: DeliveryStreamARN!,
        roleArn: ROLE,
      }),
    );
    await put('/app/firehose', ['archived line']);
    let text = '';
    for (let i = 0; i < 100 && !text.includes('archived line'); i++) {
      cloud.clock.advance(61_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: 'log-archive' }));
      const bodies = await Promise.all(
        Contents.map(async (object) =>
          Buffer.from(
            await (
              await s3.send(new GetObjectCommand({ Bucket: 'log-archive', Key: object.Key }))
            ).Body!.transformToByteArray(),
          ),
        ),
      );
      // Each record is a gzip member; the object is their concatenation.
      text = bodies.map((body) => gunzipSync(body).toString()).join('');
    }
    assert.match(text, /"messageType":"CONTROL_MESSAGE"/);
    assert.match(text, /"logGroup":"\/app\/firehose".*"message":"archived line"/);
  });
});
