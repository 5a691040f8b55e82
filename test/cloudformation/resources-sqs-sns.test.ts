// The CloudFormation resource types of SQS and SNS, driven directly (create, update, delete) and checked
// with real SDK clients: a resource a template makes must be the one the API would have made.
// Property mappings and return values: the CloudFormation template reference pages cited in each type.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { ResourceContext } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';
import { subscription } from '../../src/services/sns/resources/subscription.js';
import { topic } from '../../src/services/sns/resources/topic.js';
import { topicInlinePolicy } from '../../src/services/sns/resources/topic-inline-policy.js';
import { topicPolicy } from '../../src/services/sns/resources/topic-policy.js';
import { queue } from '../../src/services/sqs/resources/queue.js';
import { queueInlinePolicy } from '../../src/services/sqs/resources/queue-inline-policy.js';
import { queuePolicy } from '../../src/services/sqs/resources/queue-policy.js';
import { client, receiveMessages, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const LONG = 'Long'.repeat(40);

describe('CloudFormation resources of SQS and SNS', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  let sns: SNSClient;
  let ctx: ResourceContext;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;
  const attributes = async (QueueUrl: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
  const topicAttributes = async (TopicArn: string) =>
    (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes ?? {};
  const subscriptionAttributes = async (SubscriptionArn: string) =>
    (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes ?? {};
  /** Unnamed, each in a context of its own: a context's generated name is stable, as in one deploy. */
  const makeTopic = (properties: Record<string, unknown> = {}) =>
    topic.create(properties, resourceContext(cloud, unique('Topic')));
  const makeQueue = (properties: Record<string, unknown> = {}) =>
    queue.create({ QueueName: unique('q'), ...properties }, ctx);

  before(async () => {
    cloud = await startTestCloud();
    sqs = client(cloud, SQSClient);
    sns = client(cloud, SNSClient);
    ctx = resourceContext(cloud, 'Resource');
  });
  after(() => cloud.stop());

  describe('AWS::SQS::Queue', () => {
    it('names an unnamed queue <stack>-<logicalId>-<12 characters>', async () => {
      const made = await queue.create({}, resourceContext(cloud, 'OrdersQueue'));
      assert.match(String(made.attributes.QueueName), /^test-stack-OrdersQueue-[A-Z0-9]{12}$/);
    });

    it('shortens a generated name to 80 characters, keeping the suffix', async () => {
      const made = await queue.create({}, resourceContext(cloud, LONG, { stackName: LONG }));
      const name = String(made.attributes.QueueName);
      assert.equal(name.length, 80);
      assert.match(name, /-[A-Z0-9]{12}$/);
    });

    it('ends a generated FIFO queue name with .fifo, within 80 characters', async () => {
      const made = await queue.create({ FifoQueue: true }, resourceContext(cloud, LONG, { stackName: LONG }));
      const name = String(made.attributes.QueueName);
      assert.equal(name.length, 80);
      assert.match(name, /-[A-Z0-9]{12}\.fifo$/);
      assert.equal((await attributes(made.physicalId)).FifoQueue, 'true');
    });

    it('gives Ref as the queue URL and GetAtt values as SQS reports them', async () => {
      const QueueName = unique('ref');
      const made = await queue.create({ QueueName }, ctx);
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName }));
      assert.equal(made.physicalId, QueueUrl);
      assert.deepEqual(made.attributes, {
        Arn: (await attributes(QueueUrl!)).QueueArn,
        QueueName,
        QueueUrl,
      });
    });

    it('passes every property of a standard queue, numbers given as numbers or strings', async () => {
      const made = await makeQueue({
        DelaySeconds: '5',
        MaximumMessageSize: 2048,
        MessageRetentionPeriod: 600,
        ReceiveMessageWaitTimeSeconds: '2',
        VisibilityTimeout: 45,
        KmsMasterKeyId: 'alias/aws/sqs',
        KmsDataKeyReusePeriodSeconds: 600,
        SqsManagedSseEnabled: 'false',
        RedriveAllowPolicy: { redrivePermission: 'denyAll' },
        Tags: [
          { Key: 'team', Value: 'orders' },
          { Key: 'tier', Value: 1 },
        ],
      });
      const got = await attributes(made.physicalId);
      assert.equal(got.DelaySeconds, '5');
      assert.equal(got.MaximumMessageSize, '2048');
      assert.equal(got.MessageRetentionPeriod, '600');
      assert.equal(got.ReceiveMessageWaitTimeSeconds, '2');
      assert.equal(got.VisibilityTimeout, '45');
      assert.equal(got.KmsMasterKeyId, 'alias/aws/sqs');
      assert.equal(got.KmsDataKeyReusePeriodSeconds, '600');
      assert.equal(got.SqsManagedSseEnabled, 'false');
      assert.deepEqual(JSON.parse(got.RedriveAllowPolicy!), { redrivePermission: 'denyAll' });
      const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl: made.physicalId }));
      assert.deepEqual(Tags, { team: 'orders', tier: '1' });
    });

    it('passes the FIFO properties', async () => {
      const made = await makeQueue({
        QueueName: `${unique('fifo')}.fifo`,
        FifoQueue: 'true',
        ContentBasedDeduplication: true,
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      });
      const got = await attributes(made.physicalId);
      assert.equal(got.FifoQueue, 'true');
      assert.equal(got.ContentBasedDeduplication, 'true');
      assert.equal(got.DeduplicationScope, 'messageGroup');
      assert.equal(got.FifoThroughputLimit, 'perMessageGroupId');
    });

    it('dead-letters to a DLQ named by a redrive policy, given as an object or as JSON text', async () => {
      const dlq = await makeQueue();
      const source = await makeQueue({
        RedrivePolicy: { deadLetterTargetArn: dlq.attributes.Arn, maxReceiveCount: 1 },
      });
      const asText = await makeQueue({
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.attributes.Arn, maxReceiveCount: '3' }),
      });
      assert.deepEqual(JSON.parse((await attributes(asText.physicalId)).RedrivePolicy!), {
        deadLetterTargetArn: dlq.attributes.Arn,
        maxReceiveCount: 3,
      });
      await sqs.send(new SendMessageCommand({ QueueUrl: source.physicalId, MessageBody: 'poison' }));
      const first = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: source.physicalId, VisibilityTimeout: 0 }),
      );
      assert.equal(first.Messages?.[0]?.Body, 'poison');
      const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.physicalId }));
      assert.equal(second.Messages, undefined);
      const [moved] = await receiveMessages(sqs, dlq.physicalId);
      assert.equal(moved?.Body, 'poison');
    });

    it('updates every attribute in place and puts removed ones back to their defaults', async () => {
      const dlq = await makeQueue();
      const QueueName = unique('upd');
      const initial = { QueueName, DelaySeconds: 1, VisibilityTimeout: 10, Tags: [{ Key: 'a', Value: '1' }] };
      const made = await queue.create(initial, ctx);
      const changed = {
        QueueName,
        DelaySeconds: '7',
        MaximumMessageSize: 4096,
        MessageRetentionPeriod: 120,
        ReceiveMessageWaitTimeSeconds: 3,
        VisibilityTimeout: '60',
        RedrivePolicy: { deadLetterTargetArn: dlq.attributes.Arn, maxReceiveCount: 5 },
        RedriveAllowPolicy: { redrivePermission: 'allowAll' },
        KmsMasterKeyId: 'alias/mine',
        KmsDataKeyReusePeriodSeconds: 900,
        SqsManagedSseEnabled: false,
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      };
      const updated = await queue.update!(made, changed, initial, ctx);
      assert.deepEqual(updated, made);
      let got = await attributes(made.physicalId);
      assert.equal(got.DelaySeconds, '7');
      assert.equal(got.MaximumMessageSize, '4096');
      assert.equal(got.MessageRetentionPeriod, '120');
      assert.equal(got.ReceiveMessageWaitTimeSeconds, '3');
      assert.equal(got.VisibilityTimeout, '60');
      assert.equal(JSON.parse(got.RedrivePolicy!).maxReceiveCount, 5);
      assert.equal(JSON.parse(got.RedriveAllowPolicy!).redrivePermission, 'allowAll');
      assert.equal(got.KmsMasterKeyId, 'alias/mine');
      assert.equal(got.KmsDataKeyReusePeriodSeconds, '900');
      assert.equal(got.SqsManagedSseEnabled, 'false');
      let tags = await sqs.send(new ListQueueTagsCommand({ QueueUrl: made.physicalId }));
      assert.deepEqual(tags.Tags, { a: '2', b: '3' });

      await queue.update!(made, { QueueName }, changed, ctx);
      got = await attributes(made.physicalId);
      // SQS's defaults: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
      assert.equal(got.DelaySeconds, '0');
      assert.equal(got.MaximumMessageSize, '1048576');
      assert.equal(got.MessageRetentionPeriod, '345600');
      assert.equal(got.ReceiveMessageWaitTimeSeconds, '0');
      assert.equal(got.VisibilityTimeout, '30');
      assert.equal(got.RedrivePolicy, undefined);
      assert.equal(got.RedriveAllowPolicy, undefined);
      assert.equal(got.KmsMasterKeyId, undefined);
      assert.equal(got.KmsDataKeyReusePeriodSeconds, '300');
      assert.equal(got.SqsManagedSseEnabled, 'true');
      tags = await sqs.send(new ListQueueTagsCommand({ QueueUrl: made.physicalId }));
      assert.equal(Object.keys(tags.Tags ?? {}).length, 0);
    });

    it('updates and resets the FIFO attributes in place', async () => {
      const QueueName = `${unique('fifoupd')}.fifo`;
      const initial = { QueueName, FifoQueue: true };
      const made = await queue.create(initial, ctx);
      const changed = {
        ...initial,
        ContentBasedDeduplication: 'true',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      };
      await queue.update!(made, changed, initial, ctx);
      let got = await attributes(made.physicalId);
      assert.equal(got.ContentBasedDeduplication, 'true');
      assert.equal(got.DeduplicationScope, 'messageGroup');
      assert.equal(got.FifoThroughputLimit, 'perMessageGroupId');
      await queue.update!(made, initial, changed, ctx);
      got = await attributes(made.physicalId);
      assert.equal(got.ContentBasedDeduplication, 'false');
      assert.equal(got.DeduplicationScope, 'queue');
      assert.equal(got.FifoThroughputLimit, 'perQueue');
    });

    it('deletes the queue, and deleting it again succeeds', async () => {
      const QueueName = unique('gone');
      const made = await queue.create({ QueueName }, ctx);
      await queue.delete(made, { QueueName }, ctx);
      await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName })), {
        name: 'QueueDoesNotExist',
      });
      await queue.delete(made, { QueueName }, ctx);
    });
  });

  describe('AWS::SQS::QueuePolicy and AWS::SQS::QueueInlinePolicy', () => {
    const documentFor = (sid: string) => ({
      Version: '2012-10-17',
      Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
    });
    const policyOf = async (QueueUrl: string) => {
      const policy = (await attributes(QueueUrl)).Policy;
      return policy === undefined ? undefined : JSON.parse(policy);
    };

    it('sets the policy on each queue, moves it when Queues change, and clears it on delete', async () => {
      const a = await makeQueue();
      const b = await makeQueue();
      const first = { Queues: [a.physicalId, b.physicalId], PolicyDocument: documentFor('one') };
      const made = await queuePolicy.create(first, ctx);
      assert.ok(made.physicalId.startsWith('test-stack-Resource-'));
      assert.deepEqual(await policyOf(a.physicalId), documentFor('one'));
      assert.deepEqual(await policyOf(b.physicalId), documentFor('one'));

      const second = { Queues: [b.physicalId], PolicyDocument: JSON.stringify(documentFor('two')) };
      await queuePolicy.update!(made, second, first, ctx);
      assert.equal(await policyOf(a.physicalId), undefined);
      assert.deepEqual(await policyOf(b.physicalId), documentFor('two'));

      await queuePolicy.delete(made, second, ctx);
      assert.equal(await policyOf(b.physicalId), undefined);
      await queue.delete(b, {}, ctx);
      await queuePolicy.delete(made, second, ctx);
    });

    it('sets, changes and clears one queue inline policy', async () => {
      const q = await makeQueue();
      const made = await queueInlinePolicy.create(
        { Queue: q.physicalId, PolicyDocument: documentFor('inline') },
        ctx,
      );
      assert.equal(made.physicalId, q.physicalId);
      assert.deepEqual(await policyOf(q.physicalId), documentFor('inline'));
      await queueInlinePolicy.update!(
        made,
        { Queue: q.physicalId, PolicyDocument: documentFor('changed') },
        { Queue: q.physicalId, PolicyDocument: documentFor('inline') },
        ctx,
      );
      assert.deepEqual(await policyOf(q.physicalId), documentFor('changed'));
      await queueInlinePolicy.delete(made, { Queue: q.physicalId }, ctx);
      assert.equal(await policyOf(q.physicalId), undefined);
      await queue.delete(q, {}, ctx);
      await queueInlinePolicy.delete(made, { Queue: q.physicalId }, ctx);
    });
  });

  describe('AWS::SNS::Topic', () => {
    const subscribersOf = async (TopicArn: string) =>
      ((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions ?? [])
        .map((s) => `${s.Protocol} ${s.Endpoint}`)
        .sort();

    it('names an unnamed topic, and a FIFO one with .fifo, within 256 characters', async () => {
      const plain = await topic.create({}, resourceContext(cloud, 'Events'));
      assert.match(String(plain.attributes.TopicName), /^test-stack-Events-[A-Z0-9]{12}$/);
      const long = LONG.repeat(2);
      const fifo = await topic.create({ FifoTopic: true }, resourceContext(cloud, long, { stackName: long }));
      const name = String(fifo.attributes.TopicName);
      assert.equal(name.length, 256);
      assert.match(name, /-[A-Z0-9]{12}\.fifo$/);
      assert.equal((await topicAttributes(fifo.physicalId)).FifoTopic, 'true');
    });

    it('gives Ref and TopicArn as the topic ARN, TopicName as its name', async () => {
      const TopicName = unique('t');
      const made = await topic.create({ TopicName }, ctx);
      const got = await topicAttributes(made.physicalId);
      assert.equal(made.physicalId, got.TopicArn);
      assert.deepEqual(made.attributes, { TopicArn: got.TopicArn, TopicName });
    });

    it('passes every property, with inline subscriptions that receive what is published', async () => {
      const q = await makeQueue();
      const made = await topic.create(
        {
          TopicName: `${unique('full')}.fifo`,
          FifoTopic: 'true',
          ContentBasedDeduplication: true,
          DisplayName: 'Orders',
          KmsMasterKeyId: 'alias/aws/sns',
          SignatureVersion: 2,
          TracingConfig: 'Active',
          FifoThroughputScope: 'MessageGroup',
          ArchivePolicy: { MessageRetentionPeriod: '30' },
          Tags: [{ Key: 'team', Value: 'orders' }],
        },
        ctx,
      );
      const got = await topicAttributes(made.physicalId);
      assert.equal(got.FifoTopic, 'true');
      assert.equal(got.ContentBasedDeduplication, 'true');
      assert.equal(got.DisplayName, 'Orders');
      assert.equal(got.KmsMasterKeyId, 'alias/aws/sns');
      assert.equal(got.SignatureVersion, '2');
      assert.equal(got.TracingConfig, 'Active');
      assert.equal(got.FifoThroughputScope, 'MessageGroup');
      assert.deepEqual(JSON.parse(got.ArchivePolicy!), { MessageRetentionPeriod: '30' });
      const { Tags } = await sns.send(new ListTagsForResourceCommand({ ResourceArn: made.physicalId }));
      assert.deepEqual(Tags, [{ Key: 'team', Value: 'orders' }]);

      const standard = await makeTopic({ Subscription: [{ Protocol: 'sqs', Endpoint: q.attributes.Arn }] });
      assert.deepEqual(await subscribersOf(standard.physicalId), [`sqs ${q.attributes.Arn}`]);
      await sns.send(new PublishCommand({ TopicArn: standard.physicalId, Message: 'hello' }));
      const [message] = await receiveMessages(sqs, q.physicalId);
      assert.equal(JSON.parse(message?.Body ?? '{}').Message, 'hello');
    });

    it('updates attributes, subscriptions and tags in place, and resets removed attributes', async () => {
      const a = await makeQueue();
      const b = await makeQueue();
      const initial = {
        DisplayName: 'One',
        KmsMasterKeyId: 'alias/one',
        Subscription: [{ Protocol: 'sqs', Endpoint: a.attributes.Arn }],
        Tags: [{ Key: 'keep', Value: '1' }],
      };
      const made = await makeTopic(initial);
      const changed = {
        DisplayName: 'Two',
        KmsMasterKeyId: 'alias/two',
        SignatureVersion: '2',
        TracingConfig: 'Active',
        ArchivePolicy: { MessageRetentionPeriod: '7' },
        Subscription: [{ Protocol: 'sqs', Endpoint: b.attributes.Arn }],
        Tags: [
          { Key: 'keep', Value: '2' },
          { Key: 'new', Value: 'x' },
        ],
      };
      const updated = await topic.update!(made, changed, initial, ctx);
      assert.deepEqual(updated, made);
      let got = await topicAttributes(made.physicalId);
      assert.equal(got.DisplayName, 'Two');
      assert.equal(got.KmsMasterKeyId, 'alias/two');
      assert.equal(got.SignatureVersion, '2');
      assert.equal(got.TracingConfig, 'Active');
      assert.deepEqual(JSON.parse(got.ArchivePolicy!), { MessageRetentionPeriod: '7' });
      assert.deepEqual(await subscribersOf(made.physicalId), [`sqs ${b.attributes.Arn}`]);
      let tags = await sns.send(new ListTagsForResourceCommand({ ResourceArn: made.physicalId }));
      assert.deepEqual(tags.Tags, [
        { Key: 'keep', Value: '2' },
        { Key: 'new', Value: 'x' },
      ]);

      await topic.update!(made, {}, changed, ctx);
      got = await topicAttributes(made.physicalId);
      assert.equal(got.DisplayName, '');
      assert.equal(got.KmsMasterKeyId, undefined);
      assert.equal(got.SignatureVersion, '1');
      assert.equal(got.TracingConfig, 'PassThrough');
      assert.equal(got.ArchivePolicy, undefined);
      assert.deepEqual(await subscribersOf(made.physicalId), []);
      tags = await sns.send(new ListTagsForResourceCommand({ ResourceArn: made.physicalId }));
      assert.deepEqual(tags.Tags ?? [], []);
    });

    it('updates ContentBasedDeduplication of a FIFO topic and resets it when removed', async () => {
      const initial = { TopicName: `${unique('cbd')}.fifo`, FifoTopic: true };
      const made = await topic.create(initial, ctx);
      await topic.update!(made, { ...initial, ContentBasedDeduplication: 'true' }, initial, ctx);
      assert.equal((await topicAttributes(made.physicalId)).ContentBasedDeduplication, 'true');
      await topic.update!(made, initial, { ...initial, ContentBasedDeduplication: 'true' }, ctx);
      assert.equal((await topicAttributes(made.physicalId)).ContentBasedDeduplication, 'false');
    });

    it('refuses DeliveryStatusLogging, which Nimbus does not store', async () => {
      await assert.rejects(
        topic.create(
          { DeliveryStatusLogging: [{ Protocol: 'sqs', SuccessFeedbackRoleArn: 'arn:aws:iam::0:role/x' }] },
          ctx,
        ),
        /DeliveryStatusLogging is not supported/,
      );
    });

    it('deletes the topic with its subscriptions, and deleting it again succeeds', async () => {
      const q = await makeQueue();
      const made = await makeTopic({ Subscription: [{ Protocol: 'sqs', Endpoint: q.attributes.Arn }] });
      await topic.delete(made, {}, ctx);
      await assert.rejects(topicAttributes(made.physicalId), { name: 'NotFoundException' });
      await topic.delete(made, {}, ctx);
    });
  });

  describe('AWS::SNS::Subscription', () => {
    const publish = (TopicArn: string, Message: string, color: string) =>
      sns.send(
        new PublishCommand({
          TopicArn,
          Message,
          MessageAttributes: { color: { DataType: 'String', StringValue: color } },
        }),
      );
    const bodies = async (QueueUrl: string, expected: number) =>
      (await receiveMessages(sqs, QueueUrl, expected, 2)).map((m) => m.Body).sort();

    it('gives Ref and Arn as the subscription ARN that SNS lists', async () => {
      const t = await makeTopic();
      const q = await makeQueue();
      const made = await subscription.create(
        { TopicArn: t.physicalId, Protocol: 'sqs', Endpoint: q.attributes.Arn },
        ctx,
      );
      const { Subscriptions } = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: t.physicalId }),
      );
      assert.equal(made.physicalId, Subscriptions?.[0]?.SubscriptionArn);
      assert.deepEqual(made.attributes, { Arn: made.physicalId });
    });

    it('passes every attribute, and its filter policy decides what is delivered', async () => {
      const t = await makeTopic();
      const q = await makeQueue();
      const dlq = await makeQueue();
      const made = await subscription.create(
        {
          TopicArn: t.physicalId,
          Protocol: 'sqs',
          Endpoint: q.attributes.Arn,
          FilterPolicy: { color: ['red'] },
          FilterPolicyScope: 'MessageAttributes',
          RawMessageDelivery: 'true',
          RedrivePolicy: { deadLetterTargetArn: dlq.attributes.Arn },
          DeliveryPolicy: { healthyRetryPolicy: { numRetries: 5 } },
          Region: 'us-east-1',
        },
        ctx,
      );
      const got = await subscriptionAttributes(made.physicalId);
      assert.deepEqual(JSON.parse(got.FilterPolicy!), { color: ['red'] });
      assert.equal(got.FilterPolicyScope, 'MessageAttributes');
      assert.equal(got.RawMessageDelivery, 'true');
      assert.deepEqual(JSON.parse(got.RedrivePolicy!), { deadLetterTargetArn: dlq.attributes.Arn });
      assert.deepEqual(JSON.parse(got.DeliveryPolicy!), { healthyRetryPolicy: { numRetries: 5 } });
      await publish(t.physicalId, 'blue one', 'blue');
      await publish(t.physicalId, 'red one', 'red');
      assert.deepEqual(await bodies(q.physicalId, 2), ['red one']);
    });

    it('updates each attribute in place, including the filter scope, and resets removed ones', async () => {
      const t = await makeTopic();
      const q = await makeQueue();
      const dlq = await makeQueue();
      const base = { TopicArn: t.physicalId, Protocol: 'sqs', Endpoint: q.attributes.Arn };
      const initial = { ...base, FilterPolicy: { color: ['red'] } };
      const made = await subscription.create(initial, ctx);

      const byBody = {
        ...base,
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: { order: { status: ['paid'] } },
        RawMessageDelivery: true,
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.attributes.Arn }),
        DeliveryPolicy: { healthyRetryPolicy: { numRetries: 2 } },
      };
      const updated = await subscription.update!(made, byBody, initial, ctx);
      assert.deepEqual(updated, made);
      let got = await subscriptionAttributes(made.physicalId);
      assert.equal(got.FilterPolicyScope, 'MessageBody');
      assert.equal(got.RawMessageDelivery, 'true');
      assert.equal(JSON.parse(got.RedrivePolicy!).deadLetterTargetArn, dlq.attributes.Arn);
      assert.deepEqual(JSON.parse(got.DeliveryPolicy!), { healthyRetryPolicy: { numRetries: 2 } });
      const paid = JSON.stringify({ order: { status: 'paid' } });
      await sns.send(new PublishCommand({ TopicArn: t.physicalId, Message: JSON.stringify({ order: {} }) }));
      await sns.send(new PublishCommand({ TopicArn: t.physicalId, Message: paid }));
      assert.deepEqual(await bodies(q.physicalId, 2), [paid]);

      await subscription.update!(made, base, byBody, ctx);
      got = await subscriptionAttributes(made.physicalId);
      assert.equal(got.FilterPolicy, undefined);
      assert.equal(got.RawMessageDelivery, 'false');
      assert.equal(got.RedrivePolicy, undefined);
      assert.equal(got.DeliveryPolicy, undefined);
      await publish(t.physicalId, 'anything', 'green');
      const [envelope] = await bodies(q.physicalId, 1);
      assert.equal(JSON.parse(envelope ?? '{}').Message, 'anything');
    });

    it('refuses a Region other than the stack region', async () => {
      const t = await makeTopic();
      await assert.rejects(
        subscription.create(
          {
            TopicArn: t.physicalId,
            Protocol: 'sqs',
            Endpoint: 'arn:aws:sqs:eu-west-1:0:q',
            Region: 'eu-west-1',
          },
          ctx,
        ),
        /Region eu-west-1/,
      );
    });

    it('unsubscribes on delete, and deleting again succeeds', async () => {
      const t = await makeTopic();
      const q = await makeQueue();
      const made = await subscription.create(
        { TopicArn: t.physicalId, Protocol: 'sqs', Endpoint: q.attributes.Arn },
        ctx,
      );
      await subscription.delete(made, {}, ctx);
      const { Subscriptions } = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: t.physicalId }),
      );
      assert.deepEqual(Subscriptions ?? [], []);
      await subscription.delete(made, {}, ctx);
    });
  });

  describe('AWS::SNS::TopicPolicy and AWS::SNS::TopicInlinePolicy', () => {
    const documentFor = (sid: string) => ({
      Version: '2012-10-17',
      Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*' }],
    });
    const policyOf = async (TopicArn: string) => JSON.parse((await topicAttributes(TopicArn)).Policy!);

    it('sets the policy on each topic, moves it when Topics change, and restores the default on delete', async () => {
      const a = await makeTopic();
      const b = await makeTopic();
      const first = { Topics: [a.physicalId, b.physicalId], PolicyDocument: documentFor('one') };
      const made = await topicPolicy.create(first, ctx);
      assert.deepEqual(await policyOf(a.physicalId), documentFor('one'));
      assert.deepEqual(await policyOf(b.physicalId), documentFor('one'));

      const second = { Topics: [b.physicalId], PolicyDocument: documentFor('two') };
      await topicPolicy.update!(made, second, first, ctx);
      // The default policy every topic starts with: https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
      assert.equal((await policyOf(a.physicalId)).Id, '__default_policy_ID');
      assert.deepEqual(await policyOf(b.physicalId), documentFor('two'));

      await topicPolicy.delete(made, second, ctx);
      assert.equal((await policyOf(b.physicalId)).Id, '__default_policy_ID');
      await topic.delete(b, {}, ctx);
      await topicPolicy.delete(made, second, ctx);
    });

    it('sets, changes and clears one topic inline policy', async () => {
      const t = await makeTopic();
      const made = await topicInlinePolicy.create(
        { TopicArn: t.physicalId, PolicyDocument: documentFor('inline') },
        ctx,
      );
      assert.equal(made.physicalId, t.physicalId);
      assert.deepEqual(await policyOf(t.physicalId), documentFor('inline'));
      await topicInlinePolicy.update!(
        made,
        { TopicArn: t.physicalId, PolicyDocument: JSON.stringify(documentFor('changed')) },
        { TopicArn: t.physicalId, PolicyDocument: documentFor('inline') },
        ctx,
      );
      assert.deepEqual(await policyOf(t.physicalId), documentFor('changed'));
      await topicInlinePolicy.delete(made, {}, ctx);
      assert.equal((await policyOf(t.physicalId)).Id, '__default_policy_ID');
      await topic.delete(t, {}, ctx);
      await topicInlinePolicy.delete(made, {}, ctx);
    });
  });
});
