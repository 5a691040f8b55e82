// Listing keys in UTF-8 binary order (SQLite's BINARY collation on UTF-8 text is that order), with
// prefix, delimiter (common prefixes count toward max-keys, as in S3) and a start point.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html

import type { S3, StoredObject } from './s3.js';
import { toObject } from './s3.js';
import type { ObjectRow, UploadRow } from './store.js';

export interface ListRequest {
  readonly prefix: string;
  readonly delimiter?: string;
  /** Exclusive start (StartAfter, Marker, or a continuation token's key). */
  readonly after: string;
  /** `after` is a common prefix already returned: skip every key under it. */
  readonly afterPrefix?: boolean;
  readonly maxKeys: number;
}

export interface ListPage {
  readonly contents: StoredObject[];
  readonly commonPrefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  readonly last?: string;
  readonly lastIsPrefix?: boolean;
}

/** Whether a marker is a common prefix (what `prefix` + anything + the first `delimiter` rolls up to), so
 * that a listing resuming from it skips every key under it. */
export function isCommonPrefix(marker: string, prefix: string, delimiter: string | undefined): boolean {
  if (!delimiter || !marker.startsWith(prefix) || marker.length < prefix.length + delimiter.length)
    return false;
  return marker.indexOf(delimiter, prefix.length) === marker.length - delimiter.length;
}

/** Past every key that starts with `prefix` (U+10FFFF is the largest code point, so the largest UTF-8). */
const AFTER_ALL = '\u{10FFFF}';
const BATCH = 1000;

export function listLatest(s3: S3, bucket: string, request: ListRequest): ListPage {
  const { prefix, delimiter, maxKeys } = request;
  // max-keys=0 asks for an empty page, which S3 reports as complete (IsTruncated false, no token).
  if (maxKeys === 0) return { contents: [], commonPrefixes: [], truncated: false };
  const contents: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let lastIsPrefix = false;
  let count = 0;
  let cursor = request.afterPrefix ? request.after + AFTER_ALL : request.after;
  let inclusive = false;
  if (cursor < prefix) {
    cursor = prefix;
    inclusive = true;
  }
  for (;;) {
    const statement = inclusive ? s3.sql.listLatestFrom : s3.sql.listLatest;
    const rows = statement.all(bucket, cursor, BATCH) as ObjectRow[];
    inclusive = false;
    if (rows.length === 0) return { contents, commonPrefixes, truncated: false, last, lastIsPrefix };
    let jumped = false;
    for (const row of rows) {
      if (!row.key.startsWith(prefix))
        return { contents, commonPrefixes, truncated: false, last, lastIsPrefix };
      const cut = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (count === maxKeys) return { contents, commonPrefixes, truncated: true, last, lastIsPrefix };
      if (cut !== -1) {
        const common = row.key.slice(0, cut + delimiter!.length);
        commonPrefixes.push(common);
        last = common;
        lastIsPrefix = true;
        count++;
        cursor = common + AFTER_ALL;
        jumped = true;
        break;
      }
      contents.push(toObject(row));
      last = row.key;
      lastIsPrefix = false;
      count++;
      cursor = row.key;
    }
    if (!jumped && rows.length < BATCH)
      return { contents, commonPrefixes, truncated: false, last, lastIsPrefix };
  }
}

export interface VersionsPage {
  readonly versions: StoredObject[];
  readonly commonPrefixes: string[];
  readonly truncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextVersionIdMarker?: string;
}

/** Every version (newest first per key) and delete marker, from after (keyMarker, versionIdMarker), read
 * from SQLite a batch at a time; a cursor is a key and the id below which its versions continue. */
