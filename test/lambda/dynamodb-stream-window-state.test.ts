// Tumbling windows' state (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html,
// "Aggregation and processing"): a function that returns no `state` has failed ("If the response does not
// contain a state property, Lambda considers this a failed invocation"), and an open window's state
// survives a restart, so the final invocation aggregates every record of the window.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../../src/index.js';
import { receiveMessages, sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { clients } from './dynamodb-stream-helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

describe('DynamoDB stream mappings with tumbling windows', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let ddb: DynamoDBClient;

  before(async () => {
    cloud = await startTestCloud();
    ({ lambda, sqs, dynamodb: ddb } = clients(cloud));
  });
  after(async () => {
    for (const client of [lambda, sqs, ddb]) client.destroy();
    await cloud.stop();
  });

  it('counts an invocation whose response has no state as failed', async () => {
    const failures = (await sqs.send(new CreateQueueCommand({ QueueName: 'window-failures' }))).QueueUrl!;
    const table = await ddb.send(
      new CreateTableCommand({
        TableName: 'windowed',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    await createFunction(lambda, 'stateless', {
      'index.js': 'exports.handler = async () => ({ ok: true });',
    });
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'stateless',
        EventSourceArn: table.TableDescription!.LatestStreamArn!,
        StartingPosition: 'TRIM_HORIZON',
        TumblingWindowInSeconds: 60,
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:window-failures' },
        },
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'windowed', Item: { id: { S: 'a' } } }));
    const [message] = await receiveMessages(sqs, failures, 1, 10);
    assert.ok(message, 'a failure record');
    const record = JSON.parse(message.Body!);
    assert.equal(record.requestContext.condition, 'RetryAttemptsExhausted');
    assert.equal(record.DDBStreamBatchInfo.batchSize, 1);
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID }));
    assert.equal(mapping.LastProcessingResult, 'PROBLEM: Function call failed');
  });

  it('resumes an open window with its state after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-window-restart-'));
    // The same port after the restart: the function's environment holds the queues' URLs.
    let port = 0;
    const open = async () => {
      const started = await startCloud({ port, dataDir, log: () => {} });
      port = Number(new URL(started.endpoint).port);
      return started;
    };
    const options = (c: Cloud) => ({
      endpoint: c.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    });
    const aggregate = `
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      exports.handler = async (event) => {
        let count = (event.state && event.state.count) || 0;
        for (const r of event.Records) count += Number(r.dynamodb.NewImage.v.N);
        const queue = event.isFinalInvokeForWindow ? process.env.TOTALS : process.env.PROGRESS;
        await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: queue, MessageBody: String(count) }));
        return { state: { count } };
      };`;
    const put = (c: DynamoDBClient, id: string, v: number) =>
      c.send(new PutItemCommand({ TableName: 'restarted', Item: { id: { S: id }, v: { N: String(v) } } }));
    let cloud = await open();
    try {
      let db = new DynamoDBClient(options(cloud));
      let queues = sqsClient(cloud);
      const progress = (await queues.send(new CreateQueueCommand({ QueueName: 'progress' }))).QueueUrl!;
      const totals = (await queues.send(new CreateQueueCommand({ QueueName: 'totals' }))).QueueUrl!;
      const table = await db.send(
        new CreateTableCommand({
          TableName: 'restarted',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
      const functions = lambdaClient(cloud);
      await createFunction(
        functions,
        'counter',
        { 'index.js': aggregate },
        { environment: { PROGRESS: progress, TOTALS: totals }, timeout: 10 },
      );
      await functions.send(
        new CreateEventSourceMappingCommand({
          FunctionName: 'counter',
          EventSourceArn: table.TableDescription!.LatestStreamArn!,
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 1,
          TumblingWindowInSeconds: 900,
        }),
      );
      functions.destroy();
      // A 15-minute window, entered one second after it starts, so every write below falls in it.
      cloud.clock.advance(901_000 - (cloud.clock.now() % 900_000));
      await put(db, 'a', 1);
      await put(db, 'b', 2);
      const before = await receiveMessages(queues, progress, 2, 10);
      assert.deepEqual(before.map((m) => m.Body).sort(), ['1', '3']);
      db.destroy();
      queues.destroy();
      await cloud.stop();

      cloud = await open();
      db = new DynamoDBClient(options(cloud));
      queues = sqsClient(cloud);
      await put(db, 'c', 4);
      // The last batch before the stop may come again (its checkpoint may not have been written yet: at
      // least once, as Lambda delivers), but always with the state that preceded it.
      const counts: string[] = [];
      for (let polls = 0; polls < 10 && !counts.includes('7'); polls++) {
        counts.push(...(await receiveMessages(queues, progress, 1, 1)).map((m) => m.Body!));
      }
      assert.ok(counts.includes('7'), `the third write counted on top of the first two: ${counts}`);
      cloud.clock.advance(900_000);
      const [total] = await receiveMessages(queues, totals, 1, 10);
      assert.equal(total?.Body, '7');
      db.destroy();
      queues.destroy();
    } finally {
      await cloud.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
