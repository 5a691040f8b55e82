// SQS messages through the AWS SDK v3: send, receive, visibility, delete, delays, long polling, retention.
// The SDK verifies MD5OfMessageBody and MD5OfMessageAttributes on every send and receive.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('SQS messages', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  let counter = 0;
  const newQueue = async (attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `q${++counter}`, Attributes: attributes }),
    );
    return QueueUrl!;
  };
  const counts = async (QueueUrl: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    return {
      visible: Number(Attributes?.ApproximateNumberOfMessages),
      inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
      delayed: Number(Attributes?.ApproximateNumberOfMessagesDelayed),
    };
  };
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  it('sends and receives a message with attributes whose MD5s match what AWS computes', async () => {
    const QueueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'hello',
        MessageAttributes: {
          city: { DataType: 'String', StringValue: 'Any City' },
          count: { DataType: 'Number', StringValue: '230.000000000000000001' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
          custom: { DataType: 'String.custom', StringValue: 'ü' },
        },
      }),
    );
    assert.equal(sent.MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
    assert.match(sent.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    assert.equal(Messages?.length, 1);
    const [message] = Messages!;
    assert.equal(message?.MessageId, sent.MessageId);
    assert.equal(message?.Body, 'hello');
    assert.equal(message?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(message?.MessageAttributes?.blob?.BinaryValue, new Uint8Array([0, 1, 2, 255]));
    assert.equal(message?.Attributes?.ApproximateReceiveCount, '1');
    assert.equal(message?.Attributes?.SenderId, '000000000000');
    assert.match(message?.Attributes?.SentTimestamp ?? '', /^\d{13}$/);
  });

  it('computes the attribute MD5 from AWS documentation example', async () => {
    // Known digest for a single String attribute, cross-checked with botocore's algorithm.
    const QueueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } },
      }),
    );
    assert.equal(sent.MD5OfMessageAttributes, 'a512aac9938034acb0b3c3d965944bf1');
  });

  it('filters message attributes by name and by prefix', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          'order.id': { DataType: 'String', StringValue: '1' },
          'order.total': { DataType: 'Number', StringValue: '5' },
          other: { DataType: 'String', StringValue: 'y' },
        },
      }),
    );
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['order.*'], VisibilityTimeout: 0 }),
    );
    assert.deepEqual(Object.keys(Messages?.[0]?.MessageAttributes ?? {}).sort(), ['order.id', 'order.total']);
    const plain = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(plain.Messages?.[0]?.MessageAttributes, undefined);
    assert.equal(plain.Messages?.[0]?.MD5OfMessageAttributes, undefined);
    assert.equal(plain.Messages?.[0]?.Attributes, undefined);
  });

  it('hides a received message for its visibility timeout, then delivers it again with a higher receive count', async () => {
    const QueueUrl = await newQueue({ VisibilityTimeout: '30' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(first.Messages?.length, 1);
    assert.deepEqual(await counts(QueueUrl), { visible: 0, inFlight: 1, delayed: 0 });
    const hidden = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(hidden.Messages, undefined);
    cloud.clock.advance(30_000);
    const second = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'] }),
    );
    assert.equal(second.Messages?.[0]?.Body, 'again');
    assert.equal(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount, '2');
    assert.notEqual(second.Messages?.[0]?.ReceiptHandle, first.Messages?.[0]?.ReceiptHandle);
  });

  it('deletes by the latest receipt handle; an older handle succeeds without deleting', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'del' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 5 }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0]!.ReceiptHandle }));
    assert.equal((await counts(QueueUrl)).inFlight, 1);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.Messages![0]!.ReceiptHandle }));
    assert.deepEqual(await counts(QueueUrl), { visible: 0, inFlight: 0, delayed: 0 });
  });

  it('rejects a malformed receipt handle with ReceiptHandleIsInvalid (404)', async () => {
    const QueueUrl = await newQueue();
    await assert.rejects(
      sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })),
      (error: unknown) => {
        assert.equal((error as Error).name, 'ReceiptHandleIsInvalid');
        assert.equal(
          (error as Error).message,
          'The input receipt handle "garbage" is not a valid receipt handle.',
        );
        assert.equal((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode, 404);
        return true;
      },
    );
  });

  it('changes visibility: 0 makes a message visible at once; a message not in flight is refused', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'vis' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const ReceiptHandle = Messages![0]!.ReceiptHandle!;
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 }));
    assert.equal((await counts(QueueUrl)).visible, 1);
    await assert.rejects(
      sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 10 })),
      { name: 'MessageNotInflight' },
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await assert.rejects(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: again.Messages![0]!.ReceiptHandle,
          VisibilityTimeout: 43_201,
        }),
      ),
      { name: 'InvalidParameterValue' },
    );
  });

  it('delays messages by the queue default and by DelaySeconds, counting them as delayed', async () => {
    const QueueUrl = await newQueue({ DelaySeconds: '10' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queue-delay' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'own-delay', DelaySeconds: 60 }));
    assert.deepEqual(await counts(QueueUrl), { visible: 0, inFlight: 0, delayed: 2 });
    cloud.clock.advance(10_000);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
    );
    assert.deepEqual(
      Messages?.map((m) => m.Body),
      ['queue-delay'],
    );
    cloud.clock.advance(50_000);
    const later = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      later.Messages?.map((m) => m.Body),
      ['own-delay'],
    );
  });

  it('long polling returns as soon as a message arrives', async () => {
    const QueueUrl = await newQueue();
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake' }));
    const { Messages } = await polling;
    assert.equal(Messages?.[0]?.Body, 'wake');
    assert.ok(Date.now() - started < 5_000, 'the poll returned before its wait ended');
  });

  it('long polling ends empty when the virtual clock passes the wait time', async () => {
    const QueueUrl = await newQueue();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    cloud.clock.advance(20_000);
    const { Messages } = await polling;
    assert.equal(Messages, undefined);
  });

  it('long polling picks up a delayed message when its delay ends', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 5 }));
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    cloud.clock.advance(5_000);
    const { Messages } = await polling;
    assert.equal(Messages?.[0]?.Body, 'later');
  });

  it('long polling returns a message whose delay ended within the wait when the clock jumps past both', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'jumped', DelaySeconds: 5 }));
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    cloud.clock.advance(60_000);
    assert.equal((await polling).Messages?.[0]?.Body, 'jumped');
  });

  it('long polling wakes when a visibility timeout is shortened', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'shortened' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }));
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: first.Messages![0]!.ReceiptHandle,
        VisibilityTimeout: 1,
      }),
    );
    cloud.clock.advance(1_000);
    assert.equal((await polling).Messages?.[0]?.Body, 'shortened');
  });

  it('rejects control characters in string attribute values as it does in bodies', async () => {
    const QueueUrl = await newQueue();
    await assert.rejects(
      sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageAttributes: { a: { DataType: 'String', StringValue: 'x\u0001y' } },
        }),
      ),
      { name: 'InvalidMessageContents' },
    );
  });

  it('drops messages older than the retention period', async () => {
    const QueueUrl = await newQueue({ MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
    cloud.clock.advance(61_000);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(Messages, undefined);
    assert.equal((await counts(QueueUrl)).visible, 0);
  });

  it('receives up to MaxNumberOfMessages at once', async () => {
    const QueueUrl = await newQueue();
    for (let i = 0; i < 12; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.equal(Messages?.length, 10);
    await assert.rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })), {
      name: 'InvalidParameterValue',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
  });

  it('sends a batch, reporting invalid entries as Failed and the rest as Successful', async () => {
    const QueueUrl = await newQueue();
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'one', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 901 },
          { Id: 'c', MessageBody: '\u0000bad' },
        ],
      }),
    );
    assert.deepEqual(
      result.Successful?.map((entry) => entry.Id),
      ['a'],
    );
    assert.deepEqual(
      result.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault]),
      [
        ['b', 'InvalidParameterValue', true],
        ['c', 'InvalidMessageContents', true],
      ],
    );
  });

  it('validates batches as a whole: empty, too many, repeated and malformed ids', async () => {
    const QueueUrl = await newQueue();
    const batch = (Entries: { Id: string; MessageBody: string }[]) =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    await assert.rejects(batch([]), { name: 'EmptyBatchRequest' });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await assert.rejects(batch(eleven), {
      name: 'TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
    await assert.rejects(
      batch([
        { Id: 'same', MessageBody: 'x' },
        { Id: 'same', MessageBody: 'y' },
      ]),
      { name: 'BatchEntryIdsNotDistinct', message: 'Id same repeated.' },
    );
    await assert.rejects(batch([{ Id: 'not valid!', MessageBody: 'x' }]), { name: 'InvalidBatchEntryId' });
    const big = 'x'.repeat(600_000);
    await assert.rejects(
      batch([
        { Id: 'a', MessageBody: big },
        { Id: 'b', MessageBody: big },
      ]),
      { name: 'BatchRequestTooLong' },
    );
  });

  it('deletes and changes visibility in batches with per-entry results', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: '1', MessageBody: 'a' },
          { Id: '2', MessageBody: 'b' },
        ],
      }),
    );
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.equal(Messages?.length, 2);
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'x', ReceiptHandle: Messages![0]!.ReceiptHandle, VisibilityTimeout: 100 },
          { Id: 'y', ReceiptHandle: 'bogus', VisibilityTimeout: 100 },
        ],
      }),
    );
    assert.deepEqual(
      changed.Successful?.map((e) => e.Id),
      ['x'],
    );
    assert.deepEqual(
      changed.Failed?.map((e) => [e.Id, e.Code]),
      [['y', 'ReceiptHandleIsInvalid']],
    );
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    assert.equal(deleted.Successful?.length, 2);
    assert.deepEqual(await counts(QueueUrl), { visible: 0, inFlight: 0, delayed: 0 });
  });

  it('rejects a message over MaximumMessageSize and accepts one of exactly 1 MiB', async () => {
    const QueueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }));
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) })), {
      name: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    });
    const small = await newQueue({ MaximumMessageSize: '1024' });
    await assert.rejects(
      sqs.send(new SendMessageCommand({ QueueUrl: small, MessageBody: 'x'.repeat(1025) })),
      {
        name: 'InvalidParameterValue',
      },
    );
  });

  it('rejects invalid message attributes with SQS wording', async () => {
    const QueueUrl = await newQueue();
    const send = (MessageAttributes: Record<string, { DataType: string; StringValue?: string }>) =>
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes }));
    await assert.rejects(send({ n: { DataType: 'Number', StringValue: 'abc' } }), {
      name: 'InvalidParameterValue',
      message: "Can't cast the value of message (user) attribute 'n' to a number.",
    });
    await assert.rejects(send({ t: { DataType: 'Text', StringValue: 'abc' } }), {
      name: 'InvalidParameterValue',
    });
    await assert.rejects(send({ 'AWS.x': { DataType: 'String', StringValue: 'abc' } }), {
      name: 'InvalidParameterValue',
    });
    await assert.rejects(send({ e: { DataType: 'String', StringValue: '' } }), {
      name: 'InvalidParameterValue',
    });
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    await assert.rejects(send(eleven), {
      message: 'Number of message attributes [11] exceeds the allowed maximum [10].',
    });
  });

  it('carries AWSTraceHeader as a system attribute with its own MD5', async () => {
    const QueueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'traced',
        MessageSystemAttributes: {
          AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
        },
      }),
    );
    assert.match(sent.MD5OfMessageSystemAttributes ?? '', /^[0-9a-f]{32}$/);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['AWSTraceHeader'] }),
    );
    assert.deepEqual(Messages?.[0]?.Attributes, {
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
    });
  });
});
