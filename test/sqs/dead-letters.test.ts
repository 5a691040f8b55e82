// Dead-letter queues and redrive through the AWS SDK v3.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('SQS dead-letter queues', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  let counter = 0;
  const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
  /** A source queue with a DLQ after `maxReceiveCount` receives. */
  const pair = async (maxReceiveCount: number, fifo = false) => {
    const suffix = fifo ? '.fifo' : '';
    const base = { ...(fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {}) };
    const dlqName = `dlq${++counter}${suffix}`;
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: dlqName, Attributes: base }));
    const source = await sqs.send(
      new CreateQueueCommand({
        QueueName: `src${counter}${suffix}`,
        Attributes: {
          ...base,
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlqName), maxReceiveCount }),
        },
      }),
    );
    return {
      source: source.QueueUrl!,
      dlq: dlq.QueueUrl!,
      dlqArn: arnOf(dlqName),
      sourceArn: arnOf(`src${counter}${suffix}`),
    };
  };
  const count = async (QueueUrl: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  };
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  it('moves a message to the DLQ when it is received more than maxReceiveCount times', async () => {
    const { source, dlq, sourceArn } = await pair(2);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }),
      );
      assert.equal(Messages?.[0]?.Body, 'poison');
    }
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }));
    assert.equal(third.Messages, undefined);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'] }),
    );
    assert.equal(Messages?.[0]?.MessageId, sent.MessageId);
    assert.equal(Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn, sourceArn);
    assert.equal(Messages?.[0]?.Attributes?.ApproximateReceiveCount, '1');
  });

  it('never returns a message twice in one receive, nor returns one it dead-letters', async () => {
    const { source, dlq } = await pair(1);
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'A' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'B' }));
    // A moves to the DLQ on this receive; B is taken once and, received once, stays in the source.
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0, MaxNumberOfMessages: 10 }),
    );
    assert.deepEqual(
      Messages?.map((m) => m.Body),
      ['B'],
    );
    assert.equal(await count(dlq), 1);
    assert.equal(await count(source), 1);
  });

  it('moves at 1 message a second through a clock advanced ten seconds at once', async () => {
    const { source, dlqArn } = await pair(1);
    for (let i = 0; i < 10; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: `s${i}` }));
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 }));
    cloud.clock.advance(10_000);
    assert.equal(await count(source), 10);
  });

  it('dead-letters FIFO messages and unblocks the rest of their group', async () => {
    const { source, dlq } = await pair(1, true);
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'first', MessageGroupId: 'g' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'second', MessageGroupId: 'g' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
    assert.equal(first.Messages?.[0]?.Body, 'first');
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      next.Messages?.map((m) => m.Body),
      ['second'],
    );
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq }));
    assert.equal(dead.Messages?.[0]?.Body, 'first');
  });

  it('redrives dead letters back to their source queue with a message move task', async () => {
    const { source, dlq, dlqArn } = await pair(1);
    for (let i = 0; i < 3; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: `m${i}` }));
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10 }));
    assert.equal(await count(dlq), 3);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    assert.ok(TaskHandle);
    cloud.clock.advance(1000);
    await waitFor(async () => (await count(source)) === 3);
    assert.equal(await count(dlq), 0);
    const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    assert.equal(Results?.[0]?.Status, 'COMPLETED');
    assert.equal(Results?.[0]?.ApproximateNumberOfMessagesMoved, 3);
    assert.equal(Results?.[0]?.ApproximateNumberOfMessagesToMove, 3);
    assert.equal(Results?.[0]?.TaskHandle, undefined);
  });

  it('moves at MaxNumberOfMessagesPerSecond to a chosen destination and can be cancelled', async () => {
    const { source, dlq, dlqArn } = await pair(1);
    const other = await sqs.send(new CreateQueueCommand({ QueueName: `elsewhere${counter}` }));
    for (let i = 0; i < 5; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: `m${i}` }));
    for (let i = 0; i < 2; i++) {
      await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
      );
    }
    assert.equal(await count(dlq), 5);
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: arnOf(`elsewhere${counter}`),
        MaxNumberOfMessagesPerSecond: 2,
      }),
    );
    await waitFor(async () => (await count(other.QueueUrl!)) === 2);
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })), {
      name: 'InvalidParameterValue',
    });
    const { ApproximateNumberOfMessagesMoved } = await sqs.send(
      new CancelMessageMoveTaskCommand({ TaskHandle }),
    );
    // Two move each second; on a slow machine a second tick may have run before the cancel.
    assert.ok(ApproximateNumberOfMessagesMoved === 2 || ApproximateNumberOfMessagesMoved === 4);
    cloud.clock.advance(5000);
    assert.equal(await count(other.QueueUrl!), ApproximateNumberOfMessagesMoved);
    const { Results } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }),
    );
    assert.equal(Results?.[0]?.Status, 'CANCELLED');
  });

  it('refuses to redrive from a queue that is not a dead-letter queue', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }));
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('plain') })), {
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('absent') })), {
      name: 'ResourceNotFoundException',
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
