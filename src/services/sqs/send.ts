// SendMessage semantics: validation, delays, FIFO deduplication and sequence numbers.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html

import { createHash, randomUUID } from 'node:crypto';
import { attributesBytes } from '../../lib/message-attributes.js';
import { md5OfAttributes, md5OfBody } from './checksums.js';
import { invalidParameter, invalidParameterValue, missingParameter } from './errors.js';
import {
  checkMessageAttributes,
  checkSystemAttributes,
  hasInvalidCharacters,
  type InputAttribute,
  invalidMessageContents,
} from './message-attributes.js';
import type { Queue } from './queue.js';
import type { Sqs } from './sqs.js';

export interface SendRequest {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, InputAttribute>;
  MessageSystemAttributes?: Record<string, InputAttribute>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const ID_PATTERN = /^[\x21-\x7E]{1,128}$/;

/** Validates and stores one message; the returned result is what SendMessage answers. */
export function sendMessage(sqs: Sqs, queue: Queue, request: SendRequest, senderId: string): SendResult {
  const body = request.MessageBody;
  if (body === '') throw missingParameter('MessageBody');
  if (hasInvalidCharacters(body)) throw invalidMessageContents();
  const attributes = checkMessageAttributes(request.MessageAttributes);
  const systemAttributes = checkSystemAttributes(request.MessageSystemAttributes);
  const size = Buffer.byteLength(body) + attributesBytes(request.MessageAttributes);
  if (size > queue.maximumMessageSize) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`,
    );
  }
  checkFifoParameters(queue, request);
  const delay = request.DelaySeconds ?? queue.delaySeconds;
  if (delay < 0 || delay > 900) {
    throw invalidParameter('DelaySeconds', delay, 'DelaySeconds must be >= 0 and <= 900.');
  }

  const md5 = md5OfBody(body);
  const result: SendResult = { MessageId: randomUUID(), MD5OfMessageBody: md5 };
  if (attributes) result.MD5OfMessageAttributes = md5OfAttributes(attributes);
  if (systemAttributes) result.MD5OfMessageSystemAttributes = md5OfAttributes(systemAttributes);
  const now = sqs.clock.now();
  const groupId = request.MessageGroupId ?? null;

  sqs.store.transaction(() => {
    let dedupId: string | null = null;
    if (queue.fifo) {
      dedupId = request.MessageDeduplicationId ?? createHash('sha256').update(body, 'utf8').digest('hex');
      const scope = queue.deduplicationScope === 'messageGroup' ? (groupId ?? '') : '';
      sqs.sql.deleteExpiredDeduplication.run(queue.id, now);
      const duplicate = sqs.sql.findDuplicate.get(queue.id, scope, dedupId, now) as
        | { message_id: string; sequence_number: string | null }
        | undefined;
      if (duplicate) {
        // Accepted but not delivered again: SQS answers with the original message's id.
        result.MessageId = duplicate.message_id;
        if (duplicate.sequence_number) result.SequenceNumber = duplicate.sequence_number;
        return;
      }
      result.SequenceNumber = nextSequenceNumber(sqs, queue);
      sqs.sql.recordDeduplication.run(
        queue.id,
        scope,
        dedupId,
        result.MessageId,
        result.SequenceNumber,
        now + DEDUPLICATION_WINDOW_MS,
      );
    }
    sqs.sql.insertMessage.run({
      queue_id: queue.id,
      message_id: result.MessageId,
      body,
      message_attributes: attributes ? JSON.stringify(attributes) : null,
      system_attributes: systemAttributes ? JSON.stringify(systemAttributes) : null,
      md5_body: md5,
      sender_id: senderId,
      sent_at: now,
      enqueued_at: now,
      visible_at: now + delay * 1000,
      group_id: groupId,
      dedup_id: dedupId,
      sequence_number: result.SequenceNumber ?? null,
      dead_letter_source_arn: null,
    });
  });
  sqs.longPolls.wake(queue.id);
  sqs.metrics.sent(queue, size, now);
  return result;
}

/** A 20-digit, strictly increasing sequence number per FIFO queue, as SQS issues. */
export function nextSequenceNumber(sqs: Sqs, queue: Queue): string {
  const { next_sequence } = sqs.sql.nextSequence.get(queue.id) as { next_sequence: number };
  return `1${String(next_sequence).padStart(19, '0')}`;
}

function checkFifoParameters(queue: Queue, request: SendRequest): void {
  for (const [name, value] of [
    ['MessageGroupId', request.MessageGroupId],
    ['MessageDeduplicationId', request.MessageDeduplicationId],
  ] as const) {
    if (value !== undefined && !ID_PATTERN.test(value)) {
      throw invalidParameter(
        name,
        value,
        `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
      );
    }
  }
  if (!queue.fifo) {
    if (request.MessageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId',
        request.MessageDeduplicationId,
        'The request include parameter that is not valid for this queue type',
      );
    }
    return;
  }
  if (request.MessageGroupId === undefined) throw missingParameter('MessageGroupId');
  if (request.DelaySeconds !== undefined && request.DelaySeconds !== 0) {
    throw invalidParameter(
      'DelaySeconds',
      request.DelaySeconds,
      'The request include parameter that is not valid for this queue type',
    );
  }
  if (request.MessageDeduplicationId === undefined && !queue.contentBasedDeduplication) {
    throw invalidParameterValue(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
}
