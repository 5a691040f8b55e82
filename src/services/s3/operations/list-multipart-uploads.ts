// ListMultipartUploads: uploads in progress, paged by (key-marker, upload-id-marker), with prefix,
// delimiter (common prefixes count toward max-uploads) and encoding-type=url, as ListObjects has.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html

import { s } from '../../../core/shapes.js';
import { invalidArgument } from '../errors.js';
import { listUploads } from '../listing.js';
import { uploadMeta } from '../multipart.js';
import { isoDate } from '../objects.js';
import { bucketLabel } from '../shapes.js';
import { owner } from './buckets.js';
import { encoder } from './list-objects.js';
import { operation } from './operation.js';

const query = (name: string) => s.optional(s.string(), { querystring: name });
const ownerShape = s.structure({ ID: s.optional(s.string()), DisplayName: s.optional(s.string()) });
const uploadShape = s.structure({
  UploadId: s.optional(s.string()),
  Key: s.optional(s.string()),
  Initiated: s.optional(s.string()),
  StorageClass: s.optional(s.string()),
  Owner: s.optional(ownerShape),
  Initiator: s.optional(ownerShape),
  ChecksumAlgorithm: s.optional(s.string()),
});

export const listMultipartUploads = operation({
  http: { method: 'GET', uri: '/{Bucket}?uploads' },
  input: s.structure({
    Bucket: bucketLabel,
    Prefix: query('prefix'),
    Delimiter: query('delimiter'),
    MaxUploads: s.optional(s.integer(), { querystring: 'max-uploads' }),
    KeyMarker: query('key-marker'),
    UploadIdMarker: query('upload-id-marker'),
    EncodingType: query('encoding-type'),
  }),
  output: s.structure({
    ListMultipartUploadsResult: s.optional(
      s.structure({
        Bucket: s.optional(s.string()),
        KeyMarker: s.optional(s.string()),
        UploadIdMarker: s.optional(s.string()),
        NextKeyMarker: s.optional(s.string()),
        Prefix: s.optional(s.string()),
        Delimiter: s.optional(s.string()),
        NextUploadIdMarker: s.optional(s.string()),
        MaxUploads: s.optional(s.integer()),
        IsTruncated: s.optional(s.boolean()),
        Uploads: s.optional(s.list(uploadShape, { flattened: true }), 'Upload'),
        CommonPrefixes: s.optional(
          s.list(s.structure({ Prefix: s.optional(s.string()) }), { flattened: true }),
        ),
        EncodingType: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    const encode = encoder(input.EncodingType);
    const maxUploads = checkMaxUploads(input.MaxUploads);
    const keyMarker = input.KeyMarker ?? '';
    // upload-id-marker is ignored without key-marker (the API reference says so).
    const uploadIdMarker = keyMarker ? input.UploadIdMarker || undefined : undefined;
    const page = listUploads(s3, input.Bucket, {
      prefix: input.Prefix ?? '',
      delimiter: input.Delimiter || undefined,
      keyMarker,
      uploadIdMarker,
      maxUploads,
    });
    const who = owner(ctx.account);
    return {
      ListMultipartUploadsResult: {
        Bucket: input.Bucket,
        KeyMarker: encode(keyMarker),
        UploadIdMarker: uploadIdMarker ?? '',
        NextKeyMarker: page.nextKeyMarker === undefined ? undefined : encode(page.nextKeyMarker),
        Prefix: encode(input.Prefix ?? ''),
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        NextUploadIdMarker: page.nextUploadIdMarker,
        MaxUploads: maxUploads,
        IsTruncated: page.truncated,
        Uploads: page.uploads.map((row) => ({
          UploadId: row.upload_id,
          Key: encode(row.key),
          Initiated: isoDate(row.initiated),
          StorageClass: uploadMeta(row).storageClass,
          Owner: who,
          Initiator: who,
          ChecksumAlgorithm: uploadMeta(row).checksumAlgorithm,
        })),
        CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
        EncodingType: input.EncodingType,
      },
    };
  },
});

/**
 * max-uploads: 1,000 at most (larger values are capped, as ListObjects caps max-keys). S3 words a negative
 * value and one beyond the integer range differently, as other S3 implementations observed (versitygw#1794,
 * #1804).
 */
function checkMaxUploads(maxUploads: number | undefined): number {
  if (maxUploads === undefined) return 1000;
  if (maxUploads > 2_147_483_647)
    throw invalidArgument(
      'Provided max-uploads not an integer or within integer range',
      'max-uploads',
      String(maxUploads),
    );
  if (maxUploads < 0)
    throw invalidArgument(
      'Argument max-uploads must be an integer between 0 and 2147483647',
      'max-uploads',
      String(maxUploads),
    );
  return Math.min(maxUploads, 1000);
}
