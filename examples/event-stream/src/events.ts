// The user events the legacy system publishes, how a consumer reads them off a Kinesis record, and the one
// structured log line every function writes per event, carrying its correlation id.

import type { KinesisStreamRecord } from 'aws-lambda';

export type UserEventType = 'joined' | 'followed' | 'posted';

export interface UserEvent {
  /** Unique per event: what consumers deduplicate on (Kinesis delivers at least once). */
  eventId: string;
  /** Follows one event through every consumer's logs. */
  correlationId: string;
  type: UserEventType;
  userId: string;
  /** The event's place in its user's history, from 1: consumers check they see it in this order. */
  userSequence: number;
  at: string;
  /** `followed`: whom; `posted`: the text. */
  target?: string;
  text?: string;
}

export function decode(record: KinesisStreamRecord): UserEvent {
  return JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as UserEvent;
}

/** One JSON line per event handled, as a log shipper or Logs Insights reads it. */
export function logEvent(consumer: string, event: UserEvent, message: string, extra: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      level: 'info',
      consumer,
      correlationId: event.correlationId,
      eventId: event.eventId,
      userId: event.userId,
      message,
      ...extra,
    }),
  );
}
