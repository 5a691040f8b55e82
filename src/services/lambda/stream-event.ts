// The event a DynamoDB stream mapping invokes its function with: the stream records as Lambda hands them
// over, and a tumbling window's members when the mapping has windows. The same event is the `payload` an S3
// OnFailure destination receives.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#events-sample-dynamodb

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
    Records: records.map((record) => lambdaRecord(record, streamArn)),
    ...(windowed && windowFields(windowed.window, windowed.shardId, streamArn, windowed.final)),
  };
}

/** The record as Lambda hands it over: with the stream's ARN, and `userIdentity` in lower camel case. */
function lambdaRecord(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const { userIdentity, ...rest } = record;
  return {
    ...rest,
    eventSourceARN: streamArn,
    ...(userIdentity
      ? { userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } }
      : {}),
  };
}
