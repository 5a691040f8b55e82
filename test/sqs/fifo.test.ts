// FIFO queues through the AWS SDK v3: group ordering, in-flight blocking, deduplication, sequence numbers.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('SQS FIFO queues', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  let counter = 0;
  const newFifo = async (attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: `f${++counter}.fifo`,
        Attributes: { FifoQueue: 'true', ...attributes },
      }),
    );
    return QueueUrl!;
  };
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  it('has FIFO defaults among its attributes', async () => {
    const QueueUrl = await newFifo();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    assert.equal(Attributes?.FifoQueue, 'true');
    assert.equal(Attributes?.ContentBasedDeduplication, 'false');
    assert.equal(Attributes?.DeduplicationScope, 'queue');
    assert.equal(Attributes?.FifoThroughputLimit, 'perQueue');
  });

  it('requires MessageGroupId and a deduplication id (or content-based deduplication)', async () => {
    const QueueUrl = await newFifo();
    await assert.rejects(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })),
      {
        name: 'MissingParameter',
        message: 'The request must contain the parameter MessageGroupId.',
      },
    );
    await assert.rejects(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })),
      {
        name: 'InvalidParameterValue',
        message:
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      },
    );
    await assert.rejects(
      sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ),
      { name: 'InvalidParameterValue' },
    );
  });

  it('delivers a group in order and blocks the group while a message of it is in flight', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true' });
    for (const body of ['a1', 'a2', 'a3'])
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'A' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'b1', MessageGroupId: 'B' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    assert.equal(first.Messages?.[0]?.Body, 'a1');
    // a2 and a3 wait behind a1; group B is free.
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      second.Messages?.map((m) => m.Body),
      ['b1'],
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0]!.ReceiptHandle }));
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      third.Messages?.map((m) => m.Body),
      ['a2', 'a3'],
    );
  });

  it('wakes a long poll when the in-flight head of a group is deleted', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true' });
    for (const body of ['h1', 'h2']) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'H' }));
    }
    const head = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: head.Messages![0]!.ReceiptHandle }));
    const started = Date.now();
    assert.equal((await polling).Messages?.[0]?.Body, 'h2');
    assert.ok(Date.now() - started < 5_000);
  });

  it('redelivers the head of a group, in order, when its visibility timeout expires', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true', VisibilityTimeout: '10' });
    for (const body of ['x1', 'x2'])
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'X' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(first.Messages?.[0]?.Body, 'x1');
    cloud.clock.advance(10_000);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      again.Messages?.map((m) => m.Body),
      ['x1', 'x2'],
    );
  });

  it('drops a duplicate within the 5-minute window, answering with the original message id', async () => {
    const QueueUrl = await newFifo();
    const send = () =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'once',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'dup',
        }),
      );
    const original = await send();
    const duplicate = await send();
    assert.equal(duplicate.MessageId, original.MessageId);
    assert.equal(duplicate.SequenceNumber, original.SequenceNumber);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.equal(Messages?.length, 1);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle }));
    cloud.clock.advance(5 * 60 * 1000);
    const afterWindow = await send();
    assert.notEqual(afterWindow.MessageId, original.MessageId);
  });

  it('deduplicates by content when ContentBasedDeduplication is on', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true' });
    const a = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }));
    const b = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'same', MessageGroupId: 'g' }));
    const c = await sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'different', MessageGroupId: 'g' }),
    );
    assert.equal(a.MessageId, b.MessageId);
    assert.notEqual(a.MessageId, c.MessageId);
  });

  it('scopes deduplication to the message group when DeduplicationScope is messageGroup', async () => {
    const QueueUrl = await newFifo({
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
    const send = (MessageGroupId: string) =>
      sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId, MessageDeduplicationId: 'd' }),
      );
    const a = await send('one');
    const b = await send('two');
    assert.notEqual(a.MessageId, b.MessageId);
  });

  it('issues increasing 20-digit sequence numbers and returns them with group and dedup ids', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true' });
    const first = await sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 's1', MessageGroupId: 'g' }),
    );
    const second = await sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 's2', MessageGroupId: 'g' }),
    );
    assert.match(first.SequenceNumber ?? '', /^\d{20}$/);
    assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'], MaxNumberOfMessages: 10 }),
    );
    assert.equal(Messages?.[0]?.Attributes?.MessageGroupId, 'g');
    assert.equal(Messages?.[0]?.Attributes?.SequenceNumber, first.SequenceNumber);
    assert.match(Messages?.[0]?.Attributes?.MessageDeduplicationId ?? '', /^[0-9a-f]{64}$/);
  });

  it('returns the same messages and receipt handles for a retried ReceiveRequestAttemptId', async () => {
    const QueueUrl = await newFifo({ ContentBasedDeduplication: 'true' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'r1', MessageGroupId: 'g' }));
    const receive = () =>
      sqs.send(new ReceiveMessageCommand({ QueueUrl, ReceiveRequestAttemptId: 'attempt-1' }));
    const first = await receive();
    const retry = await receive();
    assert.equal(retry.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
  });
});
