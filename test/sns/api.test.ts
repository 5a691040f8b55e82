// SNS through the AWS SDK v3: topics, subscriptions, filter policies, and fan-out to SQS.
// Delivery is asynchronous (after Publish answers), so tests wait with short SQS long polls, not sleeps.
// Expected answers cite https://docs.aws.amazon.com/sns/latest/api/ and the SNS developer guide.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import {
  client,
  rawRequest,
  receiveMessages,
  sigv4Header,
  sqsClient,
  startTestCloud,
} from '../support/helpers.js';

describe('SNS', () => {
  let cloud: Cloud;
  let sns: SNSClient;
  let sqs: SQSClient;
  let counter = 0;

  const newTopic = async (attributes: Record<string, string> = {}, fifo = false) => {
    const Name = `t${++counter}${fifo ? '.fifo' : ''}`;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name, Attributes: attributes }));
    return TopicArn!;
  };
  const newQueue = async (fifo = false) => {
    const QueueName = `q${++counter}${fifo ? '.fifo' : ''}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName, Attributes: fifo ? { FifoQueue: 'true' } : {} }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  };
  const subscribeQueue = async (TopicArn: string, queueArn: string, Attributes?: Record<string, string>) => {
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes }),
    );
    return SubscriptionArn!;
  };
  const receive = (QueueUrl: string, expected = 1, maxPolls = 5) =>
    receiveMessages(sqs, QueueUrl, expected, maxPolls);
  /** What is in the queue right now, without waiting. */
  const receiveNow = async (QueueUrl: string): Promise<Message[]> => {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    return Messages ?? [];
  };
  const rejects = (promise: Promise<unknown>, name: string, message: string | RegExp) =>
    assert.rejects(promise, (error: Error) => {
      assert.equal(error.name, name);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    });

  before(async () => {
    cloud = await startTestCloud();
    sns = client(cloud, SNSClient);
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  describe('topics', () => {
    it('creates topics idempotently and shows AWS default attributes', async () => {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
      assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:orders');
      const again = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
      assert.equal(again.TopicArn, TopicArn);
      const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      assert.equal(Attributes?.TopicArn, TopicArn);
      assert.equal(Attributes?.Owner, '000000000000');
      assert.equal(Attributes?.DisplayName, '');
      assert.equal(Attributes?.SubscriptionsConfirmed, '0');
      assert.equal(Attributes?.SubscriptionsPending, '0');
      assert.equal(Attributes?.SubscriptionsDeleted, '0');
      const policy = JSON.parse(Attributes!.Policy!);
      assert.equal(policy.Statement[0].Resource, TopicArn);
      assert.ok(JSON.parse(Attributes!.EffectiveDeliveryPolicy!).http);
    });

    it('refuses to re-create a topic with different attributes', async () => {
      await sns.send(new CreateTopicCommand({ Name: 'same', Attributes: { DisplayName: 'a' } }));
      await rejects(
        sns.send(new CreateTopicCommand({ Name: 'same', Attributes: { DisplayName: 'b' } })),
        'InvalidParameterException',
        'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
      );
    });

    it('creates FIFO topics, which need the .fifo suffix and FifoTopic', async () => {
      const TopicArn = await newTopic({ FifoTopic: 'true', ContentBasedDeduplication: 'true' }, true);
      const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      assert.equal(Attributes?.FifoTopic, 'true');
      assert.equal(Attributes?.ContentBasedDeduplication, 'true');
      await rejects(
        sns.send(new CreateTopicCommand({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } })),
        'InvalidParameterException',
        /^Invalid parameter: Fifo Topic names must end with \.fifo/,
      );
      await rejects(
        sns.send(new CreateTopicCommand({ Name: 'plain.fifo' })),
        'InvalidParameterException',
        'Invalid parameter: Topic Name',
      );
    });

    it('sets attributes, and deletes topics idempotently', async () => {
      const TopicArn = await newTopic();
      await sns.send(
        new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Hi' }),
      );
      const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      assert.equal(Attributes?.DisplayName, 'Hi');
      await rejects(
        sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Bogus', AttributeValue: 'x' })),
        'InvalidParameterException',
        'Invalid parameter: AttributeName',
      );
      await sns.send(new DeleteTopicCommand({ TopicArn }));
      await sns.send(new DeleteTopicCommand({ TopicArn }));
      await rejects(
        sns.send(new GetTopicAttributesCommand({ TopicArn })),
        'NotFoundException',
        'Topic does not exist',
      );
    });

    it('lists topics in pages of 100 with NextToken', async () => {
      const other = client(cloud, SNSClient, { region: 'eu-west-1' });
      for (let i = 0; i < 105; i++) await other.send(new CreateTopicCommand({ Name: `page${i}` }));
      const first = await other.send(new ListTopicsCommand({}));
      assert.equal(first.Topics?.length, 100);
      assert.ok(first.NextToken);
      const second = await other.send(new ListTopicsCommand({ NextToken: first.NextToken }));
      assert.equal(second.Topics?.length, 5);
      assert.equal(second.NextToken, undefined);
      assert.equal(second.Topics?.at(-1)?.TopicArn, 'arn:aws:sns:eu-west-1:000000000000:page104');
    });

    it('tags and untags topics', async () => {
      const ResourceArn = await newTopic();
      await sns.send(
        new TagResourceCommand({
          ResourceArn,
          Tags: [
            { Key: 'team', Value: 'a' },
            { Key: 'env', Value: 'dev' },
          ],
        }),
      );
      await sns.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['env'] }));
      const { Tags } = await sns.send(new ListTagsForResourceCommand({ ResourceArn }));
      assert.deepEqual(Tags, [{ Key: 'team', Value: 'a' }]);
      await rejects(
        sns.send(new ListTagsForResourceCommand({ ResourceArn: `${ResourceArn}-gone` })),
        'ResourceNotFoundException',
        'Resource does not exist',
      );
    });
  });

  describe('subscriptions', () => {
    it('confirms SQS subscriptions at once and leaves HTTP and email ones pending', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      const arn = await subscribeQueue(TopicArn, queue.arn);
      assert.ok(arn.startsWith(`${TopicArn}:`));
      assert.equal(await subscribeQueue(TopicArn, queue.arn), arn, 'subscribing again is idempotent');
      const http = await sns.send(
        new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' }),
      );
      assert.equal(http.SubscriptionArn, 'pending confirmation');
      const email = await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'email',
          Endpoint: 'a@example.com',
          ReturnSubscriptionArn: true,
        }),
      );
      assert.ok(email.SubscriptionArn?.startsWith(`${TopicArn}:`));
      const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
      assert.deepEqual(
        Subscriptions?.map((s) => [s.Protocol, s.SubscriptionArn === 'PendingConfirmation']),
        [
          ['sqs', false],
          ['https', true],
          ['email', true],
        ],
      );
      const topic = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      assert.equal(topic.Attributes?.SubscriptionsConfirmed, '1');
      assert.equal(topic.Attributes?.SubscriptionsPending, '2');

      const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
      assert.equal(Attributes?.Protocol, 'sqs');
      assert.equal(Attributes?.Endpoint, queue.arn);
      assert.equal(Attributes?.PendingConfirmation, 'false');
      assert.equal(Attributes?.RawMessageDelivery, 'false');
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: arn }));
      await rejects(
        sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })),
        'NotFoundException',
        'Subscription does not exist',
      );
      const after = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      assert.equal(after.Attributes?.SubscriptionsDeleted, '1');
    });

    it('rejects bad protocols, endpoints and filter policies with AWS wording', async () => {
      const TopicArn = await newTopic();
      await rejects(
        sns.send(new SubscribeCommand({ TopicArn, Protocol: 'carrier-pigeon', Endpoint: 'x' })),
        'InvalidParameterException',
        'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
      );
      await rejects(
        sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'not-an-arn' })),
        'InvalidParameterException',
        'Invalid parameter: SQS endpoint ARN',
      );
      const queue = await newQueue();
      await rejects(
        subscribeQueue(TopicArn, queue.arn, { FilterPolicy: '{"a": "b"}' }),
        'InvalidParameterException',
        'Invalid parameter: Attributes Reason: FilterPolicy: "a" must be an object or an array',
      );
      const arn = await subscribeQueue(TopicArn, queue.arn);
      await rejects(
        sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: arn,
            AttributeName: 'FilterPolicy',
            AttributeValue: '{"a": "b"}',
          }),
        ),
        'InvalidParameterException',
        'Invalid parameter: FilterPolicy: "a" must be an object or an array',
      );
    });

    it('answers NotFound for an unknown topic and InvalidParameter for a malformed ARN', async () => {
      await rejects(
        sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' })),
        'NotFoundException',
        'Topic does not exist',
      );
      await rejects(
        sns.send(new PublishCommand({ TopicArn: 'nope', Message: 'x' })),
        'InvalidParameterException',
        'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
      );
    });
  });

  describe('delivery to SQS', () => {
    it('fans out to every subscribed queue in AWS envelope', async () => {
      const TopicArn = await newTopic();
      const [a, b] = [await newQueue(), await newQueue()];
      const subA = await subscribeQueue(TopicArn, a.arn);
      await subscribeQueue(TopicArn, b.arn);
      const { MessageId } = await sns.send(
        new PublishCommand({
          TopicArn,
          Message: 'hello',
          Subject: 'greeting',
          MessageAttributes: {
            color: { DataType: 'String', StringValue: 'red' },
            size: { DataType: 'Number', StringValue: '3' },
            raw: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]) },
          },
        }),
      );
      const [fromA] = await receive(a.url);
      const [fromB] = await receive(b.url);
      assert.ok(fromA && fromB);
      const envelope = JSON.parse(fromA.Body!);
      assert.equal(envelope.Type, 'Notification');
      assert.equal(envelope.MessageId, MessageId);
      assert.equal(envelope.TopicArn, TopicArn);
      assert.equal(envelope.Subject, 'greeting');
      assert.equal(envelope.Message, 'hello');
      assert.match(envelope.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(envelope.SignatureVersion, '1');
      assert.match(envelope.Signature, /^[A-Za-z0-9+/]+=*$/);
      assert.match(envelope.SigningCertURL, /^https:\/\/sns\.us-east-1\.amazonaws\.com\/.*\.pem$/);
      assert.ok(envelope.UnsubscribeURL.includes(encodeURIComponent(subA)));
      assert.deepEqual(envelope.MessageAttributes, {
        color: { Type: 'String', Value: 'red' },
        size: { Type: 'Number', Value: '3' },
        raw: { Type: 'Binary', Value: 'AQI=' },
      });
      assert.equal(
        fromA.MessageAttributes,
        undefined,
        'attributes ride in the envelope, not on the SQS message',
      );
      assert.equal(JSON.parse(fromB.Body!).MessageId, MessageId);
      const plain = await sns.send(new PublishCommand({ TopicArn, Message: 'no subject' }));
      const [next] = await receive(a.url);
      const second = JSON.parse(next!.Body!);
      assert.equal(second.MessageId, plain.MessageId);
      assert.equal('Subject' in second, false, 'Subject appears only when given');
      assert.equal('MessageAttributes' in second, false);
    });

    it('delivers raw messages with their attributes as SQS message attributes', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      await subscribeQueue(TopicArn, queue.arn, { RawMessageDelivery: 'true' });
      await sns.send(
        new PublishCommand({
          TopicArn,
          Message: '{"plain": true}',
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
        }),
      );
      const [message] = await receive(queue.url);
      assert.equal(message?.Body, '{"plain": true}');
      assert.equal(message?.MessageAttributes?.kind?.StringValue, 'order');
      assert.equal(message?.MessageAttributes?.kind?.DataType, 'String');
    });

    it('delivers only what an attribute filter policy accepts', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      await subscribeQueue(TopicArn, queue.arn, {
        FilterPolicy: JSON.stringify({ store: ['example_corp'], price: [{ numeric: ['>=', 100] }] }),
      });
      const publish = (store: string, price: string, Message: string) =>
        sns.send(
          new PublishCommand({
            TopicArn,
            Message,
            MessageAttributes: {
              store: { DataType: 'String', StringValue: store },
              price: { DataType: 'Number', StringValue: price },
            },
          }),
        );
      await publish('other_corp', '500', 'wrong store');
      await publish('example_corp', '50', 'too cheap');
      await sns.send(new PublishCommand({ TopicArn, Message: 'no attributes' }));
      await publish('example_corp', '150', 'match');
      // Deliveries go out in publish order, so once the last one is here the others were decided.
      const messages = [...(await receive(queue.url)), ...(await receiveNow(queue.url))];
      assert.deepEqual(
        messages.map((m) => JSON.parse(m.Body!).Message),
        ['match'],
      );
    });

    it('delivers only what a message-body filter policy accepts', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      const SubscriptionArn = await subscribeQueue(TopicArn, queue.arn, {
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: JSON.stringify({ order: { status: ['paid'] } }),
      });
      const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
      assert.equal(Attributes?.FilterPolicyScope, 'MessageBody');
      await sns.send(new PublishCommand({ TopicArn, Message: JSON.stringify({ order: { status: 'new' } }) }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'not json' }));
      await sns.send(
        new PublishCommand({ TopicArn, Message: JSON.stringify({ order: { status: 'paid', id: 7 } }) }),
      );
      const messages = [...(await receive(queue.url)), ...(await receiveNow(queue.url))];
      assert.deepEqual(
        messages.map((m) => JSON.parse(JSON.parse(m.Body!).Message).order.id),
        [7],
      );
    });

    it('sends each protocol its own message with MessageStructure json', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      await subscribeQueue(TopicArn, queue.arn, { RawMessageDelivery: 'true' });
      await sns.send(
        new PublishCommand({
          TopicArn,
          MessageStructure: 'json',
          Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues' }),
        }),
      );
      const [message] = await receive(queue.url);
      assert.equal(message?.Body, 'for queues');
      await rejects(
        sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: '{"sqs": "x"}' })),
        'InvalidParameterException',
        'Invalid parameter: Message Structure - No default entry in JSON message body',
      );
    });

    it('keeps order, group ids and deduplication from a FIFO topic to a FIFO queue', async () => {
      const TopicArn = await newTopic({ FifoTopic: 'true' }, true);
      const queue = await newQueue(true);
      await subscribeQueue(TopicArn, queue.arn, { RawMessageDelivery: 'true' });
      const sequence: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { SequenceNumber } = await sns.send(
          new PublishCommand({
            TopicArn,
            Message: `m${i}`,
            MessageGroupId: 'g',
            MessageDeduplicationId: `d${i}`,
          }),
        );
        sequence.push(SequenceNumber!);
      }
      assert.deepEqual([...sequence].sort(), sequence, 'sequence numbers increase');
      const duplicate = await sns.send(
        new PublishCommand({
          TopicArn,
          Message: 'm0 again',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd0',
        }),
      );
      assert.equal(duplicate.SequenceNumber, sequence[0]);
      const messages = await receive(queue.url, 5);
      assert.deepEqual(
        messages.map((m) => m.Body),
        ['m0', 'm1', 'm2', 'm3', 'm4'],
      );
      assert.equal(messages[0]?.Attributes?.MessageGroupId, 'g');
      await rejects(
        sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageDeduplicationId: 'd' })),
        'InvalidParameterException',
        'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      );
      await rejects(
        sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageGroupId: 'g' })),
        'InvalidParameterException',
        'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
      const standard = await newTopic();
      await rejects(
        subscribeQueue(standard, queue.arn),
        'InvalidParameterException',
        'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
      );
    });

    it('publishes batches with per-entry failures', async () => {
      const TopicArn = await newTopic();
      const queue = await newQueue();
      await subscribeQueue(TopicArn, queue.arn, { RawMessageDelivery: 'true' });
      const result = await sns.send(
        new PublishBatchCommand({
          TopicArn,
          PublishBatchRequestEntries: [
            { Id: 'one', Message: 'first' },
            { Id: 'bad', Message: '' },
            { Id: 'two', Message: 'second' },
          ],
        }),
      );
      assert.deepEqual(
        result.Successful?.map((entry) => entry.Id),
        ['one', 'two'],
      );
      assert.equal(result.Failed?.[0]?.Id, 'bad');
      assert.equal(result.Failed?.[0]?.Code, 'InvalidParameter');
      assert.equal(result.Failed?.[0]?.Message, 'Invalid parameter: Empty message');
      assert.equal(result.Failed?.[0]?.SenderFault, true);
      const messages = await receive(queue.url, 2);
      assert.deepEqual(messages.map((m) => m.Body).sort(), ['first', 'second']);
      await rejects(
        sns.send(
          new PublishBatchCommand({
            TopicArn,
            PublishBatchRequestEntries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: 'x' })),
          }),
        ),
        'TooManyEntriesInBatchRequestException',
        /more entries than permissible/,
      );
    });

    it('sends what cannot reach a deleted queue to the subscription dead-letter queue', async () => {
      const TopicArn = await newTopic();
      const [target, dlq] = [await newQueue(), await newQueue()];
      await subscribeQueue(TopicArn, target.arn, {
        RawMessageDelivery: 'true',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
      });
      await sqs.send(new DeleteQueueCommand({ QueueUrl: target.url }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'lost?' }));
      const [message] = await receive(dlq.url);
      assert.equal(message?.Body, 'lost?');
    });
  });

  it('refuses invalid message attribute names, as AWS does, instead of losing raw deliveries', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `names${++counter}` }));
    for (const name of ['a b!', 'AWS.x', '.lead', 'two..dots']) {
      await assert.rejects(
        sns.send(
          new PublishCommand({
            TopicArn,
            Message: 'x',
            MessageAttributes: { [name]: { DataType: 'String', StringValue: 'v' } },
          }),
        ),
        { name: 'InvalidParameterValueException' },
        name,
      );
    }
  });

  it('reports a failing entry of a one-entry PublishBatch in Failed, not as the request error', async () => {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: `one${++counter}.fifo`, Attributes: { FifoTopic: 'true' } }),
    );
    const result = await sns.send(
      new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: '1', Message: 'm' }] }),
    );
    assert.deepEqual(
      result.Failed?.map((entry) => entry.Id),
      ['1'],
    );
  });

  it('counts attributes toward the PublishBatch size limit', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `size${++counter}` }));
    const entry = (Id: string) => ({
      Id,
      Message: 'x'.repeat(100_000),
      MessageAttributes: { pad: { DataType: 'String', StringValue: 'y'.repeat(40_000) } },
    });
    await assert.rejects(
      sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [entry('a'), entry('b')] })),
      { name: 'BatchRequestTooLongException' },
    );
  });

  it('keeps a __proto__ tag key like any other, and refuses deeply nested MessageStructure json', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `proto${++counter}` }));
    await sns.send(
      new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: '__proto__', Value: 'v' }] }),
    );
    const { Tags } = await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    assert.deepEqual(Tags, [{ Key: '__proto__', Value: 'v' }]);
    const deep = `{"default":"x","y":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await assert.rejects(
      sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: deep })),
      {
        name: 'InvalidParameterException',
      },
    );
  });

  it('speaks awsQuery to raw clients, with SNS error XML', async () => {
    const response = await rawRequest(cloud, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: sigv4Header('sns'),
      },
      body: 'Action=GetTopicAttributes&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Amissing',
    });
    assert.equal(response.status, 404);
    assert.match(response.text, /<Code>NotFound<\/Code><Message>Topic does not exist<\/Message>/);
    assert.match(response.text, /xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"/);
  });
});
