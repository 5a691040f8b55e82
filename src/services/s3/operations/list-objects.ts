// ListObjectsV2, ListObjects (v1) and ListObjectVersions.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { invalidArgument } from '../errors.js';
import { isCommonPrefix, listLatest, listVersions } from '../listing.js';
import { isoDate } from '../objects.js';
import type { StoredObject } from '../s3.js';
import { bucketLabel } from '../shapes.js';
import { owner } from './buckets.js';
import { operation } from './operation.js';

const query = (name: string) => s.optional(s.string(), { querystring: name });
const ownerShape = s.structure({ ID: s.optional(s.string()), DisplayName: s.optional(s.string()) });
const objectShape = s.structure({
  Key: s.optional(s.string()),
  LastModified: s.optional(s.string()),
  ETag: s.optional(s.string()),
  ChecksumAlgorithm: s.optional(s.list(s.string(), { flattened: true })),
  ChecksumType: s.optional(s.string()),
  Size: s.optional(s.integer()),
  StorageClass: s.optional(s.string()),
  Owner: s.optional(ownerShape),
  RestoreStatus: s.optional(restoreStatusShape()),
});
const prefixShape = s.list(s.structure({ Prefix: s.optional(s.string()) }), { flattened: true });
const listCommon = {
  Name: s.optional(s.string()),
  Prefix: s.optional(s.string()),
  Delimiter: s.optional(s.string()),
  MaxKeys: s.optional(s.integer()),
  EncodingType: s.optional(s.string()),
  IsTruncated: s.optional(s.boolean()),
  Contents: s.optional(s.list(objectShape, { flattened: true })),
  CommonPrefixes: s.optional(prefixShape),
};

