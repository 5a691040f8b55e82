// FIFO ReceiveRequestAttemptId: retrying a ReceiveMessage with the same attempt id within 5 minutes,
// while its messages are still in flight, returns the same messages and receipt handles.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html#SQS-ReceiveMessage-request-ReceiveRequestAttemptId

import type { Queue } from './queue.js';
import { decodeReceiptHandle } from './receipt-handle.js';
import type { ReceivedMessage } from './receive.js';
import type { Sqs } from './sqs.js';
import type { MessageRow } from './store.js';

const ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

export class ReceiveAttempts {
  // Kept in memory: after a restart a retried attempt simply receives afresh, which SQS also allows.
  private readonly attempts = new Map<string, { at: number; messages: ReceivedMessage[] }>();

  constructor(private readonly sqs: Sqs) {}

  remember(queue: Queue, attemptId: string, messages: ReceivedMessage[]): void {
    this.prune();
    this.attempts.set(`${queue.id}/${attemptId}`, { at: this.sqs.clock.now(), messages });
  }

  /** The earlier answer, if every message in it is still in flight under the same receipt handle. */
  repeat(queue: Queue, attemptId: string): ReceivedMessage[] | undefined {
    const attempt = this.attempts.get(`${queue.id}/${attemptId}`);
    const now = this.sqs.clock.now();
    if (!attempt || now - attempt.at > ATTEMPT_WINDOW_MS) return undefined;
    const stillInFlight = attempt.messages.every((message) => {
      const handle = decodeReceiptHandle(message.ReceiptHandle);
      const row =
        handle && (this.sqs.sql.messageById.get(handle.messageRowId, queue.id) as MessageRow | undefined);
      return row && row.receipt_token === handle.token && row.visible_at > now;
    });
    return stillInFlight ? attempt.messages : undefined;
  }

  clear(): void {
    this.attempts.clear();
  }

  private prune(): void {
    const cutoff = this.sqs.clock.now() - ATTEMPT_WINDOW_MS;
    for (const [key, attempt] of this.attempts) if (attempt.at < cutoff) this.attempts.delete(key);
  }
}
