// The shapes S3 sends: the event record of a notification to SQS, SNS or Lambda, and the EventBridge
// event, for each kind of object change.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html

import type { ObjectEvent } from './notifications.js';
import type { StoredObject } from './s3.js';
import type { BucketRow } from './store.js';

export function eventRecord(
  bucket: BucketRow,
  object: StoredObject,
  event: ObjectEvent,
  configurationId: string,
  now: number,
  sequence: number,
) {
  const versioned = object.versionId !== 'null';
  return {
    eventVersion: eventVersion(event.name),
    eventSource: 'aws:s3',
    awsRegion: bucket.region,
    eventTime: new Date(now).toISOString(),
    eventName: event.name,
    userIdentity: { principalId: event.principal },
    requestParameters: { sourceIPAddress: event.sourceIp ?? '127.0.0.1' },
    responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': event.requestId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: {
        name: bucket.name,
        ownerIdentity: { principalId: event.principal },
        arn: `arn:aws:s3:::${bucket.name}`,
      },
      object: {
        // Keys are URL-encoded in event records (spaces as '+'), as S3 sends them.
        key: encodeURIComponent(object.key).replace(/%2F/g, '/').replace(/%20/g, '+'),
        ...(removed(event.name) ? {} : { size: object.size, eTag: object.etag.replace(/"/g, '') }),
        ...(versioned ? { versionId: object.versionId } : {}),
        sequencer: sequencer(sequence),
      },
    },
    // Only s3:ObjectRestore:Completed records carry glacierEventData.
    ...(event.restoreExpiresAt !== undefined
      ? {
          glacierEventData: {
            restoreEventData: {
              lifecycleRestorationExpiryTime: new Date(event.restoreExpiresAt).toISOString(),
              lifecycleRestoreStorageClass: object.storageClass,
            },
          },
        }
      : {}),
  };
}

/** EventBridge's detail type for each S3 event (`ObjectCreated:Put` → "Object Created"). */
const DETAIL_TYPES: Record<string, string> = {
  ObjectCreated: 'Object Created',
  ObjectRemoved: 'Object Deleted',
  LifecycleExpiration: 'Object Deleted',
  'ObjectRestore:Post': 'Object Restore Initiated',
  'ObjectRestore:Completed': 'Object Restore Completed',
  'ObjectRestore:Delete': 'Object Restore Expired',
  'ObjectTagging:Put': 'Object Tags Added',
  'ObjectTagging:Delete': 'Object Tags Deleted',
  'ObjectAcl:Put': 'Object ACL Updated',
};

export function eventBridgeEntry(
  bucket: BucketRow,
  object: StoredObject,
  event: ObjectEvent,
  sequence: number,
) {
  const detailType = DETAIL_TYPES[event.name] ?? DETAIL_TYPES[event.name.split(':')[0]!] ?? 'Object Created';
  const created = detailType === 'Object Created';
  const deleted = detailType === 'Object Deleted';
  const restore = event.name.startsWith('ObjectRestore:');
  const detail = {
    version: '0',
    bucket: { name: bucket.name },
    object: {
      key: object.key,
      ...(deleted ? {} : { etag: object.etag.replace(/"/g, '') }),
      ...(created || restore ? { size: object.size } : {}),
      ...(object.versionId !== 'null' ? { 'version-id': object.versionId } : {}),
      sequencer: sequencer(sequence),
    },
    'request-id': event.requestId,
    requester: bucket.account,
    'source-ip-address': event.sourceIp ?? '127.0.0.1',
    ...(created || deleted ? { reason: reasonFor(event.name) } : {}),
    ...(deleted
      ? {
          'deletion-type': event.name.endsWith('DeleteMarkerCreated')
            ? 'Delete Marker Created'
            : 'Permanently Deleted',
        }
      : {}),
    ...(event.restoreExpiresAt !== undefined
      ? { 'restore-expiry-time': new Date(event.restoreExpiresAt).toISOString() }
      : {}),
    ...(restore && !event.name.endsWith('Delete') ? { 'source-storage-class': object.storageClass } : {}),
  };
  return {
    account: bucket.account,
    region: bucket.region,
    entry: {
      Source: 'aws.s3',
      DetailType: detailType,
      Detail: JSON.stringify(detail),
      Resources: [`arn:aws:s3:::${bucket.name}`],
    },
  };
}

/** S3 versioned records per event type: 2.1 for general events, 2.3 for lifecycle events. (The current
 * page describes one unified 2.4+ version for all types, but when that reached every region is unclear;
 * 2.1 is what consumers and `sam local generate-event` expect.) notification-content-structure.html */
function eventVersion(eventName: string): string {
  return eventName.startsWith('Lifecycle') ? '2.3' : '2.1';
}

function removed(eventName: string): boolean {
  return eventName.startsWith('ObjectRemoved') || eventName.startsWith('LifecycleExpiration');
}

function reasonFor(eventName: string): string {
  if (eventName.startsWith('LifecycleExpiration')) return 'Lifecycle Expiration';
  const action = eventName.split(':')[1] ?? '';
  if (action === 'Put') return 'PutObject';
  if (action === 'Copy') return 'CopyObject';
  if (action === 'CompleteMultipartUpload') return 'CompleteMultipartUpload';
  // "the S3 API used to create the object: PutObject, POST Object, CopyObject, or CompleteMultipartUpload"
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
  if (action === 'Post') return 'POST Object';
  return 'DeleteObject';
}

/** Increases with every event on a key, as S3's sequencer does (hex, fixed width). */
function sequencer(id: number): string {
  return id.toString(16).toUpperCase().padStart(18, '0');
}
