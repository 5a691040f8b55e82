// A DynamoDB stream mapping with tumbling windows and BisectBatchOnFunctionError: the halves of a failing
// batch belong to its window, so each is invoked with the window's members (window, state, shardId,
// eventSourceARN, isFinalInvokeForWindow, isWindowTerminatedEarly) as the whole batch was, and the state
// a successful half returns is carried to the next invocation and to the window's final one.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

// Reports each invocation (its keys and window members) to a FIFO queue, so they are read in order;
// fails when a record's pk is `d`; otherwise counts the records seen in the window, in `state`.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event, context) => {
  const { Records, ...members } = event;
  const keys = Records.map((r) => r.dynamodb.Keys.pk.S);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ keys, ...members }), MessageGroupId: 'g', MessageDeduplicationId: context.awsRequestId }));
  if (keys.includes('d')) throw new Error('failing record');
  return { state: { count: ((event.state && event.state.count) || 0) + keys.length } };
};`;

interface Invocation {
  keys: string[];
  window?: { start: string; end: string };
  state?: { count?: number };
  shardId?: string;
  eventSourceARN?: string;
  isFinalInvokeForWindow?: boolean;
  isWindowTerminatedEarly?: boolean;
}

describe('DynamoDB stream mappings: bisected batches in a tumbling window', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let dynamodb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    dynamodb = client(cloud, DynamoDBClient);
  });
  after(() => cloud.stop());

  async function receive(queueUrl: string, count: number): Promise<Invocation[]> {
    const out: Invocation[] = [];
    for (let i = 0; i < 400 && out.length < count; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
      );
      // Deleted once read: a FIFO group hands out nothing more while a message of it is in flight.
      for (const m of Messages ?? []) {
        out.push(JSON.parse(m.Body ?? '{}') as Invocation);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
      if (out.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  }

  it('invokes each half with the window, its shard and the state so far', async () => {
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: 'bisect-window',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const streamArn = TableDescription!.LatestStreamArn!;
    const seen = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'bisect-window-seen.fifo', Attributes: { FifoQueue: 'true' } }),
      )
    ).QueueUrl!;
    await createFunction(
      lambda,
      'on-bisect-window',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seen }, timeout: 10 },
    );
    // Windows are aligned on whole minutes: start one second into a minute, so the writes share one.
    cloud.clock.advance(61_000 - (cloud.clock.now() % 60_000));
    for (const pk of ['a', 'b', 'c', 'd'])
      await dynamodb.send(new PutItemCommand({ TableName: 'bisect-window', Item: { pk: { S: pk } } }));
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: streamArn,
        FunctionName: 'on-bisect-window',
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 4,
        MaximumRetryAttempts: 0,
        BisectBatchOnFunctionError: true,
        TumblingWindowInSeconds: 60,
      }),
    );
    // [a b c d] fails and is split: [a b] succeeds, [c d] fails and is split again: [c] succeeds, [d]
    // fails and, with no retries left, is given up on.
    const invocations = await receive(seen, 5);
    assert.deepEqual(
      invocations.map((i) => i.keys),
      [['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']],
    );
    const [first] = invocations;
    assert.match(first!.window!.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    assert.equal(Date.parse(first!.window!.end) - Date.parse(first!.window!.start), 60_000);
    assert.match(String(first!.shardId), /^shardId-\d{20}-[0-9a-f]{8}$/);
    for (const invocation of invocations) {
      assert.deepEqual(invocation.window, first!.window, `the window of ${invocation.keys}`);
      assert.equal(invocation.shardId, first!.shardId);
      assert.equal(invocation.eventSourceARN, streamArn);
      assert.equal(invocation.isFinalInvokeForWindow, false);
      assert.equal(invocation.isWindowTerminatedEarly, false);
    }
    // A failed invocation returns no state: the next one gets what the last successful one returned.
    assert.deepEqual(
      invocations.map((i) => i.state),
      [{}, {}, { count: 2 }, { count: 2 }, { count: 3 }],
    );
    // Once the window's minute is over, its final invocation gets the state the halves built.
    cloud.clock.advance(60_000);
    const [final] = await receive(seen, 1);
    assert.deepEqual(final?.keys, []);
    assert.equal(final?.isFinalInvokeForWindow, true);
    assert.deepEqual(final?.window, first!.window);
    assert.deepEqual(final?.state, { count: 3 });
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });
});
