// Durability: functions, their code and versions, and asynchronous events accepted with 202 survive
// `kill -9`; the event runs once Nimbus is back.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DeleteFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kill9, startNimbusProcess, TEST_CREDENTIALS } from '../support/helpers.js';
import { createFunction, decodePayload } from './helpers.js';

const WRITER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
exports.handler = async (event) => {
  await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.OUT_URL, MessageBody: event.note }));
  return 'written';
};`;

describe('Lambda durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-lambda-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps functions, versions and accepted events across SIGKILL, and runs the events after restart', async () => {
    const options = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const first = await startNimbusProcess(dataDir);
    let lambda = new LambdaClient(options(first.endpoint));
    let sqs = new SQSClient(options(first.endpoint));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'durable-out' }));
    // The queue URL names the port, which changes with the restart: the function is given the path only.
    const outPath = new URL(QueueUrl!).pathname;
    await createFunction(
      lambda,
      'writer',
      { 'index.js': WRITER.replace('process.env.OUT_URL', `process.env.AWS_ENDPOINT_URL + '${outPath}'`) },
      { timeout: 10 },
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: 'writer' }));
    // Throttled, the accepted event waits in the queue instead of running at once.
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'writer', ReservedConcurrentExecutions: 0 }),
    );
    const accepted = await lambda.send(
      new InvokeCommand({
        FunctionName: 'writer',
        InvocationType: 'Event',
        Payload: JSON.stringify({ note: 'survived' }),
      }),
    );
    assert.equal(accepted.StatusCode, 202);
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      lambda = new LambdaClient(options(second.endpoint));
      sqs = new SQSClient(options(second.endpoint));
      const version1 = await lambda
        .send(new InvokeCommand({ FunctionName: 'writer:1', Payload: JSON.stringify({ note: 'direct' }) }))
        .catch((e: Error) => e);
      assert.ok(
        version1 instanceof Error && version1.name === 'TooManyRequestsException',
        'reserved concurrency survived too',
      );
      await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'writer' }));
      const url = `${second.endpoint}${outPath}`;
      let body: string | undefined;
      for (let i = 0; i < 100 && !body; i++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
        body = Messages?.[0]?.Body;
      }
      assert.equal(body, 'survived');
      const direct = await lambda.send(
        new InvokeCommand({ FunctionName: 'writer:1', Payload: JSON.stringify({ note: 'direct' }) }),
      );
      assert.equal(decodePayload(direct.Payload), 'written', 'the published version still has its code');
    } finally {
      await kill9(second.child);
    }
  });
});
