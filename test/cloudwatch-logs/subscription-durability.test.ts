// Durability of subscription deliveries: a batch PutLogEvents acknowledged, whose destination is refusing it,
// is in SQLite when the process is killed with SIGKILL, and reaches the function once it is back after the
// restart — queued in the events' own transaction and retried on the clock, never held in memory.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand, DeleteFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import Database from 'better-sqlite3';
import { createFunction } from '../lambda/helpers.js';
import { client, kill9, receiveMessages, startNimbusProcess } from '../support/helpers.js';

const SHIPPER = `
const zlib = require('zlib');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
// The queue URL is built from the endpoint: the restarted cloud listens on another port.
exports.handler = async (event) => {
  const body = zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString();
  const QueueUrl = process.env.AWS_ENDPOINT_URL + '/000000000000/seen';
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
};`;

describe('subscription delivery durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-logs-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The shipper function and its permission for CloudWatch Logs, in the cloud at `endpoint`. */
  const deployShipper = async (endpoint: string) => {
    const lambda = client(endpoint, LambdaClient);
    await createFunction(lambda, 'shipper', { 'index.js': SHIPPER });
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'shipper',
        StatementId: 'logs',
        Action: 'lambda:InvokeFunction',
        Principal: 'logs.amazonaws.com',
      }),
    );
    return lambda;
  };

  it('keeps a queued batch across SIGKILL and delivers it after the restart', async () => {
    const first = await startNimbusProcess(dataDir);
    try {
      await client(first.endpoint, SQSClient).send(new CreateQueueCommand({ QueueName: 'seen' }));
      const lambda = await deployShipper(first.endpoint);
      const logs = client(first.endpoint, CloudWatchLogsClient);
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/durable' }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/durable', logStreamName: 'main' }));
      await logs.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/app/durable',
          filterName: 'ship',
          filterPattern: '',
          destinationArn: 'arn:aws:lambda:us-east-1:000000000000:function:shipper',
        }),
      );
      // With the function gone, each attempt is refused and the batch waits, retried with backoff.
      await lambda.send(new DeleteFunctionCommand({ FunctionName: 'shipper' }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: '/app/durable',
          logStreamName: 'main',
          logEvents: [{ timestamp: Date.now(), message: 'survives kill -9' }],
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await kill9(first.child);
    }

    // What the killed process left on disk: the batch, still queued.
    const db = new Database(join(dataDir, 'state.db'));
    const queued = db
      .prepare(
        "SELECT COUNT(*) AS n FROM logs_subscription_deliveries WHERE payload LIKE '%survives kill -9%'",
      )
      .get() as { n: number };
    db.close();
    assert.equal(queued.n, 1);

    const second = await startNimbusProcess(dataDir);
    try {
      await deployShipper(second.endpoint);
      const sqs = client(second.endpoint, SQSClient);
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'seen' }));
      // The retry backoff is at most a few seconds this early on.
      const [message] = await receiveMessages(sqs, QueueUrl!, 1, 30);
      assert.ok(message, 'the queued batch never arrived');
      const document = JSON.parse(message.Body!);
      assert.deepEqual(
        [
          document.logGroup,
          document.subscriptionFilters,
          document.logEvents.map((e: { message: string }) => e.message),
        ],
        ['/app/durable', ['ship'], ['survives kill -9']],
      );
    } finally {
      await kill9(second.child);
    }
  });
});
