// Writing and describing objects: PutObject's semantics (bucket, key, body, conditional write,
// metadata, tags, storage class) and the response headers that describe a stored object.

import type { Readable } from 'node:stream';
import { ServiceError } from '../../core/errors.js';
import { storedContentEncoding } from './aws-chunked.js';
import type { ChecksumAlgorithm } from './checksums.js';
import { checkWriteConditions } from './conditions.js';
import { checkKey } from './names.js';
import type { ObjectEvent } from './notifications.js';
import { restoreHeader } from './restores.js';
import type { ObjectMeta, S3, StoredObject } from './s3.js';
import { parseTagging } from './tags.js';
import { type ReceivedBody, receiveBody, type UploadHeaders } from './upload.js';

export const STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'OUTPOSTS',
  'GLACIER_IR',
  'SNOW',
  'EXPRESS_ONEZONE',
];

/** The request headers an object keeps. */
export interface ObjectHeaders {
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string | undefined;
  ContentLanguage?: string;
  ContentType?: string;
  Expires?: string;
  Metadata?: Record<string, string>;
  StorageClass?: string;
  Tagging?: string;
  WebsiteRedirectLocation?: string;
}

export interface PutRequest extends ObjectHeaders, Omit<UploadHeaders, 'ContentEncoding'> {
  Bucket: string;
  Key: string;
  Body?: Readable;
  IfMatch?: string;
  IfNoneMatch?: string;
}

/** `beforeCommit` may refuse the body once it is received (POST Object's size range and the rest of its
 * form); the blob is then removed and nothing is stored. */
export async function putObject(
  s3: S3,
  input: PutRequest,
  event: ObjectEvent,
  beforeCommit?: (body: ReceivedBody) => Promise<void>,
): Promise<StoredObject> {
  const bucket = s3.requireBucket(input.Bucket);
  checkKey(input.Key);
  const storageClass = checkStorageClass(input.StorageClass);
  const meta = metaFrom(input);
  const body = await receiveBody(s3, input.Body, input, true);
  meta.checksums = { [body.checksum.algorithm]: body.checksum.value };
  meta.checksumType = 'FULL_OBJECT';
  try {
    await beforeCommit?.(body);
    return s3.putVersion(
      bucket,
      input.Key,
      {
        blobs: body.name ? [{ name: body.name, size: body.size }] : [],
        data: body.data,
        size: body.size,
        etag: `"${body.md5}"`,
        storageClass,
        meta,
      },
      event,
      (current) =>
        checkWriteConditions(current, input.Key, { ifMatch: input.IfMatch, ifNoneMatch: input.IfNoneMatch }),
    );
  } catch (error) {
    s3.blobs.remove([body]);
    throw error;
  }
}

/** The metadata an object keeps from its write request. */
export function metaFrom(input: ObjectHeaders): ObjectMeta {
  const meta: ObjectMeta = {};
  if (input.ContentType !== undefined) meta.contentType = input.ContentType;
  const encoding = storedContentEncoding(input.ContentEncoding);
  if (encoding !== undefined) meta.contentEncoding = encoding;
  if (input.ContentDisposition !== undefined) meta.contentDisposition = input.ContentDisposition;
  if (input.ContentLanguage !== undefined) meta.contentLanguage = input.ContentLanguage;
  if (input.CacheControl !== undefined) meta.cacheControl = input.CacheControl;
  if (input.Expires !== undefined) meta.expires = input.Expires;
  if (input.WebsiteRedirectLocation !== undefined)
    meta.websiteRedirectLocation = input.WebsiteRedirectLocation;
  if (input.Metadata && Object.keys(input.Metadata).length > 0) {
    meta.metadata = Object.fromEntries(Object.entries(input.Metadata).map(([k, v]) => [k.toLowerCase(), v]));
    const size = Object.entries(meta.metadata).reduce(
      (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
      0,
    );
    if (size > 2048) {
      throw new ServiceError(
        'MetadataTooLarge',
        'Your metadata headers exceed the maximum allowed metadata size',
        {
          fields: { Size: String(size), MaxSizeAllowed: '2048' },
        },
      );
    }
  }
  if (input.Tagging !== undefined) meta.tags = parseTagging(input.Tagging);
  return meta;
}

export function checkStorageClass(storageClass: string | undefined): string {
  if (storageClass === undefined) return 'STANDARD';
  if (!STORAGE_CLASSES.includes(storageClass)) {
    throw new ServiceError('InvalidStorageClass', 'The storage class you specified is not valid', {
      fields: { StorageClassRequested: storageClass },
    });
  }
  return storageClass;
}

/** The response headers describing a stored object (GetObject, HeadObject). */
export function describeObject(
  object: StoredObject,
  withChecksums: boolean,
  now: number,
): Record<string, unknown> {
  const { meta } = object;
  const out: Record<string, unknown> = {
    AcceptRanges: 'bytes',
    ContentType: meta.contentType ?? 'binary/octet-stream',
    ContentEncoding: meta.contentEncoding,
    ContentDisposition: meta.contentDisposition,
    ContentLanguage: meta.contentLanguage,
    CacheControl: meta.cacheControl,
    Expires: meta.expires,
    WebsiteRedirectLocation: meta.websiteRedirectLocation,
    ETag: object.etag,
    LastModified: httpDate(object.lastModified),
    Metadata: meta.metadata,
    ServerSideEncryption: 'AES256',
    StorageClass: object.storageClass === 'STANDARD' ? undefined : object.storageClass,
    VersionId: object.versionId === 'null' ? undefined : object.versionId,
    TagCount: meta.tags && meta.tags.length > 0 ? meta.tags.length : undefined,
    Restore: restoreHeader(meta, now),
  };
  if (withChecksums) Object.assign(out, checksumHeaders(meta));
  return out;
}

export function checksumHeaders(meta: ObjectMeta): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [algorithm, value] of Object.entries(meta.checksums ?? {}) as [ChecksumAlgorithm, string][]) {
    out[`Checksum${algorithm}`] = value;
  }
  if (meta.checksums && meta.checksumType) out.ChecksumType = meta.checksumType;
  return out;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** S3's XML timestamps: ISO 8601 with milliseconds. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
