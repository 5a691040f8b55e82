// The event a DynamoDB stream mapping invokes its function with: the stream records as Lambda hands them
// over, and a tumbling window's members when the mapping has windows. The same event is the `payload` an S3
// OnFailure destination receives.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#events-sample-dynamodb

import { lambdaEventRecord } from '../dynamodb/streams/index.js';
import type { StreamRecord } from './stream-failures.js';
import { type TumblingWindow, windowFields } from './tumbling-window.js';

export interface Windowed {
  window: TumblingWindow;
  shardId: string;
  final: boolean;
}

export function streamEvent(
  records: StreamRecord[],
  streamArn: string,
  windowed?: Windowed,
): Record<string, unknown> {
  return {
    Records: records.map((record) => lambdaEventRecord(record, streamArn)),
    ...(windowed && windowFields(windowed.window, windowed.shardId, streamArn, windowed.final)),
  };
}