export function listVersions(
  s3: S3,
  bucket: string,
  request: {
    prefix: string;
    delimiter?: string;
    keyMarker: string;
    versionIdMarker?: string;
    maxKeys: number;
  },
): VersionsPage {
  const { prefix, delimiter, maxKeys } = request;
  if (maxKeys === 0) return { versions: [], commonPrefixes: [], truncated: false };
  const marker = request.versionIdMarker
    ? s3.findObject(bucket, request.keyMarker, request.versionIdMarker)
    : undefined;
  // A key marker ending in the delimiter is a common prefix already returned: skip every key under it.
  const afterPrefix = !marker && isCommonPrefix(request.keyMarker, prefix, delimiter);
  let cursor = { key: request.keyMarker + (afterPrefix ? AFTER_ALL : ''), below: marker ? marker.id : 0 };
  if (cursor.key < prefix) cursor = { key: prefix, below: Number.MAX_SAFE_INTEGER };
  const versions: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let last: { key: string; versionId?: string } | undefined;
  const page = (truncated: boolean): VersionsPage => ({
    versions,
    commonPrefixes,
    truncated,
    nextKeyMarker: truncated ? last?.key : undefined,
    nextVersionIdMarker: truncated ? last?.versionId : undefined,
  });
  for (;;) {
    // The rest of the cursor key's versions first, then the keys after it (each one index range).
    let rows =
      cursor.below > 0
        ? (s3.sql.versionsOfKeyBelow.all(bucket, cursor.key, cursor.below, BATCH) as ObjectRow[])
        : [];
    const sameKey = rows.length > 0;
    if (!sameKey) rows = s3.sql.versionsAfterKey.all(bucket, cursor.key, BATCH) as ObjectRow[];
    if (rows.length === 0) return page(false);
    let jumped = false;
    for (const row of rows) {
      if (!row.key.startsWith(prefix)) return page(false);
      if (count === maxKeys) return page(true);
      count++;
      const cut = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        const common = row.key.slice(0, cut + delimiter!.length);
        commonPrefixes.push(common);
        last = { key: common };
        cursor = { key: common + AFTER_ALL, below: 0 };
        jumped = true;
        break;
      }
      versions.push(toObject(row));
      last = { key: row.key, versionId: row.version_id };
      cursor = { key: row.key, below: row.id };
    }
    if (jumped || rows.length === BATCH) continue;
    if (!sameKey) return page(false);
    cursor = { key: cursor.key, below: 0 };
  }
}

export interface UploadsPage {
  readonly uploads: UploadRow[];
  readonly commonPrefixes: string[];
  readonly truncated: boolean;
  readonly nextKeyMarker?: string;
  /** Absent when the page ends on a common prefix (the key marker alone then skips everything under it). */
  readonly nextUploadIdMarker?: string;
}

/**
 * A page of multipart uploads in progress: by key, then by initiation time within a key, from after
 * (keyMarker, uploadIdMarker). Without an upload id marker a key marker starts after that key; with one,
 * the marker key's later uploads come first. A key marker ending in the delimiter is a common prefix
 * already returned: every key under it is skipped. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
 */
export function listUploads(
  s3: S3,
  bucket: string,
  request: {
    prefix: string;
    delimiter?: string;
    keyMarker: string;
    uploadIdMarker?: string;
    maxUploads: number;
  },
): UploadsPage {
  const { prefix, delimiter, keyMarker, maxUploads } = request;
  const rows = (s3.sql.listUploads.all(bucket) as UploadRow[]).filter((row) => row.key.startsWith(prefix));
  const skipUnder = isCommonPrefix(keyMarker, prefix, delimiter) ? keyMarker : undefined;
  const markerIndex = request.uploadIdMarker
    ? rows.findIndex((row) => row.key === keyMarker && row.upload_id === request.uploadIdMarker)
    : -1;
  const after = (row: UploadRow, index: number): boolean => {
    if (skipUnder && row.key.startsWith(skipUnder)) return false;
    if (row.key !== keyMarker) return row.key > keyMarker;
    if (!request.uploadIdMarker) return false;
    // An upload id Nimbus never issued: S3 compares ids as text.
    return markerIndex === -1 ? row.upload_id > request.uploadIdMarker : index > markerIndex;
  };
  const uploads: UploadRow[] = [];
  const commonPrefixes: string[] = [];
  let last: { key: string; uploadId?: string } | undefined;
  let count = 0;
  for (const [index, row] of rows.entries()) {
    if (!after(row, index)) continue;
    const cut = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut === -1 ? undefined : row.key.slice(0, cut + delimiter!.length);
    if (common !== undefined && common === commonPrefixes.at(-1)) continue;
    if (count === maxUploads) {
      return {
        uploads,
        commonPrefixes,
        truncated: count > 0,
        nextKeyMarker: last?.key,
        nextUploadIdMarker: last?.uploadId,
      };
    }
    count++;
    if (common !== undefined) {
      commonPrefixes.push(common);
      last = { key: common };
    } else {
      uploads.push(row);
      last = { key: row.key, uploadId: row.upload_id };
    }
  }
  return { uploads, commonPrefixes, truncated: false };
}
