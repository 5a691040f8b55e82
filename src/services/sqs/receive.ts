// ReceiveMessage semantics: picking visible messages (FIFO: group order, a group blocked while it has
// a message in flight), moving over-received messages to the dead-letter queue, and shaping the output.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html

import { type AttributeValue, md5OfAttributes } from './checksums.js';
import type { Queue } from './queue.js';
import { encodeReceiptHandle, newReceiptToken } from './receipt-handle.js';
import { nextSequenceNumber } from './send.js';
import type { Sqs } from './sqs.js';
import type { MessageRow } from './store.js';

export interface ReceiveOptions {
  maxMessages: number;
  visibilityTimeout: number;
  /** System attribute names asked for (`All` or names). */
  attributeNames: readonly string[];
  /** Message attribute names asked for (`All`, `.*`, `prefix.*` or names). */
  messageAttributeNames: readonly string[];
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, AttributeValue>;
}

/** One receive attempt, in one transaction: no other receiver can take the same rows. */
export function receiveNow(sqs: Sqs, queue: Queue, options: ReceiveOptions): ReceivedMessage[] {
  return sqs.store.transaction(() => {
    const now = sqs.clock.now();
    sqs.dropExpired(queue, now);
    const received: ReceivedMessage[] = [];
    const redrive = queue.redrivePolicy;
    const deadLetterQueue = redrive && sqs.findQueueByArn(redrive.deadLetterTargetArn);
    const visibleUntil = now + options.visibilityTimeout * 1000;
    // With VisibilityTimeout 0 a row this call took is still visible when it looks again.
    const taken = new Set<number>();
    while (received.length < options.maxMessages) {
      const wanted = options.maxMessages - received.length + taken.size;
      const rows = (
        queue.fifo
          ? sqs.sql.visibleFifoMessages.all({ queue: queue.id, now, limit: wanted })
          : sqs.sql.visibleMessages.all(queue.id, now, wanted)
      ) as MessageRow[];
      if (rows.length === 0) break;
      let movedAny = false;
      for (const row of rows) {
        if (taken.has(row.id) || received.length >= options.maxMessages) continue;
        // "If the ReceiveCount for a message exceeds the maximum receive count for the queue, Amazon SQS moves
        // the message to a dead-letter-queue." The move happens on the receive that would exceed it.
        if (redrive && deadLetterQueue && row.receive_count >= redrive.maxReceiveCount) {
          moveToQueue(sqs, row, deadLetterQueue, now, queue.arn);
          movedAny = true;
          continue;
        }
        const token = newReceiptToken();
        taken.add(row.id);
        sqs.sql.markReceived.run(visibleUntil, now, now, token, row.id);
        row.receive_count += 1;
        row.first_received_at ??= now;
        received.push(
          toOutput(row, encodeReceiptHandle({ queueId: queue.id, messageRowId: row.id, token }), options),
        );
      }
      // FIFO rows were chosen before earlier group members left for the DLQ; look again only then.
      if (!movedAny) break;
    }
    return received;
  });
}

/** Moves a message row to another queue (dead-letter or redrive), keeping its id, body and enqueue time. */
export function moveToQueue(
  sqs: Sqs,
  row: MessageRow,
  target: Queue,
  now: number,
  deadLetterSourceArn: string | null,
): void {
  sqs.sql.deleteMessage.run(row.id);
  sqs.sql.insertMessage.run({
    queue_id: target.id,
    message_id: row.message_id,
    body: row.body,
    message_attributes: row.message_attributes,
    system_attributes: row.system_attributes,
    md5_body: row.md5_body,
    sender_id: row.sender_id,
    sent_at: row.sent_at,
    // Standard queues: "the expiration of a message is always based on its original enqueue timestamp";
    // FIFO queues: "the enqueue timestamp resets when the message is moved to a dead-letter queue".
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
    enqueued_at: target.fifo ? now : row.enqueued_at,
    visible_at: now,
    group_id: row.group_id,
    dedup_id: row.dedup_id,
    sequence_number: target.fifo ? nextSequenceNumber(sqs, target) : null,
    dead_letter_source_arn: deadLetterSourceArn,
  });
  sqs.longPolls.wake(target.id);
}

function toOutput(row: MessageRow, receiptHandle: string, options: ReceiveOptions): ReceivedMessage {
  const message: ReceivedMessage = {
    MessageId: row.message_id,
    ReceiptHandle: receiptHandle,
    MD5OfBody: row.md5_body,
    Body: row.body,
  };
  const attributes = systemAttributes(row, options.attributeNames);
  if (attributes) message.Attributes = attributes;
  const userAttributes = selectMessageAttributes(row, options.messageAttributeNames);
  if (userAttributes) {
    message.MessageAttributes = userAttributes;
    message.MD5OfMessageAttributes = md5OfAttributes(userAttributes);
  }
  return message;
}

function systemAttributes(row: MessageRow, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all = names.includes('All');
  const trace = row.system_attributes
    ? (JSON.parse(row.system_attributes) as Record<string, AttributeValue>).AWSTraceHeader?.StringValue
    : undefined;
  const available: Record<string, string | null | undefined> = {
    SenderId: row.sender_id,
    SentTimestamp: String(row.sent_at),
    ApproximateReceiveCount: String(row.receive_count),
    ApproximateFirstReceiveTimestamp:
      row.first_received_at === null ? undefined : String(row.first_received_at),
    MessageDeduplicationId: row.dedup_id,
    MessageGroupId: row.group_id,
    SequenceNumber: row.sequence_number,
    AWSTraceHeader: trace,
    DeadLetterQueueSourceArn: row.dead_letter_source_arn,
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(available)) {
    if (value !== null && value !== undefined && (all || names.includes(name))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function selectMessageAttributes(
  row: MessageRow,
  names: readonly string[],
): Record<string, AttributeValue> | undefined {
  if (names.length === 0 || !row.message_attributes) return undefined;
  const stored = JSON.parse(row.message_attributes) as Record<string, AttributeValue>;
  const all = names.includes('All') || names.includes('.*');
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(stored)) {
    if (all || names.includes(name) || prefixes.some((p) => name.startsWith(p))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
