// The event a stream mapping invokes its function with: the stream records as Lambda hands them over (each
// source words its own, core/ports/stream-source.ts), and a tumbling window's members when the mapping has
// windows. The same event is the `payload` an S3 OnFailure destination receives.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#events-sample-dynamodb
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html

import type { SourceRecord } from '../../core/ports/stream-source.js';
import { type TumblingWindow, windowFields } from './tumbling-window.js';

export interface Windowed {
  window: TumblingWindow;
  shardId: string;
  final: boolean;
}

/** `role` is the function's execution role: Kinesis records name it as `invokeIdentityArn` (after
 * `eventName`, as AWS's sample event orders it); DynamoDB's do not. */
export function streamEvent(
  records: readonly SourceRecord[],
  streamArn: string,
  windowed?: Windowed,
  role?: string,
): Record<string, unknown> {
  return {
    Records: records.map((record) => withIdentity(record.eventRecord, role)),
    ...(windowed && windowFields(windowed.window, windowed.shardId, streamArn, windowed.final)),
  };
}

function withIdentity(record: Record<string, unknown>, role: string | undefined): Record<string, unknown> {
  if (!role || record.eventSource !== 'aws:kinesis') return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = value;
    if (key === 'eventName') out.invokeIdentityArn = role;
  }
  out.invokeIdentityArn ??= role;
  return out;
}
