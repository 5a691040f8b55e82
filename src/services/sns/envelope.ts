// What an SQS subscriber receives: AWS's JSON notification envelope, or with RawMessageDelivery the bare
// message with its attributes as SQS message attributes.
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html#http-notification-json
// https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html

import { createHash } from 'node:crypto';
import type { StoredAttribute } from './message.js';

export interface Notification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly region: string;
  readonly message: string;
  readonly subject?: string;
  readonly timestamp: number;
  readonly attributes: Readonly<Record<string, StoredAttribute>>;
  readonly sequenceNumber?: string;
  readonly signatureVersion: string;
  /** `host:port` of the endpoint the publisher used, so UnsubscribeURL reaches this Nimbus. */
  readonly host: string;
}

/** The SendMessage members an SQS delivery carries (besides the queue and the FIFO ids). */
export interface SqsDelivery {
  MessageBody: string;
  MessageAttributes?: Record<string, StoredAttribute>;
}

export function sqsDelivery(notification: Notification, raw: boolean): SqsDelivery {
  if (!raw) return { MessageBody: envelope(notification) };
  const attributes = notification.attributes;
  return Object.keys(attributes).length > 0
    ? { MessageBody: notification.message, MessageAttributes: { ...attributes } }
    : { MessageBody: notification.message };
}

/**
 * The envelope, laid out as SNS lays it out (two-space indent, ` : ` separators, attributes one per line),
 * so consumers that compare or log the raw body see what they would see from AWS.
 */
export function envelope(n: Notification): string {
  const fields: [string, string][] = [
    ['Type', 'Notification'],
    ['MessageId', n.messageId],
  ];
  if (n.sequenceNumber !== undefined) fields.push(['SequenceNumber', n.sequenceNumber]);
  fields.push(['TopicArn', n.topicArn]);
  if (n.subject !== undefined) fields.push(['Subject', n.subject]);
  fields.push(
    ['Message', n.message],
    ['Timestamp', new Date(n.timestamp).toISOString()],
    ['SignatureVersion', n.signatureVersion],
    ['Signature', signature(n)],
    ['SigningCertURL', signingCertUrl(n)],
    ['UnsubscribeURL', unsubscribeUrl(n)],
  );
  const lines = fields.map(([name, value]) => `  ${JSON.stringify(name)} : ${JSON.stringify(value)}`);
  const attributes = Object.entries(n.attributes);
  if (attributes.length > 0) {
    const entries = attributes.map(
      ([name, a]) =>
        `    ${JSON.stringify(name)} : ${JSON.stringify({ Type: a.DataType, Value: a.StringValue ?? a.BinaryValue })}`,
    );
    lines.push(`  "MessageAttributes" : {\n${entries.join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

/**
 * The event a Lambda subscriber is invoked with: one record whose `Sns` member carries the notification
 * (note `SigningCertUrl` and `UnsubscribeUrl`, and `Subject` null when absent, as Lambda receives them).
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
export function lambdaEvent(n: Notification): string {
  const attributes: Record<string, { Type: string; Value: string | undefined }> = {};
  for (const [name, a] of Object.entries(n.attributes)) {
    attributes[name] = { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue };
  }
  const sns: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: n.topicArn,
    Subject: n.subject ?? null,
    Message: n.message,
    Timestamp: new Date(n.timestamp).toISOString(),
    SignatureVersion: n.signatureVersion,
    Signature: signature(n),
    SigningCertUrl: signingCertUrl(n),
    UnsubscribeUrl: unsubscribeUrl(n),
    MessageAttributes: attributes,
  };
  if (n.sequenceNumber !== undefined) sns.SequenceNumber = n.sequenceNumber;
  return JSON.stringify({
    Records: [
      { EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: n.subscriptionArn, Sns: sns },
    ],
  });
}

function signingCertUrl(n: Notification): string {
  return `https://sns.${n.region}.amazonaws.com/SimpleNotificationService-nimbus.pem`;
}

function unsubscribeUrl(n: Notification): string {
  return `http://${n.host}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(n.subscriptionArn)}`;
}

/**
 * Nimbus has no signing certificate; the signature is a digest of the fields AWS signs, base64 like AWS's,
 * so it has the right form but does not verify against any certificate.
 */
function signature(n: Notification): string {
  const canonical = [n.message, n.messageId, n.subject ?? '', n.timestamp, n.topicArn, 'Notification'].join(
    '\n',
  );
  const digest = createHash(n.signatureVersion === '2' ? 'sha256' : 'sha1')
    .update(canonical)
    .digest();
  return Buffer.concat([digest, digest, digest, digest, digest, digest, digest]).toString('base64');
}
