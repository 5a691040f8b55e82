// Listing keys in UTF-8 binary order (SQLite's BINARY collation on UTF-8 text is that order), with
// prefix, delimiter (common prefixes count toward max-keys, as in S3) and a start point.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html

import type { S3, StoredObject } from './s3.js';
import { toObject } from './s3.js';
import type { ObjectRow } from './store.js';

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

/** Past every key that starts with `prefix` (U+10FFFF is the largest code point, so the largest UTF-8). */
const AFTER_ALL = '\u{10FFFF}';
const BATCH = 1000;

export function listLatest(s3: S3, bucket: string, request: ListRequest): ListPage {
  const { prefix, delimiter, maxKeys } = request;
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

/** Every version (newest first per key) and delete marker, from after (keyMarker, versionIdMarker). */
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
  const rows = (s3.sql.listVersions.all(bucket, request.prefix) as ObjectRow[]).filter((row) =>
    row.key.startsWith(request.prefix),
  );
  let start = 0;
  if (request.keyMarker !== '') {
    start = rows.findIndex((row) => row.key > request.keyMarker);
    if (request.versionIdMarker) {
      const at = rows.findIndex(
        (row) => row.key === request.keyMarker && row.version_id === request.versionIdMarker,
      );
      if (at !== -1) start = at + 1;
    }
    if (start === -1) start = rows.length;
  }
  const versions: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let lastKey: string | undefined;
  let lastVersion: string | undefined;
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    const cut = request.delimiter ? row.key.indexOf(request.delimiter, request.prefix.length) : -1;
    const common = cut === -1 ? undefined : row.key.slice(0, cut + request.delimiter!.length);
    if (common !== undefined && commonPrefixes.includes(common)) continue;
    if (count === request.maxKeys) {
      return {
        versions,
        commonPrefixes,
        truncated: true,
        nextKeyMarker: lastKey,
        nextVersionIdMarker: lastVersion,
      };
    }
    count++;
    if (common !== undefined) {
      commonPrefixes.push(common);
      lastKey = common;
      lastVersion = undefined;
    } else {
      versions.push(toObject(row));
      lastKey = row.key;
      lastVersion = row.version_id;
    }
  }
  return { versions, commonPrefixes, truncated: false };
}
