// DynamoDB Streams records: the shape GetRecords returns for INSERT, MODIFY and REMOVE, by view type.
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_Record.html
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_StreamRecord.html

import { randomUUID } from 'node:crypto';
import { type Item, itemSize } from './values.js';

/** Stream records are kept 24 hours. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

/** As the Streams API spells it (`Identity`: PrincipalId, Type); Lambda events lower-case the names. */
export interface UserIdentity {
  readonly Type: string;
  readonly PrincipalId: string;
}

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  userIdentity?: UserIdentity;
}

export function buildStreamRecord(change: {
  region: string;
  keys: Item;
  old: Item | undefined;
  next: Item | undefined;
  viewType: string;
  now: number;
  identity?: UserIdentity;
}): StreamRecord {
  const { old, next, viewType } = change;
  const eventName = !old ? 'INSERT' : !next ? 'REMOVE' : 'MODIFY';
  const newImage = next && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? next : undefined;
  const oldImage = old && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? old : undefined;
  const size =
    itemSize(change.keys) + (newImage ? itemSize(newImage) : 0) + (oldImage ? itemSize(oldImage) : 0);
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: change.region,
    dynamodb: {
      // Whole seconds, as DynamoDB Streams reports them.
      ApproximateCreationDateTime: Math.floor(change.now / 1000),
      Keys: change.keys,
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: '',
      SizeBytes: size,
      StreamViewType: viewType,
    },
    ...(change.identity ? { userIdentity: change.identity } : {}),
  };
}

/** A record as a Lambda event-source mapping delivers it: the Streams API record plus `eventSourceARN`,
 * with `userIdentity` in Lambda's lower-case spelling.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-ddb-event */
export function lambdaEventRecord(
  record: Pick<StreamRecord, 'userIdentity'> & object,
  streamArn: string,
): Record<string, unknown> {
  const { userIdentity, ...rest } = record;
  return {
    ...rest,
    eventSourceARN: streamArn,
    ...(userIdentity
      ? { userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } }
      : {}),
  };
}
