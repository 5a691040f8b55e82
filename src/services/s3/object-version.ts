// One version of an object as S3's engine and operations see it (StoredObject, its ObjectMeta), a version
// about to be written (NewVersion), and how a row of `s3_objects` becomes one.

import { randomBytes } from 'node:crypto';
import type { BlobRef } from './blobs.js';
import type { ChecksumAlgorithm } from './checksums.js';
import type { RestoreState } from './restores.js';
import type { ObjectRow } from './store.js';

/** What S3 keeps besides the body: Content-* headers, user metadata, checksums, tags, parts. */
export interface ObjectMeta {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  websiteRedirectLocation?: string;
  metadata?: Record<string, string>;
  checksums?: Partial<Record<ChecksumAlgorithm, string>>;
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
  /** Sizes of the parts of a multipart object, for `partNumber` reads. */
  partSizes?: number[];
  tags?: [string, string][];
  /** RestoreObject: the restore of an archived object, in progress or done (restores.ts). */
  restore?: RestoreState;
  /** Before restores took time: when the restored copy expired (read as a completed restore). */
  restoreExpiry?: number;
}

/** One version of an object, as the operations see it. */
export interface StoredObject {
  readonly id: number;
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly deleteMarker: boolean;
  readonly blobs: BlobRef[];
  /** The body itself when small (see blobs.ts). */
  readonly data: Buffer | undefined;
  readonly size: number;
  /** Quoted, as S3 sends it. */
  readonly etag: string;
  readonly lastModified: number;
  readonly storageClass: string;
  readonly meta: ObjectMeta;
}

export interface NewVersion {
  readonly blobs: BlobRef[];
  readonly data?: Buffer;
  readonly size: number;
  readonly etag: string;
  readonly storageClass: string;
  readonly meta: ObjectMeta;
}

export function toObject(row: ObjectRow): StoredObject {
  const meta = JSON.parse(row.meta) as ObjectMeta;
  if (meta.restoreExpiry !== undefined) {
    const expiresAt = meta.restoreExpiry;
    meta.restore = { tier: 'Standard', days: 1, completesAt: 0, expiresAt, announced: true, principal: '' };
    meta.restoreExpiry = undefined;
  }
  return {
    id: row.id,
    bucket: row.bucket,
    key: row.key,
    versionId: row.version_id,
    isLatest: row.is_latest === 1,
    deleteMarker: row.delete_marker === 1,
    blobs: JSON.parse(row.blobs) as BlobRef[],
    data: row.data ?? undefined,
    size: row.size,
    etag: row.etag,
    lastModified: row.last_modified,
    storageClass: row.storage_class,
    meta,
  };
}

/** Version ids are opaque, URL-safe and increasing in no particular way, like S3's. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}
