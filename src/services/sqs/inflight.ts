// Messages in flight: DeleteMessage and ChangeMessageVisibility by receipt handle.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html

import { ServiceError } from '../../core/errors.js';
import { invalidParameter, invalidReceiptHandle } from './errors.js';
import type { Queue } from './queue.js';
import { decodeReceiptHandle, type ReceiptHandle } from './receipt-handle.js';
import type { Sqs } from './sqs.js';
import type { MessageRow } from './store.js';

const MAX_VISIBILITY_SECONDS = 43_200;

/** Deletes the message this receipt handle came from. A handle from an earlier receive is accepted but
 * deletes nothing: "you must provide the most recently received ReceiptHandle for the message (otherwise,
 * the request succeeds, but the message will not be deleted)". */
export function deleteMessage(sqs: Sqs, queue: Queue, receiptHandle: string): void {
  const handle = requireHandle(queue, receiptHandle);
  const { changes } = sqs.sql.deleteReceived.run(handle.messageRowId, queue.id, handle.token);
  sqs.metrics.deleted(queue);
  // Deleting the head of a FIFO group makes the next message of the group available.
  if (changes > 0 && queue.fifo) sqs.longPolls.wake(queue.id);
}

export function changeVisibility(
  sqs: Sqs,
  queue: Queue,
  receiptHandle: string,
  timeoutSeconds: number,
): void {
  const handle = requireHandle(queue, receiptHandle);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds > MAX_VISIBILITY_SECONDS) {
    throw invalidParameter(
      'VisibilityTimeout',
      timeoutSeconds,
      `Must be between 0 and ${MAX_VISIBILITY_SECONDS}, if provided.`,
    );
  }
  const row = sqs.sql.messageById.get(handle.messageRowId, queue.id) as MessageRow | undefined;
  if (!row || row.receipt_token !== handle.token) {
    throw invalidParameter(
      'ReceiptHandle',
      receiptHandle,
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
  const now = sqs.clock.now();
  if (row.visible_at <= now) {
    throw new ServiceError(
      'MessageNotInflight',
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
  // The 12-hour maximum counts from the receive, not from this call.
  if (now + timeoutSeconds * 1000 - (row.received_at ?? now) > MAX_VISIBILITY_SECONDS * 1000) {
    throw invalidParameter(
      'VisibilityTimeout',
      timeoutSeconds,
      `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`,
    );
  }
  sqs.sql.setVisibleAt.run(now + timeoutSeconds * 1000, row.id);
  // Waiters re-check and re-arm their timers for the message's new visibility time.
  sqs.longPolls.wake(queue.id);
}

function requireHandle(queue: Queue, receiptHandle: string): ReceiptHandle {
  const handle = decodeReceiptHandle(receiptHandle);
  if (!handle || handle.queueId !== queue.id) throw invalidReceiptHandle(receiptHandle);
  return handle;
}
