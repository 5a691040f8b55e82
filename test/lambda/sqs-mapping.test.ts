// SQS as an event source: batches reach the function, successes are deleted, failures come back after the
// visibility timeout and land in the queue's dead-letter queue after maxReceiveCount.
// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

const ACCOUNT = '000000000000';
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${queue}`;

// Records every body it is given in the `seen` queue; fails on "poison"; reports "partial" as a batch item failure.
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ body: record.body, source: record.eventSource, arn: record.eventSourceARN, count: record.attributes.ApproximateReceiveCount, attr: record.messageAttributes.kind && record.messageAttributes.kind.stringValue }) }));
    if (record.body === 'poison') throw new Error('poisoned');
    if (record.body === 'partial') failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
};`;

describe('Lambda event source mapping: SQS', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let seenUrl: string;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    seenUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'seen' }))).QueueUrl!;
    await createFunction(
      lambda,
      'consumer',
      { 'index.js': HANDLER },
      { environment: { SEEN_URL: seenUrl }, timeout: 5 },
    );
  });
  after(() => cloud.stop());

  const seen = async (count: number) => {
    const bodies: { body: string; count: string; arn: string; source: string; attr?: string }[] = [];
    for (let i = 0; i < 200 && bodies.length < count; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: seenUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      for (const m of Messages ?? []) bodies.push(JSON.parse(m.Body ?? '{}'));
      if (bodies.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return bodies;
  };
  const depth = async (url: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  };
  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${what}`);
  };

  it('delivers messages in SQS event records and deletes them on success', async () => {
    const url = (
      await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '10' } }))
    ).QueueUrl!;
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf('jobs'),
        FunctionName: 'consumer',
        BatchSize: 5,
      }),
    );
    assert.equal(created.State, 'Creating');
    assert.equal(created.BatchSize, 5);
    assert.equal(created.FunctionArn, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:consumer`);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'hello',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    const [record] = await seen(1);
    assert.deepEqual(record, {
      body: 'hello',
      source: 'aws:sqs',
      arn: arnOf('jobs'),
      count: '1',
      attr: 'greeting',
    });
    await waitFor(async () => (await depth(url)) === 0, 'the message to be deleted');
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(got.State, 'Enabled');
    assert.equal(got.LastProcessingResult, 'OK');
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });

  it('returns a failed message to the queue until SQS moves it to the dead-letter queue', async () => {
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'poison-dlq' }))).QueueUrl!;
    const url = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'poisoned',
          Attributes: {
            VisibilityTimeout: '10',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('poison-dlq'), maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl!;
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: arnOf('poisoned'), FunctionName: 'consumer' }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    assert.equal((await seen(1))[0]?.count, '1');
    cloud.clock.advance(10_000);
    assert.equal((await seen(1))[0]?.count, '2');
    cloud.clock.advance(10_000);
    await waitFor(async () => (await depth(dlqUrl)) === 1, 'the message to reach the dead-letter queue');
    assert.equal(await depth(url), 0);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('keeps only the messages reported in batchItemFailures with ReportBatchItemFailures', async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'partial', Attributes: { VisibilityTimeout: '10' } }),
      )
    ).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'fine' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'partial' }));
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf('partial'),
        FunctionName: 'consumer',
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );
    await seen(2);
    await waitFor(async () => (await depth(url)) === 1, 'only the reported failure to remain');
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it('deletes messages that match no filter without invoking the function', async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'filtered', Attributes: { VisibilityTimeout: '10' } }),
      )
    ).QueueUrl!;
    const { UUID } = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: arnOf('filtered'),
        FunctionName: 'consumer',
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] },
      }),
    );
    await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ type: 'refund' }) }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ type: 'order' }) }));
    const records = await seen(1);
    assert.deepEqual(JSON.parse(records[0]!.body), { type: 'order' });
    await waitFor(async () => (await depth(url)) === 0, 'both messages to be gone');
    // Whatever else reaches the function later (a slow machine can redeliver an earlier test's message),
    // the refund never does.
    const later = await seen(1);
    assert.ok(
      !later.some((r) => JSON.parse(r.body).type === 'refund'),
      'the refund never reached the function',
    );
    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'consumer' }));
    assert.ok(listed.EventSourceMappings?.some((m) => m.UUID === UUID));
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });

  it("refuses a missing queue, and a queue whose visibility timeout is shorter than the function's timeout", async () => {
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({ EventSourceArn: arnOf('missing'), FunctionName: 'consumer' }),
      ),
      (e: Error) => e.name === 'InvalidParameterValueException' && /NonExistentQueue/.test(e.message),
    );
    await sqs.send(new CreateQueueCommand({ QueueName: 'short', Attributes: { VisibilityTimeout: '2' } }));
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({ EventSourceArn: arnOf('short'), FunctionName: 'consumer' }),
      ),
      (e: Error) =>
        e.name === 'InvalidParameterValueException' &&
        e.message === 'Queue visibility timeout: 2 seconds is less than Function timeout: 5 seconds',
    );
    await assert.rejects(
      lambda.send(
        new CreateEventSourceMappingCommand({
          EventSourceArn: arnOf('jobs'),
          FunctionName: 'consumer',
          BatchSize: 50,
        }),
      ),
      (e: Error) => e.name === 'InvalidParameterValueException',
    );
  });
});
