// FilterLogEvents: a group's events across its streams, in timestamp order, through a filter pattern.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html

import { invalidParameter } from './errors.js';
import { compileFilterPattern } from './filter-pattern.js';
import { withinBytes } from './log-events.js';
import type { CloudWatchLogs } from './logs.js';
import type { EventRow, GroupRow } from './store.js';
import {
  type Direction,
  decodeFilterToken,
  END,
  encodeFilterToken,
  eventId,
  type Position,
  START,
} from './tokens.js';

export interface FilterOptions {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  limit?: number;
  startFromHead?: boolean;
  nextToken?: string;
}

export interface FilteredLogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

const MAX_EVENTS = 10_000;
const MAX_PAGE_BYTES = 1_048_576;

/** One page of matching events. A nextToken is returned only when the page stopped at its limit. */
export function filterLogEvents(
  logs: CloudWatchLogs,
  group: GroupRow,
  options: FilterOptions,
): { events: FilteredLogEvent[]; nextToken?: string } {
  if (options.logStreamNames && options.logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot specify both logStreamNames and logStreamNamePrefix.');
  }
  const matches = compileFilterPattern(options.filterPattern);
  const streams = options.logStreamNames ? new Set(options.logStreamNames) : undefined;
  const prefix = options.logStreamNamePrefix ?? '';
  logs.deleteExpired(group);
  let direction: Direction = options.startFromHead === false ? 'backward' : 'forward';
  let from: Position = direction === 'forward' ? START : END;
  if (options.nextToken !== undefined) ({ direction, position: from } = decodeFilterToken(options.nextToken));
  const statement = direction === 'forward' ? logs.sql.groupEventsAfter : logs.sql.groupEventsBefore;
  const limit = options.limit ?? MAX_EVENTS;
  const rows: (EventRow & { stream_name: string })[] = [];
  const query = {
    group: group.id,
    t: from.t,
    id: from.id,
    from: Math.max(options.startTime ?? 0, logs.retentionCutoff(group)),
    to: options.endTime ?? Number.MAX_SAFE_INTEGER,
  };
  // Iterated, not loaded: a selective pattern may need to look at many events to fill one page.
  for (const row of statement.iterate(query) as Iterable<EventRow & { stream_name: string }>) {
    if (streams ? !streams.has(row.stream_name) : !row.stream_name.startsWith(prefix)) continue;
    if (!matches(row.message)) continue;
    rows.push(row);
    if (rows.length >= limit) break;
  }
  const page = withinBytes(rows, MAX_PAGE_BYTES);
  const last = page[page.length - 1];
  const more = last !== undefined && (page.length < rows.length || rows.length >= limit);
  return {
    events: page.map((row) => ({
      logStreamName: row.stream_name,
      timestamp: row.timestamp,
      message: row.message,
      ingestionTime: row.ingested_at,
      eventId: eventId({ t: row.timestamp, id: row.id }),
    })),
    nextToken: more ? encodeFilterToken(direction, { t: last.timestamp, id: last.id }) : undefined,
  };
}
