// Publish semantics: FIFO deduplication and sequence numbers, then fan-out — each confirmed SQS, HTTP/HTTPS
// or Lambda subscription whose filter policy accepts the message gets a queued delivery, in the same
// transaction.
// https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html

import { randomUUID } from 'node:crypto';
import type { DeliveryPayload } from './deliveries.js';
import { envelope, lambdaEvent, type Notification, sqsDelivery } from './envelope.js';
import { httpRetryDelays, policyContentType, snsHeaders } from './http.js';
import { bodyFor, type PublishRequest, readMessage } from './message.js';
import type { Sns } from './sns.js';
import type { TopicRow } from './store.js';
import { subscriptionAttributes } from './subscriptions.js';
import { isFifo, topicAttribute } from './topics.js';

export interface PublishResult {
  MessageId: string;
  SequenceNumber?: string;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
/** Protocols Nimbus delivers to. */
const DELIVERED = new Set(['sqs', 'http', 'https', 'lambda']);

/** Checks and fans out one message; the caller kicks the delivery queue once its transaction commits. */
export function publishToTopic(
  sns: Sns,
  topic: TopicRow,
  request: PublishRequest,
  host: string,
): PublishResult {
  const fifo = isFifo(topic);
  const message = readMessage(request, {
    fifo,
    contentBasedDeduplication: topicAttribute(topic, 'ContentBasedDeduplication') === 'true',
  });
  const now = sns.clock.now();
  if (message.dedupId !== undefined) {
    const duplicate = sns.sql.findDuplicate.get(topic.arn, message.dedupId, now) as
      | { message_id: string; sequence_number: string }
      | undefined;
    // A duplicate within five minutes is acknowledged again and not delivered again.
    if (duplicate) return { MessageId: duplicate.message_id, SequenceNumber: duplicate.sequence_number };
  }
  const messageId = randomUUID();
  let sequenceNumber: string | undefined;
  if (fifo) {
    const { next_sequence } = sns.sql.nextSequence.get(topic.arn) as { next_sequence: number };
    // 20 digits, strictly increasing per topic, like SNS's (and SQS's) FIFO sequence numbers.
    sequenceNumber = (10n ** 19n + BigInt(next_sequence)).toString();
    sns.sql.recordDeduplication.run(
      topic.arn,
      message.dedupId,
      messageId,
      sequenceNumber,
      now + DEDUPLICATION_WINDOW_MS,
    );
  }
  const signatureVersion = topicAttribute(topic, 'SignatureVersion') ?? '1';
  for (const subscription of sns.subscriptions.ofTopic(topic.arn)) {
    // Email, SMS, Firehose and application subscriptions are recorded but not delivered to (see README).
    if (!subscription.confirmed || !DELIVERED.has(subscription.protocol)) continue;
    const body = bodyFor(message, subscription.protocol);
    if (!sns.subscriptions.accepts(subscription, message.attributes, body)) {
      sns.metrics.filteredOut(topic.arn);
      continue;
    }
    const set = subscriptionAttributes(subscription);
    const raw = set.RawMessageDelivery?.toLowerCase() === 'true';
    const notification: Notification = {
      messageId,
      topicArn: topic.arn,
      subscriptionArn: subscription.arn,
      region: topic.region,
      message: body,
      subject: message.subject,
      timestamp: now,
      attributes: message.attributes,
      sequenceNumber,
      signatureVersion,
      host,
    };
    let payload: DeliveryPayload;
    if (subscription.protocol === 'sqs') {
      payload = {
        queueArn: subscription.endpoint,
        ...sqsDelivery(notification, raw),
        groupId: message.groupId,
        dedupId: message.dedupId,
      };
    } else if (subscription.protocol === 'lambda') {
      payload = {
        kind: 'lambda',
        functionArn: subscription.endpoint,
        MessageBody: envelope(notification),
        event: lambdaEvent(notification),
      };
    } else {
      const topicPolicy = topicAttribute(topic, 'DeliveryPolicy');
      payload = {
        kind: 'http',
        url: subscription.endpoint,
        MessageBody: raw ? body : envelope(notification),
        headers: snsHeaders({
          type: 'Notification',
          messageId,
          topicArn: topic.arn,
          subscriptionArn: subscription.arn,
          raw,
          contentType: policyContentType(set.DeliveryPolicy, topicPolicy),
        }),
        retryDelays: httpRetryDelays(set.DeliveryPolicy, topicPolicy),
      };
    }
    sns.deliveries.enqueue(subscription.arn, payload);
  }
  return sequenceNumber === undefined
    ? { MessageId: messageId }
    : { MessageId: messageId, SequenceNumber: sequenceNumber };
}
