// PutEvents: each entry checked and answered on its own (an EventId, or an ErrorCode and ErrorMessage),
// valid ones made into events as EventBridge makes them and matched against the bus's rules; deliveries to
// the matching rules' targets are queued in the same transaction.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html

import { randomUUID } from 'node:crypto';
import { validation } from './errors.js';
import type { EventBridge } from './eventbridge.js';
import { busNameOf, eventTime } from './names.js';
import type { EventEnvelope } from './targets.js';

export interface PutEventsEntry {
  Time?: number;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * The request limit: 1 MB since January 2026 (256 KB before), counted as AWS counts an entry — Time as 14
 * bytes, Source, DetailType, Detail and each resource as their UTF-8 bytes.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html (still says 256 KB) and
 * https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export function putEvents(
  engine: EventBridge,
  account: string,
  region: string,
  entries: readonly PutEventsEntry[],
  /** The AWS service calling in-process (`s3`), or undefined for a client's request. */
  caller: string | undefined,
): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
  const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES)
    throw validation('Total size of the entries in the request is over the limit.');
  const ingestedAt = engine.clock.now();
  const results = engine.store.transaction(() =>
    entries.map((entry): PutEventsResultEntry => {
      const problem = checkEntry(entry, caller);
      if (problem) return problem;
      const busName = busNameOf(entry.EventBusName);
      const bus = engine.buses.find(account, region, busName);
      if (!bus) return failure('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
      const event: EventEnvelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType!,
        source: entry.Source!,
        account,
        time: eventTime(entry.Time ?? ingestedAt),
        region,
        resources: entry.Resources ?? [],
        detail: JSON.parse(entry.Detail!),
      };
      engine.route(bus.arn, event, ingestedAt);
      return { EventId: event.id };
    }),
  );
  engine.deliveries.kick();
  const failed = results.filter((result) => 'ErrorCode' in result).length;
  return { FailedEntryCount: failed, Entries: results };
}

/** An entry's size as AWS counts it toward the request limit. */
export function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (text !== undefined) size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}

function checkEntry(entry: PutEventsEntry, caller: string | undefined): PutEventsResultEntry | undefined {
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    if (entry[member] === undefined || entry[member] === '') {
      return failure(
        'InvalidArgument',
        `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
      );
    }
  }
  let detail: unknown;
  try {
    detail = nestingDepth(entry.Detail!) <= MAX_NESTING ? JSON.parse(entry.Detail!) : undefined;
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return failure('MalformedDetail', 'Detail is malformed.');
  // Sources beginning with "aws." belong to AWS services: each sends its own (S3 sends `aws.s3`), and
  // EventBridge itself forwards any (bus to bus); a client may send none.
  const source = entry.Source!;
  if (source.startsWith('aws.') && caller !== 'eventbridge' && source !== `aws.${caller}`)
    return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
  return undefined;
}

/**
 * AWS parses Detail with Jackson, whose default nesting limit is 1,000 levels; deeper JSON is malformed to it
 * (and would overflow the stack when the event is written out again).
 */
const MAX_NESTING = 1000;

/** The deepest nesting of objects and arrays in JSON text, counted outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

function failure(code: string, message: string): PutEventsResultEntry {
  return { ErrorCode: code, ErrorMessage: message };
}
