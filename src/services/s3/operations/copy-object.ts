// CopyObject: a PutObject with `x-amz-copy-source` (the route tells them apart by that header).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { checksumAlgorithm } from '../checksums.js';
import { checkWriteConditions } from '../conditions.js';
import { resolveCopySource } from '../copy.js';
import { checkKey } from '../names.js';
import { checkStorageClass, isoDate, metaFrom } from '../objects.js';
import type { StoredObject } from '../s3.js';
import { bucketLabel, checksumMembers, keyLabel, objectHeaders } from '../shapes.js';
import { DEFAULT_CHECKSUM } from '../upload.js';
import { eventFor, operation } from './operation.js';

const header = (name: string) => s.optional(s.string(), { header: name });

export const copySourceHeaders = {
  CopySource: s.required(s.string(), { header: 'x-amz-copy-source' }),
  CopySourceIfMatch: header('x-amz-copy-source-if-match'),
  CopySourceIfNoneMatch: header('x-amz-copy-source-if-none-match'),
  CopySourceIfModifiedSince: header('x-amz-copy-source-if-modified-since'),
  CopySourceIfUnmodifiedSince: header('x-amz-copy-source-if-unmodified-since'),
};

export const copyObject = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    ...copySourceHeaders,
    MetadataDirective: s.optional(s.string({ enum: ['COPY', 'REPLACE'] }), {
      header: 'x-amz-metadata-directive',
    }),
    TaggingDirective: s.optional(s.string({ enum: ['COPY', 'REPLACE'] }), {
      header: 'x-amz-tagging-directive',
    }),
    ChecksumAlgorithm: header('x-amz-checksum-algorithm'),
    IfMatch: header('If-Match'),
    IfNoneMatch: header('If-None-Match'),
    ...objectHeaders,
  }),
  output: s.structure({
    VersionId: header('x-amz-version-id'),
    CopySourceVersionId: header('x-amz-copy-source-version-id'),
    ServerSideEncryption: header('x-amz-server-side-encryption'),
    CopyObjectResult: s.optional(
      s.structure({
        ETag: s.optional(s.string()),
        LastModified: s.optional(s.string()),
        ChecksumType: s.optional(s.string()),
        ...checksumMembers,
      }),
      { payload: true },
    ),
  }),
  async run(input, s3, ctx) {
    const bucket = s3.requireBucket(input.Bucket);
    checkKey(input.Key);
    const source = resolveCopySource(s3, input);
    const replace = input.MetadataDirective === 'REPLACE';
    const storageClass = checkStorageClass(input.StorageClass);
    const sameObject = source.bucket === input.Bucket && source.key === input.Key;
    if (
      sameObject &&
      !replace &&
      input.StorageClass === undefined &&
      input.WebsiteRedirectLocation === undefined
    ) {
      throw new ServiceError(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    const meta = replace ? metaFrom(input) : { ...source.meta, partSizes: undefined, restore: undefined };
    meta.tags =
      input.TaggingDirective === 'REPLACE'
        ? metaFrom({ Tagging: input.Tagging ?? '' }).tags
        : source.meta.tags;
    const algorithm =
      checksumAlgorithm(input.ChecksumAlgorithm) ??
      (Object.keys(source.meta.checksums ?? {})[0] as ReturnType<typeof checksumAlgorithm>) ??
      DEFAULT_CHECKSUM;
    const written = await s3.blobs.write(s3.bodyStream(source, 0, source.size - 1), [algorithm], true);
    meta.checksums = { [algorithm]: written.checksums[algorithm]! };
    meta.checksumType = 'FULL_OBJECT';
    let stored: StoredObject;
    try {
      stored = s3.putVersion(
        bucket,
        input.Key,
        {
          blobs: written.name ? [{ name: written.name, size: written.size }] : [],
          data: written.data,
          size: written.size,
          etag: `"${written.md5}"`,
          storageClass,
          meta,
        },
        eventFor(ctx, 'ObjectCreated:Copy'),
        (current) =>
          checkWriteConditions(current, input.Key, {
            ifMatch: input.IfMatch,
            ifNoneMatch: input.IfNoneMatch,
          }),
      );
    } catch (error) {
      s3.blobs.remove([written]);
      throw error;
    }
    const checksums = Object.fromEntries(
      Object.entries(meta.checksums ?? {}).map(([name, value]) => [`Checksum${name}`, value]),
    );
    return {
      VersionId: stored.versionId === 'null' ? undefined : stored.versionId,
      CopySourceVersionId: source.versionId === 'null' ? undefined : source.versionId,
      ServerSideEncryption: 'AES256',
      CopyObjectResult: { ETag: stored.etag, LastModified: isoDate(stored.lastModified), ...checksums },
    };
  },
});
