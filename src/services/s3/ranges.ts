// Which bytes a GET returns: a `Range: bytes=…` header (one range; a malformed one is ignored, as S3
// does) or a `partNumber` of a multipart object.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax

import { ServiceError } from '../../core/errors.js';
import type { StoredObject } from './s3.js';

export interface Slice {
  readonly start: number;
  /** Inclusive; start - 1 for an empty body. */
  readonly end: number;
  /** Set when the answer is 206 Partial Content. */
  readonly contentRange?: string;
  readonly partsCount?: number;
}

export function sliceFor(
  object: StoredObject,
  range: string | undefined,
  partNumber: number | undefined,
): Slice {
  const size = object.size;
  if (partNumber !== undefined) {
    if (range !== undefined) {
      throw new ServiceError(
        'InvalidRequest',
        'Cannot specify both Range header and partNumber query parameter',
      );
    }
    const parts = object.meta.partSizes ?? [size];
    if (partNumber < 1 || partNumber > parts.length) {
      if (partNumber === 1) return { start: 0, end: size - 1 };
      throw new ServiceError('InvalidPartNumber', 'The requested partnumber is not satisfiable', {
        status: 416,
        fields: { PartNumberRequested: String(partNumber), ActualPartCount: String(parts.length) },
      });
    }
    const start = parts.slice(0, partNumber - 1).reduce((sum, part) => sum + part, 0);
    const end = start + parts[partNumber - 1]! - 1;
    const partsCount = object.meta.partSizes ? parts.length : undefined;
    return { start, end, contentRange: `bytes ${start}-${end}/${size}`, partsCount };
  }
  const parsed = range === undefined ? undefined : /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!parsed || (parsed[1] === '' && parsed[2] === '')) return { start: 0, end: size - 1 };
  let start: number;
  let end: number;
  if (parsed[1] === '') {
    const suffix = Number(parsed[2]);
    if (suffix === 0) throw invalidRange(range!, size);
    start = Math.max(size - suffix, 0);
    end = size - 1;
  } else {
    start = Number(parsed[1]);
    end = parsed[2] === '' ? size - 1 : Math.min(Number(parsed[2]), size - 1);
    if (parsed[2] !== '' && Number(parsed[2]) < start) return { start: 0, end: size - 1 };
  }
  if (start >= size) throw invalidRange(range!, size);
  return { start, end, contentRange: `bytes ${start}-${end}/${size}` };
}

function invalidRange(range: string, size: number): ServiceError {
  return new ServiceError('InvalidRange', 'The requested range is not satisfiable', {
    fields: { RangeRequested: range, ActualObjectSize: String(size) },
  });
}
