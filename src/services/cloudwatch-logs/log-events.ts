// Writing and reading a stream's events: PutLogEvents' batch rules and GetLogEvents' two-way paging.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html

import { recordEmbeddedMetrics } from './embedded-metrics.js';
import { invalidParameter } from './errors.js';
import type { CloudWatchLogs } from './logs.js';
import type { EventRow, GroupRow, StreamRow } from './store.js';
import { type Direction, decodeStreamToken, END, encodeStreamToken, type Position, START } from './tokens.js';

export interface NewEvent {
  timestamp: number;
  message: string;
}

export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const HOUR_MS = 3_600_000;
const MAX_SPAN_MS = 24 * HOUR_MS;
const MAX_AGE_MS = 14 * 24 * HOUR_MS;
const MAX_AHEAD_MS = 2 * HOUR_MS;
const MAX_EVENTS_PER_PAGE = 10_000;
const MAX_PAGE_BYTES = 1_048_576;

/** PutLogEvents: whole-batch rules fail the request; events too old, expired or too new are set aside and
 * reported by index while the rest are stored. Sequence tokens are no longer checked by AWS. */
export function putLogEvents(
  logs: CloudWatchLogs,
  group: GroupRow,
  stream: StreamRow,
  events: readonly NewEvent[],
): { nextSequenceToken: string; rejectedLogEventsInfo?: RejectedLogEventsInfo } {
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + EVENT_OVERHEAD_BYTES, 0);
  if (bytes > MAX_BATCH_BYTES) {
    throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  const now = logs.clock.now();
  // Sorted, so each rejected kind is a run at one end: [0, tooOld) and [tooNew, n).
  const tooOld = countWhile(events, (e) => e.timestamp < now - MAX_AGE_MS);
  const expired = countWhile(events, (e) => e.timestamp < logs.retentionCutoff(group));
  let tooNew = events.findIndex((e) => e.timestamp > now + MAX_AHEAD_MS);
  if (tooNew === -1) tooNew = events.length;
  const accepted = events.slice(Math.max(tooOld, expired), tooNew);
  if (
    accepted.length > 0 &&
    accepted[accepted.length - 1]!.timestamp - accepted[0]!.timestamp > MAX_SPAN_MS
  ) {
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  const updated = logs.store.transaction(() => insertEvents(logs, group, stream, accepted));
  const rejected: RejectedLogEventsInfo = {};
  if (tooOld > 0) rejected.tooOldLogEventEndIndex = tooOld;
  if (expired > tooOld) rejected.expiredLogEventEndIndex = expired;
  if (tooNew < events.length) rejected.tooNewLogEventStartIndex = tooNew;
  return {
    nextSequenceToken: sequenceToken(updated),
    rejectedLogEventsInfo: Object.keys(rejected).length > 0 ? rejected : undefined,
  };
}

/** Stores events (already in timestamp order), moves the stream's timestamps and upload count on, and
 * queues what the group's subscription filters match (in the caller's transaction). */
export function insertEvents(
  logs: CloudWatchLogs,
  group: GroupRow,
  stream: StreamRow,
  events: readonly NewEvent[],
): StreamRow {
  const now = logs.clock.now();
  const stored = events.map((event) => {
    const { lastInsertRowid } = logs.sql.insertEvent.run(
      stream.id,
      event.timestamp,
      now,
      event.message,
      Buffer.byteLength(event.message),
    );
    return { id: Number(lastInsertRowid), timestamp: event.timestamp, message: event.message };
  });
  logs.subscriptions.queueMatches(group, stream, stored);
  if (logs.metrics && events.length > 0) {
    const messages = events.map((event) => event.message);
    recordEmbeddedMetrics(logs.metrics, group, group.name, messages, now);
    logs.metricFilters.apply(logs.metrics, group, events);
  }
  return logs.sql.recordUpload.get({
    id: stream.id,
    now,
    first: events[0]?.timestamp ?? null,
    last: events[events.length - 1]?.timestamp ?? null,
  }) as StreamRow;
}

/** The stream's upload sequence token, in AWS's 56-digit form (returned, never required). */
export function sequenceToken(stream: StreamRow): string {
  return `4${String(stream.id).padStart(19, '0')}${String(stream.uploads).padStart(36, '0')}`;
}

export interface GetLogEventsOptions {
  startTime?: number;
  endTime?: number;
  limit?: number;
  startFromHead?: boolean;
  nextToken?: string;
}

export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

/** A page of a stream's events, oldest first, from the head or the tail; a token's direction wins over
 * `startFromHead`. At either end of the stream the token passed in comes back unchanged. */
export function getLogEvents(
  logs: CloudWatchLogs,
  group: GroupRow,
  stream: StreamRow,
  options: GetLogEventsOptions,
): { events: OutputLogEvent[]; nextForwardToken: string; nextBackwardToken: string } {
  logs.deleteExpired(group);
  let direction: Direction = options.startFromHead ? 'forward' : 'backward';
  let from: Position = direction === 'forward' ? START : END;
  if (options.nextToken !== undefined) ({ direction, position: from } = decodeStreamToken(options.nextToken));
  const query = {
    stream: stream.id,
    t: from.t,
    id: from.id,
    from: Math.max(options.startTime ?? 0, logs.retentionCutoff(group)),
    // GetLogEvents' endTime is exclusive (FilterLogEvents' is inclusive).
    to: options.endTime ?? Number.MAX_SAFE_INTEGER,
    limit: options.limit ?? MAX_EVENTS_PER_PAGE,
  };
  const read =
    direction === 'forward'
      ? (logs.sql.eventsAfter.all(query) as EventRow[])
      : (logs.sql.eventsBefore.all(query) as EventRow[]);
  // A page holds at most 1 MB of events; backward pages keep the newest, so rows are cut in read order.
  const rows = withinBytes(read, MAX_PAGE_BYTES);
  if (direction === 'backward') rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // With nothing read, the tokens stay where they were: the same token comes back at either end, and a
  // tail read of an empty stream hands out a forward token from the start, so later events are found.
  const forwardFrom = last ? { t: last.timestamp, id: last.id } : from === END ? START : from;
  const backwardFrom = first ? { t: first.timestamp, id: first.id } : from;
  return {
    events: rows.map((row) => ({
      timestamp: row.timestamp,
      message: row.message,
      ingestionTime: row.ingested_at,
    })),
    nextForwardToken: encodeStreamToken('forward', forwardFrom),
    nextBackwardToken: encodeStreamToken('backward', backwardFrom),
  };
}

/** The leading rows whose messages (plus AWS's 26 bytes each) fit in `limit` bytes; at least one. */
export function withinBytes<T extends { size: number }>(rows: T[], limit: number): T[] {
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += rows[i]!.size + EVENT_OVERHEAD_BYTES;
    if (bytes > limit && i > 0) return rows.slice(0, i);
  }
  return rows;
}

function countWhile<T>(items: readonly T[], test: (item: T) => boolean): number {
  let count = 0;
  while (count < items.length && test(items[count]!)) count++;
  return count;
}
