// The S3 engine: buckets and the rows of object versions, with no HTTP in it. Object bodies go through
// `BlobFiles`; listing, multipart uploads and notifications live in their own modules and use this one.

import { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { BlobFiles, type BlobRef } from './blobs.js';
import { noSuchBucket, noSuchKey, noSuchVersion } from './errors.js';
import { Lifecycle } from './lifecycle.js';
import { checkBucketName } from './names.js';
import { Notifications, type ObjectEvent } from './notifications.js';
import {
  type NewVersion,
  newVersionId,
  type ObjectMeta,
  type StoredObject,
  toObject,
} from './object-version.js';
import { isArchived, isRestored, Restores } from './restores.js';
import { type BucketRow, type ObjectRow, prepareS3, S3_MIGRATIONS, type S3Statements } from './store.js';

export type { NewVersion, ObjectMeta, StoredObject };
// Where the rest of the service has always found them.
export { newVersionId, toObject };

export interface BucketConfig {
  tagging?: [string, string][];
  policy?: string;
  cors?: unknown;
  lifecycle?: unknown;
  notification?: unknown;
  ownership?: unknown;
  publicAccessBlock?: unknown;
  encryption?: unknown;
}

export class S3 {
  readonly sql: S3Statements;
  readonly blobs: BlobFiles;
  readonly notifications: Notifications;
  readonly lifecycle: Lifecycle;
  readonly restores: Restores;
  /** Bucket rows by name, and their parsed configurations: every request reads its bucket, most several
   * times (region, owner, existence, CORS, notifications), and bucket changes are rare. Entries are dropped
   * on every change (and on reset), never updated in place, so a rolled-back change cannot leave a wrong
   * row behind: the next read goes to SQLite. */
  private readonly bucketCache = new Map<string, BucketRow | undefined>();
  private readonly configCache = new Map<string, { raw: string; parsed: BucketConfig }>();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly call: InProcessCall,
    blobsDir: string,
  ) {
    store.migrate('s3', S3_MIGRATIONS);
    this.sql = prepareS3(store);
    this.blobs = new BlobFiles(blobsDir);
    this.blobs.sweep(this.referencedBlobs());
    this.notifications = new Notifications(this, call);
    this.lifecycle = new Lifecycle(this);
    this.lifecycle.start();
    this.restores = new Restores(this);
  }

  /** Notifications and restores left by a previous run go on once every service exists. */
  started(): void {
    this.notifications.kick();
    this.restores.started();
  }

  reset(): void {
    this.forgetBuckets();
    this.store.transaction(() => {
      for (const table of [
        's3_objects',
        's3_parts',
        's3_uploads',
        's3_deliveries',
        's3_buckets',
        's3_restores',
      ]) {
        this.store.db.exec(`DELETE FROM ${table}`);
      }
    });
    this.blobs.sweep(new Set());
  }

  stop(): void {
    this.notifications.stop();
    this.lifecycle.stop();
    this.restores.stop();
  }

  createBucket(name: string, account: string, region: string): void {
    checkBucketName(name);
    const existing = this.findBucket(name);
    if (existing) {
      // us-east-1 answers success to the owner re-creating a bucket (a legacy behaviour); other regions
      // answer BucketAlreadyOwnedByYou. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
      if (existing.account !== account) {
        throw new ServiceError(
          'BucketAlreadyExists',
          'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
          { fields: { BucketName: name } },
        );
      }
      if (existing.region === 'us-east-1' && region === 'us-east-1') return;
      throw new ServiceError(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        { fields: { BucketName: name } },
      );
    }
    this.forgetBuckets(name);
    this.sql.insertBucket.run(name, account, region, this.clock.now());
  }

  findBucket(name: string): BucketRow | undefined {
    if (this.bucketCache.has(name)) return this.bucketCache.get(name);
    const row = this.sql.getBucket.get(name) as BucketRow | undefined;
    // Only rows are kept: a name looked up before its bucket exists is read again next time.
    if (row) this.bucketCache.set(name, row);
    return row;
  }

  requireBucket(name: string): BucketRow {
    const bucket = this.findBucket(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  deleteBucket(name: string): void {
    this.requireBucket(name);
    if (this.sql.anyObject.get(name) || this.sql.anyUpload.get(name)) {
      throw new ServiceError('BucketNotEmpty', 'The bucket you tried to delete is not empty', {
        fields: { BucketName: name },
      });
    }
    this.forgetBuckets(name);
    this.sql.deleteBucket.run(name);
  }

  listBuckets(account: string): BucketRow[] {
    return this.sql.listBuckets.all(account) as BucketRow[];
  }

  /** The bucket's configurations; the same object for the same stored text, so callers must not change
   * it (updateConfig parses its own copy). */
  config(bucket: BucketRow): BucketConfig {
    const cached = this.configCache.get(bucket.name);
    if (cached?.raw === bucket.config) return cached.parsed;
    const parsed = JSON.parse(bucket.config) as BucketConfig;
    this.configCache.set(bucket.name, { raw: bucket.config, parsed });
    return parsed;
  }

  updateConfig(name: string, change: (config: BucketConfig) => void): void {
    const bucket = this.requireBucket(name);
    const config = JSON.parse(bucket.config) as BucketConfig;
    change(config);
    this.forgetBuckets(name);
    this.sql.setConfig.run(JSON.stringify(config), name);
  }

  setVersioning(name: string, status: 'Enabled' | 'Suspended'): void {
    this.requireBucket(name);
    this.forgetBuckets(name);
    this.sql.setVersioning.run(status, name);
  }

  /** The latest version, or the named one; throws NoSuchKey/NoSuchVersion. A delete marker as latest
   * is NoSuchKey (with `x-amz-delete-marker`), as in S3. */
  requireObject(bucket: string, key: string, versionId?: string): StoredObject {
    this.requireBucket(bucket);
    const found = this.findObject(bucket, key, versionId);
    if (!found) {
      if (versionId !== undefined) {
        if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)) {
          throw new ServiceError('InvalidArgument', 'Invalid version id specified', {
            fields: { ArgumentName: 'versionId', ArgumentValue: versionId },
          });
        }
        throw noSuchVersion(key, versionId);
      }
      throw noSuchKey(key);
    }
    if (found.deleteMarker) {
      if (versionId !== undefined) {
        throw new ServiceError(
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
          {
            fields: {
              Method: 'GET',
              ResourceType: 'DeleteMarker',
              DeleteMarker: 'true',
              VersionId: versionId,
            },
          },
        );
      }
      // The latest version is a delete marker: a 404 that says so in its headers.
      throw new ServiceError('NoSuchKey', 'The specified key does not exist.', {
        fields: { Key: key },
        headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': found.versionId },
      });
    }
    return found;
  }

  findObject(bucket: string, key: string, versionId?: string): StoredObject | undefined {
    const row = (
      versionId === undefined
        ? this.sql.latest.get(bucket, key)
        : this.sql.version.get(bucket, key, versionId)
    ) as ObjectRow | undefined;
    return row && toObject(row);
  }

  /**
   * Makes `version` the latest version of the key, in one transaction with `check` (conditional writes)
   * and the notification it triggers. Unversioned buckets replace the object; versioned ones keep the
   * previous versions; suspended ones replace only the `null` version. The replaced blobs are removed
   * after the commit.
   */
  putVersion(
    bucket: BucketRow,
    key: string,
    version: NewVersion | 'delete-marker',
    event: ObjectEvent | undefined,
    check?: (current: StoredObject | undefined) => void,
  ): StoredObject {
    let replaced: BlobRef[] = [];
    const stored = this.store.transaction(() => {
      // A body streams for a while after the bucket was looked up: the bucket may have been deleted (or
      // deleted and created anew) meanwhile, and a write then is NoSuchBucket, as S3 answers.
      const still = this.findBucket(bucket.name);
      if (!still || still.created_at !== bucket.created_at || still.account !== bucket.account)
        throw noSuchBucket(bucket.name);
      const current = this.findObject(bucket.name, key);
      check?.(current);
      const versionId = bucket.versioning === 'Enabled' ? newVersionId() : 'null';
      // The `null` version a write replaces: the current one, or (suspended buckets) an older one. A bucket
      // never versioned has no other version to look for.
      const previous =
        versionId !== 'null'
          ? undefined
          : current?.versionId === 'null' || bucket.versioning === ''
            ? current
            : this.findObject(bucket.name, key, 'null');
      if (previous) {
        replaced = previous.blobs;
        this.sql.deleteObjectRow.run(previous.id);
      }
      if (current && current !== previous) this.sql.unlatest.run(bucket.name, key);
      const marker = version === 'delete-marker';
      const body: NewVersion = marker
        ? { blobs: [], size: 0, etag: '', storageClass: 'STANDARD', meta: {} }
        : version;
      const row: Omit<ObjectRow, 'id'> = {
        bucket: bucket.name,
        key,
        version_id: versionId,
        is_latest: 1,
        delete_marker: marker ? 1 : 0,
        blobs: JSON.stringify(body.blobs),
        size: body.size,
        etag: body.etag,
        last_modified: this.clock.now(),
        storage_class: body.storageClass,
        meta: JSON.stringify(body.meta),
        data: body.data ?? null,
      };
      const result = this.sql.insertObject.run(
        row.bucket,
        row.key,
        row.version_id,
        row.delete_marker,
        row.blobs,
        row.size,
        row.etag,
        row.last_modified,
        row.storage_class,
        row.meta,
        row.data,
      );
      // The row as stored, without reading it back.
      const stored = toObject({ ...row, id: Number(result.lastInsertRowid) });
      if (event) this.notifications.record(bucket, stored, event);
      return stored;
    });
    this.blobs.remove(replaced);
    return stored;
  }

  /** Removes one version for good (DeleteObject with a version id, or any delete in an unversioned
   * bucket); the next newest becomes the latest. */
  removeVersion(bucket: BucketRow, found: StoredObject, event: ObjectEvent | undefined): void {
    this.store.transaction(() => {
      this.sql.deleteObjectRow.run(found.id);
      if (found.isLatest) this.sql.relatest.run(bucket.name, found.key);
      if (event) this.notifications.record(bucket, found, event);
    });
    this.blobs.remove(found.blobs);
  }

  /** Archived objects (GLACIER, DEEP_ARCHIVE) are read only while a restored copy exists. */
  requireReadable(object: StoredObject): void {
    if (isArchived(object.storageClass) && !isRestored(object.meta, this.clock.now())) {
      throw new ServiceError(
        'InvalidObjectState',
        "The operation is not valid for the object's storage class",
        {
          fields: { StorageClass: object.storageClass },
        },
      );
    }
  }

  /** Bytes `start`..`end` (inclusive) of an object's body: a Buffer when it is kept inline. */
  readBody(object: StoredObject, start: number, end: number): Readable | Buffer {
    if (object.data) return object.data.subarray(start, end + 1);
    return this.blobs.read(object.blobs, start, end);
  }

  /** The same bytes, always as a stream (a source to copy from). */
  bodyStream(object: StoredObject, start: number, end: number): Readable {
    const body = this.readBody(object, start, end);
    return Buffer.isBuffer(body) ? Readable.from([body]) : body;
  }

  setObjectMeta(found: StoredObject, meta: ObjectMeta): void {
    this.sql.setObjectMeta.run(JSON.stringify(meta), found.id);
  }

  /** A change to an object's tags or ACL, with the notification it triggers, in one transaction. */
  changeObject(found: StoredObject, meta: ObjectMeta, event: ObjectEvent): void {
    this.store.transaction(() => {
      this.setObjectMeta(found, meta);
      const bucket = this.findBucket(found.bucket);
      if (bucket) this.notifications.record(bucket, { ...found, meta }, event);
    });
  }

  findObjectById(id: number): StoredObject | undefined {
    const row = this.sql.objectById.get(id) as ObjectRow | undefined;
    return row && toObject(row);
  }

  private forgetBuckets(name?: string): void {
    if (name === undefined) this.bucketCache.clear();
    else this.bucketCache.delete(name);
  }

  private referencedBlobs(): Set<string> {
    const names = new Set<string>();
    for (const row of this.sql.allBlobNames.all() as { blobs: string }[]) {
      for (const blob of JSON.parse(row.blobs) as BlobRef[]) names.add(blob.name);
    }
    for (const row of this.sql.allPartBlobs.all() as { blob: string }[]) names.add(row.blob);
    return names;
  }
}
