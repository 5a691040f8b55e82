// Deleting objects: in an unversioned bucket the object goes; in a versioned (or suspended) bucket a
// delete without a version id adds a delete marker; with a version id that version goes for good.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html

import { checkWriteConditions } from './conditions.js';
import type { ObjectEvent } from './notifications.js';
import type { S3 } from './s3.js';

export interface DeleteResult {
  readonly deleteMarker: boolean;
  /** The version removed, or the delete marker's id. */
  readonly versionId?: string;
}

/**
 * `ifMatch` makes the delete conditional (S3's conditional deletes): the object (or the version named)
 * must exist — 404 NoSuchKey otherwise — and have that ETag (`*`: any) — 412 PreconditionFailed otherwise.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 */
export function deleteObject(
  s3: S3,
  bucketName: string,
  key: string,
  versionId: string | undefined,
  event: (name: string) => ObjectEvent,
  ifMatch?: string,
): DeleteResult {
  const bucket = s3.requireBucket(bucketName);
  if (ifMatch !== undefined) {
    checkWriteConditions(s3.findObject(bucketName, key, versionId), key, { ifMatch });
  }
  if (versionId !== undefined) {
    const found = s3.findObject(bucketName, key, versionId);
    // Deleting a version that is not there succeeds, as in S3.
    if (!found) return { deleteMarker: false, versionId };
    s3.removeVersion(bucket, found, event('ObjectRemoved:Delete'));
    return { deleteMarker: found.deleteMarker, versionId };
  }
  if (bucket.versioning === '') {
    const found = s3.findObject(bucketName, key);
    if (found) s3.removeVersion(bucket, found, event('ObjectRemoved:Delete'));
    return { deleteMarker: false };
  }
  const marker = s3.putVersion(bucket, key, 'delete-marker', event('ObjectRemoved:DeleteMarkerCreated'));
  return { deleteMarker: true, versionId: marker.versionId };
}
