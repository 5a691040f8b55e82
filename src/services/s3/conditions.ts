// Conditional requests: If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since on reads,
// the copy-source variants on CopyObject, and conditional writes (`If-None-Match: *`, `If-Match`).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (the precedence table)
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html

import { ServiceError } from '../../core/errors.js';
import { noSuchKey, preconditionFailed } from './errors.js';
import { httpDate } from './objects.js';
import type { StoredObject } from './s3.js';

export interface ReadConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly ifUnmodifiedSince?: string;
}

/** Throws 412 PreconditionFailed or 304 NotModified as S3 does. If-Match that holds makes a failing
 * If-Unmodified-Since irrelevant; If-None-Match that holds makes If-Modified-Since irrelevant. */
export function checkReadConditions(object: StoredObject, conditions: ReadConditions): void {
  const modified = Math.floor(object.lastModified / 1000) * 1000;
  if (conditions.ifMatch !== undefined) {
    if (!etagMatches(conditions.ifMatch, object.etag)) throw preconditionFailed('If-Match');
  } else if (conditions.ifUnmodifiedSince !== undefined) {
    const since = parseHttpDate(conditions.ifUnmodifiedSince);
    if (since !== undefined && modified > since) throw preconditionFailed('If-Unmodified-Since');
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagMatches(conditions.ifNoneMatch, object.etag)) throw notModified(object);
  } else if (conditions.ifModifiedSince !== undefined) {
    const since = parseHttpDate(conditions.ifModifiedSince);
    if (since !== undefined && modified <= since) throw notModified(object);
  }
}

/** CopyObject's `x-amz-copy-source-if-*`: every failure is 412. */
export function checkCopySourceConditions(object: StoredObject, conditions: ReadConditions): void {
  try {
    checkReadConditions(object, conditions);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'NotModified') {
      throw preconditionFailed(
        conditions.ifNoneMatch !== undefined
          ? 'x-amz-copy-source-If-None-Match'
          : 'x-amz-copy-source-If-Modified-Since',
      );
    }
    throw error;
  }
}

/** Conditional writes: `If-None-Match: *` (only if absent) and `If-Match: <etag>` (only if unchanged). */
export function checkWriteConditions(
  current: StoredObject | undefined,
  key: string,
  conditions: { ifMatch?: string; ifNoneMatch?: string },
): void {
  const exists = current !== undefined && !current.deleteMarker;
  if (conditions.ifNoneMatch !== undefined) {
    if (conditions.ifNoneMatch.trim() !== '*') {
      throw new ServiceError(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        {
          fields: { Header: 'If-None-Match' },
        },
      );
    }
    if (exists) throw preconditionFailed('If-None-Match');
  }
  if (conditions.ifMatch !== undefined) {
    if (!exists) throw noSuchKey(key);
    if (!etagMatches(conditions.ifMatch, current.etag)) throw preconditionFailed('If-Match');
  }
}

export function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '').replace(/"/g, '');
    return value === '*' || value === bare;
  });
}

/** An HTTP date (RFC 7231) or ISO 8601 as milliseconds; undefined when it does not parse (S3 then ignores
 * the condition). */
export function parseHttpDate(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A 304 carries the validators of the object it stands for (RFC 9110 §15.4.5), as S3's does. */
function notModified(object: StoredObject): ServiceError {
  return new ServiceError('NotModified', 'Not Modified', {
    status: 304,
    headers: { ETag: object.etag, 'Last-Modified': httpDate(object.lastModified) },
  });
}