export const listObjectsV2 = operation({
  http: { method: 'GET', uri: '/{Bucket}?list-type=2' },
  input: s.structure({
    Bucket: bucketLabel,
    Prefix: query('prefix'),
    Delimiter: query('delimiter'),
    StartAfter: query('start-after'),
    ContinuationToken: query('continuation-token'),
    MaxKeys: s.optional(s.integer(), { querystring: 'max-keys' }),
    EncodingType: query('encoding-type'),
    FetchOwner: s.optional(s.boolean(), { querystring: 'fetch-owner' }),
    OptionalObjectAttributes: optionalAttributes(),
  }),
  output: s.structure({
    ListBucketResult: s.optional(
      s.structure({
        ...listCommon,
        KeyCount: s.optional(s.integer()),
        ContinuationToken: s.optional(s.string()),
        NextContinuationToken: s.optional(s.string()),
        StartAfter: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    const encode = encoder(input.EncodingType);
    const maxKeys = checkMaxKeys(input.MaxKeys);
    const token = input.ContinuationToken !== undefined ? fromToken(input.ContinuationToken) : undefined;
    const page = listLatest(s3, input.Bucket, {
      prefix: input.Prefix ?? '',
      delimiter: input.Delimiter || undefined,
      after: token?.key ?? input.StartAfter ?? '',
      afterPrefix: token?.isPrefix,
      maxKeys,
    });
    return {
      ListBucketResult: {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        MaxKeys: maxKeys,
        EncodingType: input.EncodingType,
        IsTruncated: page.truncated,
        Contents: page.contents.map((object) => ({
          ...describe(object, encode, input.FetchOwner ? ctx.account : undefined),
          ...restoreStatus(object, input.OptionalObjectAttributes, s3.clock.now()),
        })),
        CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
        KeyCount: page.contents.length + page.commonPrefixes.length,
        ContinuationToken: input.ContinuationToken,
        NextContinuationToken:
          page.truncated && page.last !== undefined
            ? toToken(page.last, page.lastIsPrefix ?? false)
            : undefined,
        StartAfter: input.StartAfter === undefined ? undefined : encode(input.StartAfter),
      },
    };
  },
});

export const listObjects = operation({
  http: { method: 'GET', uri: '/{Bucket}' },
  input: s.structure({
    Bucket: bucketLabel,
    Prefix: query('prefix'),
    Delimiter: query('delimiter'),
    Marker: query('marker'),
    MaxKeys: s.optional(s.integer(), { querystring: 'max-keys' }),
    EncodingType: query('encoding-type'),
  }),
  output: s.structure({
    ListBucketResult: s.optional(
      s.structure({ ...listCommon, Marker: s.optional(s.string()), NextMarker: s.optional(s.string()) }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    const encode = encoder(input.EncodingType);
    const maxKeys = checkMaxKeys(input.MaxKeys);
    const page = listLatest(s3, input.Bucket, {
      prefix: input.Prefix ?? '',
      delimiter: input.Delimiter || undefined,
      after: input.Marker ?? '',
      afterPrefix: isCommonPrefix(input.Marker ?? '', input.Prefix ?? '', input.Delimiter || undefined),
      maxKeys,
    });
    return {
      ListBucketResult: {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        Marker: encode(input.Marker ?? ''),
        // NextMarker only when a delimiter was given; otherwise clients use the last key.
        NextMarker:
          page.truncated && input.Delimiter && page.last !== undefined ? encode(page.last) : undefined,
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        MaxKeys: maxKeys,
        EncodingType: input.EncodingType,
        IsTruncated: page.truncated,
        Contents: page.contents.map((object) => describe(object, encode, ctx.account)),
        CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
      },
    };
  },
});

const versionShape = s.structure({
  Key: s.optional(s.string()),
  VersionId: s.optional(s.string()),
  IsLatest: s.optional(s.boolean()),
  LastModified: s.optional(s.string()),
  ETag: s.optional(s.string()),
  Size: s.optional(s.integer()),
  StorageClass: s.optional(s.string()),
  Owner: s.optional(ownerShape),
  RestoreStatus: s.optional(restoreStatusShape()),
});

export const listObjectVersions = operation({
  http: { method: 'GET', uri: '/{Bucket}?versions' },
  input: s.structure({
    Bucket: bucketLabel,
    Prefix: query('prefix'),
    Delimiter: query('delimiter'),
    KeyMarker: query('key-marker'),
    VersionIdMarker: query('version-id-marker'),
    MaxKeys: s.optional(s.integer(), { querystring: 'max-keys' }),
    EncodingType: query('encoding-type'),
    OptionalObjectAttributes: optionalAttributes(),
  }),
  output: s.structure({
    ListVersionsResult: s.optional(
      s.structure({
        Name: s.optional(s.string()),
        Prefix: s.optional(s.string()),
        KeyMarker: s.optional(s.string()),
        VersionIdMarker: s.optional(s.string()),
        NextKeyMarker: s.optional(s.string()),
        NextVersionIdMarker: s.optional(s.string()),
        Delimiter: s.optional(s.string()),
        MaxKeys: s.optional(s.integer()),
        EncodingType: s.optional(s.string()),
        IsTruncated: s.optional(s.boolean()),
        Versions: s.optional(s.list(versionShape, { flattened: true }), 'Version'),
        DeleteMarkers: s.optional(s.list(versionShape, { flattened: true }), 'DeleteMarker'),
        CommonPrefixes: s.optional(prefixShape),
      }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    const encode = encoder(input.EncodingType);
    const maxKeys = checkMaxKeys(input.MaxKeys);
    const page = listVersions(s3, input.Bucket, {
      prefix: input.Prefix ?? '',
      delimiter: input.Delimiter || undefined,
      keyMarker: input.KeyMarker ?? '',
      versionIdMarker: input.VersionIdMarker,
      maxKeys,
    });
    const entry = (object: StoredObject) => ({
      Key: encode(object.key),
      VersionId: object.versionId,
      IsLatest: object.isLatest,
      LastModified: isoDate(object.lastModified),
      ...(object.deleteMarker
        ? {}
        : { ETag: object.etag, Size: object.size, StorageClass: object.storageClass }),
      Owner: owner(ctx.account),
      ...restoreStatus(object, input.OptionalObjectAttributes, s3.clock.now()),
    });
    return {
      ListVersionsResult: {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        KeyMarker: encode(input.KeyMarker ?? ''),
        VersionIdMarker: input.VersionIdMarker ?? '',
        NextKeyMarker: page.nextKeyMarker === undefined ? undefined : encode(page.nextKeyMarker),
        NextVersionIdMarker: page.nextVersionIdMarker,
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        MaxKeys: maxKeys,
        EncodingType: input.EncodingType,
        IsTruncated: page.truncated,
        Versions: page.versions.filter((v) => !v.deleteMarker).map(entry),
        DeleteMarkers: page.versions.filter((v) => v.deleteMarker).map(entry),
        CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
      },
    };
  },
});

function describe(object: StoredObject, encode: (text: string) => string, account: string | undefined) {
  const algorithms = Object.keys(object.meta.checksums ?? {});
  return {
    Key: encode(object.key),
    LastModified: isoDate(object.lastModified),
    ETag: object.etag,
    ChecksumAlgorithm: algorithms.length > 0 ? algorithms : undefined,
    ChecksumType: algorithms.length > 0 ? object.meta.checksumType : undefined,
    Size: object.size,
    StorageClass: object.storageClass,
    Owner: account === undefined ? undefined : owner(account),
  };
}

function checkMaxKeys(maxKeys: number | undefined): number {
  if (maxKeys === undefined) return 1000;
  if (maxKeys < 0)
    throw invalidArgument(
      'Argument maxKeys must be an integer between 0 and 2147483647',
      'maxKeys',
      String(maxKeys),
    );
  return Math.min(maxKeys, 1000);
}

/** `encoding-type=url`: keys and prefixes URL-encoded in the response (`/` kept, space as `+`). */
export function encoder(encodingType: string | undefined): (text: string) => string {
  if (encodingType === undefined) return (text) => text;
  if (encodingType !== 'url')
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/').replace(/%20/g, '+');
}

/** Continuation tokens are opaque to clients: the last key (or common prefix, flagged) returned. */
function toToken(key: string, isPrefix: boolean): string {
  return Buffer.from(`${isPrefix ? 'P' : 'K'}${key}`, 'utf8').toString('base64');
}

function fromToken(token: string): { key: string; isPrefix: boolean } {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const isPrefix = text.startsWith('P');
  if (!/^[PK]/.test(text) || toToken(text.slice(1), isPrefix) !== token) {
    throw new ServiceError('InvalidArgument', 'The continuation token provided is incorrect', {
      fields: { ArgumentName: 'continuation-token', ArgumentValue: token },
    });
  }
  return { key: text.slice(1), isPrefix };
}

/** `x-amz-optional-object-attributes: RestoreStatus` asks listings for each archived object's restore.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreStatus.html */
function optionalAttributes() {
  return s.optional(s.string(), { header: 'x-amz-optional-object-attributes' });
}

function restoreStatusShape() {
  return s.structure({
    IsRestoreInProgress: s.optional(s.boolean()),
    RestoreExpiryDate: s.optional(s.string()),
  });
}

/** The RestoreStatus of an object with a restore in progress or a restored copy, when asked for. */
function restoreStatus(object: StoredObject, attributes: string | undefined, now: number) {
  const asked = (attributes ?? '').split(',').some((name) => name.trim() === 'RestoreStatus');
  const restore = object.meta.restore;
  if (!asked || !restore || restore.expiresAt <= now) return {};
  const inProgress = restore.completesAt > now;
  return {
    RestoreStatus: {
      IsRestoreInProgress: inProgress,
      RestoreExpiryDate: inProgress ? undefined : isoDate(restore.expiresAt),
    },
  };
}
