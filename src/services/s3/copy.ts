// CopyObject's and UploadPartCopy's source: the `x-amz-copy-source` header (`/bucket/key?versionId=…`,
// URL-encoded), its conditions and its byte range.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

import { ServiceError } from '../../core/errors.js';
import { checkCopySourceConditions, type ReadConditions } from './conditions.js';
import type { S3, StoredObject } from './s3.js';

export interface CopySourceHeaders {
  CopySource: string;
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: string;
  CopySourceIfUnmodifiedSince?: string;
}

export function resolveCopySource(s3: S3, input: CopySourceHeaders): StoredObject {
  const { bucket, key, versionId } = parseCopySource(input.CopySource);
  s3.requireBucket(bucket);
  if (versionId !== undefined && s3.findObject(bucket, key, versionId)?.deleteMarker) {
    throw new ServiceError(
      'InvalidRequest',
      'The source of a copy request may not specifically refer to a delete marker by version id.',
    );
  }
  const source = s3.requireObject(bucket, key, versionId);
  const conditions: ReadConditions = {
    ifMatch: input.CopySourceIfMatch,
    ifNoneMatch: input.CopySourceIfNoneMatch,
    ifModifiedSince: input.CopySourceIfModifiedSince,
    ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
  };
  checkCopySourceConditions(source, conditions);
  s3.requireReadable(source);
  return source;
}

export function parseCopySource(header: string): { bucket: string; key: string; versionId?: string } {
  const [path = '', query = ''] = header.split('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    decoded = '';
  }
  const slash = decoded.indexOf('/');
  if (slash < 1 || slash === decoded.length - 1) {
    throw new ServiceError('InvalidArgument', 'Invalid copy source object key', {
      fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: header },
    });
  }
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}
