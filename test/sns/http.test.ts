// SNS to HTTP/HTTPS and Lambda subscribers: the SubscriptionConfirmation flow (POST to the endpoint,
// ConfirmSubscription or a visit to SubscribeURL), notifications with AWS's headers, raw delivery, the HTTP
// delivery policy's retries on the virtual clock, and dead-lettering. A local node:http server plays the
// subscriber. https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { lambdaEvent } from '../../src/services/sns/envelope.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { type RecordingEndpoint, settle, startRecordingEndpoint } from '../support/http-endpoint.js';

describe('SNS to HTTP and Lambda subscribers', () => {
  let cloud: Cloud;
  let sns: SNSClient;
  let sqs: SQSClient;
  let endpoint: string;
  let counter = 0;
  let http: RecordingEndpoint;
  const requests = (count: number) => http.requests(count);
  const newTopic = async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `h${++counter}` }));
    return TopicArn!;
  };
  /** Subscribes the local endpoint and confirms with the token it was sent. */
  const subscribeConfirmed = async (TopicArn: string, Attributes?: Record<string, string>) => {
    const before = http.received.length;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint, Attributes }));
    const [confirmation] = (await requests(before + 1)).slice(before);
    const { Token } = JSON.parse(confirmation!.body) as { Token: string };
    const { SubscriptionArn } = await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token }));
    return SubscriptionArn!;
  };

  before(async () => {
    // `/hang` answers confirmations but leaves notifications waiting (a stuck subscriber).
    http = await startRecordingEndpoint({
      hold: (req) => req.url === '/hang' && req.headers['x-amz-sns-message-type'] === 'Notification',
    });
    endpoint = `${http.base}/sns`;
    cloud = await startTestCloud();
    sns = client(cloud, SNSClient);
    sqs = sqsClient(cloud);
  });
  beforeEach(() => http.reset());
  after(async () => {
    http.releaseHeld();
    await cloud.stop();
    await http.close();
  });

  it('sends a SubscriptionConfirmation and keeps the subscription pending until ConfirmSubscription', async () => {
    const TopicArn = await newTopic();
    const subscribed = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint }),
    );
    assert.equal(subscribed.SubscriptionArn, 'pending confirmation');
    const [confirmation] = await requests(1);
    assert.equal(confirmation!.method, 'POST');
    assert.equal(confirmation!.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    assert.equal(confirmation!.headers['x-amz-sns-topic-arn'], TopicArn);
    assert.equal(confirmation!.headers['x-amz-sns-subscription-arn'], undefined);
    assert.equal(confirmation!.headers['content-type'], 'text/plain; charset=UTF-8');
    const message = JSON.parse(confirmation!.body);
    assert.equal(message.Type, 'SubscriptionConfirmation');
    assert.equal(message.TopicArn, TopicArn);
    assert.equal(message.MessageId, confirmation!.headers['x-amz-sns-message-id']);
    assert.match(message.SubscribeURL, /\?Action=ConfirmSubscription&TopicArn=.*&Token=/);
    assert.match(message.Message, /^You have chosen to subscribe to the topic /);
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.equal(listed.Subscriptions![0]!.SubscriptionArn, 'PendingConfirmation');

    // Nothing is delivered to a pending subscription.
    await sns.send(new PublishCommand({ TopicArn, Message: 'too early' }));
    await settle();
    assert.equal(http.received.length, 1);

    await assert.rejects(sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: 'nope' })), {
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Token',
    });
    const { SubscriptionArn } = await sns.send(
      new ConfirmSubscriptionCommand({ TopicArn, Token: message.Token }),
    );
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(Attributes!.PendingConfirmation, 'false');
  });

  it('confirms through a visit to SubscribeURL', async () => {
    const TopicArn = await newTopic();
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint }));
    const [confirmation] = await requests(1);
    const { SubscribeURL } = JSON.parse(confirmation!.body) as { SubscribeURL: string };
    const visit = await fetch(SubscribeURL);
    assert.equal(visit.status, 200);
    assert.match(await visit.text(), /<ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:/);
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.notEqual(listed.Subscriptions![0]!.SubscriptionArn, 'PendingConfirmation');
  });

  it('confirms a topic of another region through its SubscribeURL, which carries no signature', async () => {
    // The visit is unsigned, so it names no region; the TopicArn in the URL does.
    const west = client(cloud, SNSClient, { region: 'eu-west-1' });
    const { TopicArn } = await west.send(new CreateTopicCommand({ Name: 'west-http' }));
    await west.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint }));
    const [confirmation] = await requests(1);
    const { SubscribeURL } = JSON.parse(confirmation!.body) as { SubscribeURL: string };
    const visit = await fetch(SubscribeURL);
    assert.equal(visit.status, 200, await visit.clone().text());
    const listed = await west.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.notEqual(listed.Subscriptions![0]!.SubscriptionArn, 'PendingConfirmation');
  });

  it('POSTs notifications with AWS headers and the JSON envelope', async () => {
    const TopicArn = await newTopic();
    const SubscriptionArn = await subscribeConfirmed(TopicArn);
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'hello http',
        Subject: 'greeting',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
      }),
    );
    const [, notification] = await requests(2);
    assert.equal(notification!.headers['x-amz-sns-message-type'], 'Notification');
    assert.equal(notification!.headers['x-amz-sns-message-id'], MessageId);
    assert.equal(notification!.headers['x-amz-sns-topic-arn'], TopicArn);
    assert.equal(notification!.headers['x-amz-sns-subscription-arn'], SubscriptionArn);
    assert.equal(notification!.headers['user-agent'], 'Amazon Simple Notification Service Agent');
    const body = JSON.parse(notification!.body);
    assert.equal(body.Type, 'Notification');
    assert.equal(body.Message, 'hello http');
    assert.equal(body.Subject, 'greeting');
    assert.deepEqual(body.MessageAttributes, { kind: { Type: 'String', Value: 'test' } });
  });

  it('does not hold up other subscribers while an HTTP endpoint is slow to answer', async () => {
    const TopicArn = await newTopic();
    const stuck = endpoint.replace(/\/sns$/, '/hang');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: stuck }));
    const [confirmation] = await requests(1);
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: JSON.parse(confirmation!.body).Token }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `beside-${++counter}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'first' }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'second' }));
    await requests(2);
    const messages = await receiveMessages(sqs, QueueUrl!, 2, 3);
    assert.deepEqual(
      messages.map((m) => JSON.parse(m.Body!).Message),
      ['first', 'second'],
    );
    // Answer the held POSTs now, so they are not retried into later tests.
    http.releaseHeld();
    await settle();
  });

  it('sends the http key of a MessageStructure=json message to HTTP subscribers', async () => {
    const TopicArn = await newTopic();
    await subscribeConfirmed(TopicArn);
    const Message = JSON.stringify({ default: 'for everyone', http: 'for http' });
    await sns.send(new PublishCommand({ TopicArn, Message, MessageStructure: 'json' }));
    const [, notification] = await requests(2);
    assert.equal(JSON.parse(notification!.body).Message, 'for http');
  });

  it('sends raw messages with x-amz-sns-rawdelivery', async () => {
    const TopicArn = await newTopic();
    await subscribeConfirmed(TopicArn, { RawMessageDelivery: 'true' });
    await sns.send(new PublishCommand({ TopicArn, Message: 'just the text' }));
    const [, notification] = await requests(2);
    assert.equal(notification!.body, 'just the text');
    assert.equal(notification!.headers['x-amz-sns-rawdelivery'], 'true');
  });

  it('retries a 5xx per the delivery policy (3 retries, 20 s apart) on the virtual clock', async () => {
    const TopicArn = await newTopic();
    await subscribeConfirmed(TopicArn);
    http.answerWith(500, 503);
    await sns.send(new PublishCommand({ TopicArn, Message: 'eventually' }));
    await requests(2);
    await settle();
    assert.equal(http.received.length, 2);
    cloud.clock.advance(19_000);
    await settle();
    assert.equal(http.received.length, 2);
    cloud.clock.advance(1_000);
    await requests(3);
    await settle();
    cloud.clock.advance(20_000);
    const all = await requests(4);
    assert.deepEqual(
      all.slice(1).map((request) => JSON.parse(request.body).Message),
      ['eventually', 'eventually', 'eventually'],
    );
  });

  it('does not retry a 4xx and sends the message to the subscription DLQ', async () => {
    const TopicArn = await newTopic();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `http-dlq-${++counter}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await subscribeConfirmed(TopicArn, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn }),
    });
    http.answerWith(404);
    await sns.send(new PublishCommand({ TopicArn, Message: 'refused' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    assert.equal(JSON.parse(Messages![0]!.Body!).Message, 'refused');
    assert.equal(http.received.length, 2);
  });

  it('invokes Lambda subscribers asynchronously, retrying and then dead-lettering while Lambda is absent', async () => {
    const TopicArn = await newTopic();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `lambda-dlq-${++counter}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'lambda',
        Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:subscriber',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn }) },
      }),
    );
    assert.match(SubscriptionArn!, /^arn:aws:sns:/);
    await sns.send(new PublishCommand({ TopicArn, Message: 'to lambda' }));
    // SNS's policy for AWS-managed endpoints: 3 immediate, 2 pre-backoff and 10 backoff retries (~75 s).
    let body: string | undefined;
    for (let i = 0; i < 60 && !body; i++) {
      cloud.clock.advance(5_000);
      await settle();
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      body = Messages?.[0]?.Body;
    }
    assert.equal(JSON.parse(body!).Message, 'to lambda');
  });

  it('builds the Lambda event as Lambda receives it (Records[0].Sns)', () => {
    const event = JSON.parse(
      lambdaEvent({
        messageId: 'm-1',
        topicArn: 'arn:aws:sns:us-east-1:000000000000:t',
        subscriptionArn: 'arn:aws:sns:us-east-1:000000000000:t:s-1',
        region: 'us-east-1',
        message: 'hi',
        timestamp: Date.parse('2026-01-02T12:45:07.000Z'),
        attributes: { Test: { DataType: 'String', StringValue: 'TestString' } },
        signatureVersion: '1',
        host: '127.0.0.1:4566',
      }),
    );
    const [record] = event.Records;
    assert.equal(record.EventSource, 'aws:sns');
    assert.equal(record.EventVersion, '1.0');
    assert.equal(record.EventSubscriptionArn, 'arn:aws:sns:us-east-1:000000000000:t:s-1');
    assert.equal(record.Sns.Type, 'Notification');
    assert.equal(record.Sns.Subject, null);
    assert.equal(record.Sns.Message, 'hi');
    assert.equal(record.Sns.Timestamp, '2026-01-02T12:45:07.000Z');
    assert.deepEqual(record.Sns.MessageAttributes, { Test: { Type: 'String', Value: 'TestString' } });
    assert.ok(record.Sns.SigningCertUrl);
    assert.match(record.Sns.UnsubscribeUrl, /Action=Unsubscribe/);
  });
});
