// One of the architectures Nimbus was built for (shared/seeds, account 001), end to end on one cloud:
// a web client uploads through a presigned URL (the web-service-to-S3 pattern); the upload triggers an
// S3 worker function that splits the file into jobs on an SQS queue; a worker function consumes the queue
// (batches, partial failures, a dead-letter queue for the poison job) and writes results to DynamoDB; the
// table's stream feeds an aggregator tuned with BatchSize and ParallelizationFactor. Every hop is the real
// service over its real protocol, and the functions use the SDK v3 against Nimbus unchanged.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { receiveMessages, sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

const ACCOUNT = '000000000000';
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${queue}`;

// The S3 worker: reads the uploaded CSV and sends one job per line.
const SPLITTER = `
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const s3 = new S3Client({ forcePathStyle: true });
const sqs = new SQSClient({});
exports.handler = async (event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
    const object = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
    const lines = (await object.Body.transformToString()).split('\\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += 10) {
      const entries = lines.slice(i, i + 10).map((line, j) => ({ Id: String(i + j), MessageBody: line }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.JOBS_URL, Entries: entries }));
    }
  }
};`;

// The queue worker: one result item per job, and the user's running total (an item updated in place);
// a job named "poison" fails, alone (ReportBatchItemFailures).
const WORKER = `
const { DynamoDBClient, PutItemCommand, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDBClient({});
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const [user, amount] = record.body.split(',');
    if (user === 'poison') { batchItemFailures.push({ itemIdentifier: record.messageId }); continue; }
    await ddb.send(new PutItemCommand({
      TableName: 'results',
      Item: { pk: { S: 'USER#' + user }, sk: { S: 'JOB#' + record.messageId }, amount: { N: amount } },
    }));
    await ddb.send(new UpdateItemCommand({
      TableName: 'results',
      Key: { pk: { S: 'USER#' + user }, sk: { S: 'TOTAL' } },
      UpdateExpression: 'ADD #total :amount', // TOTAL is one of DynamoDB's reserved words
      ExpressionAttributeNames: { '#total': 'total' },
      ExpressionAttributeValues: { ':amount': { N: amount } },
    }));
  }
  return { batchItemFailures };
};`;

// The stream consumer: reports every change it sees to a FIFO queue, so the reports keep their order.
const AGGREGATOR = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const changes = event.Records.map((r) => ({
    pk: r.dynamodb.Keys.pk.S,
    sk: r.dynamodb.Keys.sk.S,
    total: r.dynamodb.NewImage.total ? Number(r.dynamodb.NewImage.total.N) : undefined,
  }));
  await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify(changes), MessageGroupId: 'seen',
  }));
};`;

describe('the upload pipeline: presigned upload → S3 worker → SQS jobs (DLQ) → DynamoDB → stream aggregator', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let s3: S3Client;
  let ddb: DynamoDBClient;

  before(async () => {
    cloud = await startTestCloud();
    const options = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    s3 = new S3Client({ ...options, forcePathStyle: true });
    ddb = new DynamoDBClient(options);
  });
  after(async () => {
    for (const client of [lambda, sqs, s3, ddb]) client.destroy();
    await cloud.stop();
  });

  it('carries every line of an upload to the aggregator once, and the poison job to the dead-letter queue', async () => {
    // The queues: jobs (with its DLQ after two receives), and what the aggregator saw.
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'jobs-dlq' }))).QueueUrl!;
    const jobsUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'jobs',
          Attributes: {
            VisibilityTimeout: '30',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('jobs-dlq'), maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl!;
    const seenUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'seen.fifo',
          Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
        }),
      )
    ).QueueUrl!;

    // The table (single-table keys) with a stream.
    const table = await ddb.send(
      new CreateTableCommand({
        TableName: 'results',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );

    // The functions and their triggers.
    const splitter = await createFunction(
      lambda,
      'splitter',
      { 'index.js': SPLITTER },
      { environment: { JOBS_URL: jobsUrl }, timeout: 30 },
    );
    await createFunction(lambda, 'worker', { 'index.js': WORKER }, { timeout: 30 });
    await createFunction(
      lambda,
      'aggregator',
      { 'index.js': AGGREGATOR },
      { environment: { SEEN_URL: seenUrl }, timeout: 30 },
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'uploads',
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              LambdaFunctionArn: splitter.FunctionArn!,
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }] } },
            },
          ],
        },
      }),
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf('jobs'),
        FunctionName: 'worker',
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: table.TableDescription!.LatestStreamArn!,
        FunctionName: 'aggregator',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        ParallelizationFactor: 3,
      }),
    );

    // A web client uploads through a presigned PUT URL, as a browser would (no SDK, no credentials).
    const users = ['ana', 'ben', 'cho', 'dev', 'eli'];
    const lines = Array.from({ length: 30 }, (_, i) => `${users[i % users.length]},${i + 1}`);
    lines.splice(17, 0, 'poison,0');
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'uploads', Key: 'batch 1.csv' }), {
      expiresIn: 300,
    });
    const upload = await fetch(url, { method: 'PUT', body: `${lines.join('\n')}\n` });
    assert.equal(upload.status, 200);

    // Every change reaches the aggregator exactly once, through the stream: 30 job items, and the five
    // totals' changes, in order per item even with ParallelizationFactor 3 ("in-order processing at the
    // item (partition and sort key) level", https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html).
    const seen: { pk: string; sk: string; total?: number }[] = [];
    const expected = 30 + 30;
    for (let polls = 0; polls < 60 && seen.length < expected; polls++) {
      // FIFO: a group's next messages come only once the ones received are deleted.
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: seenUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) {
        seen.push(...(JSON.parse(message.Body!) as typeof seen));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: seenUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    const jobs = seen.filter((change) => change.sk.startsWith('JOB#'));
    assert.equal(jobs.length, 30, `the aggregator saw ${jobs.length} job items`);
    assert.equal(new Set(jobs.map((job) => `${job.pk}|${job.sk}`)).size, 30, 'each job item once');
    for (const [n, user] of users.entries()) {
      const totals = seen.filter((c) => c.pk === `USER#${user}` && c.sk === 'TOTAL').map((c) => c.total!);
      const amounts = lines
        .filter((line) => line.startsWith(`${user},`))
        .map((line) => Number(line.split(',')[1]));
      assert.equal(totals.length, amounts.length, `${user}: one change per job`);
      assert.deepEqual(
        totals,
        [...totals].sort((a, b) => a - b),
        `${user}: totals in order`,
      );
      assert.equal(
        totals.at(-1),
        amounts.reduce((sum, amount) => sum + amount, 0),
        `${user} (${n})`,
      );
    }
    const items = await ddb.send(new ScanCommand({ TableName: 'results', Select: 'COUNT' }));
    assert.equal(items.Count, 30 + users.length);

    // The poison job failed alone; after its second receive SQS moves it to the dead-letter queue.
    cloud.clock.advance(31_000);
    cloud.clock.advance(31_000);
    let dead = 0;
    for (let polls = 0; polls < 60 && dead === 0; polls++) {
      const attributes = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      dead = Number(attributes.Attributes?.ApproximateNumberOfMessages);
      if (dead === 0) {
        cloud.clock.advance(31_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    assert.equal(dead, 1, 'the poison job in the dead-letter queue');
    const [poison] = await receiveMessages(sqs, dlqUrl, 1, 1);
    assert.equal(poison?.Body, 'poison,0');
    const left = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: jobsUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    assert.equal(left.Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(left.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
  });
});
