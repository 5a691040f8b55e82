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

export function streamEvent(
  records: readonly SourceRecord[],
  streamArn: string,
  windowed?: Windowed,
): Record<string, unknown> {
  return {
    Records: records.map((record) => record.eventRecord),
    ...(windowed && windowFields(windowed.window, windowed.shardId, streamArn, windowed.final)),
  };
}
