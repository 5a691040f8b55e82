// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload,
// ListParts and ListMultipartUploads.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html

import { s } from '../../../core/shapes.js';
import { checksumAlgorithm } from '../checksums.js';
import { resolveCopySource } from '../copy.js';
import { invalidArgument, invalidRequest } from '../errors.js';
import {
  abortUpload,
  checkPartNumber,
  completeUpload,
  createUpload,
  listParts,
  requireUpload,
  savePart,
  uploadMeta,
} from '../multipart.js';
import { checkKey } from '../names.js';
import { checkStorageClass, checksumHeaders, isoDate, metaFrom } from '../objects.js';
import { checkPresigned, presignedQuery } from '../presigned.js';
import { sliceFor } from '../ranges.js';
import {
  bucketLabel,
  checksumMembers,
  checksumOutput,
  keyLabel,
  objectHeaders,
  uploadHeaders,
} from '../shapes.js';
import type { UploadRow } from '../store.js';
import { DEFAULT_CHECKSUM, receiveBody } from '../upload.js';
import { copySourceHeaders } from './copy-object.js';
import { eventFor, operation } from './operation.js';

const header = (name: string) => s.optional(s.string(), { header: name });
const uploadIdQuery = s.required(s.string(), { querystring: 'uploadId' });
const partNumberQuery = s.required(s.integer(), { querystring: 'partNumber' });

export const createMultipartUpload = operation({
  http: { method: 'POST', uri: '/{Bucket}/{Key+}?uploads' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    ChecksumAlgorithm: header('x-amz-checksum-algorithm'),
    ChecksumType: header('x-amz-checksum-type'),
    ...objectHeaders,
  }),
  output: s.structure({
    ChecksumAlgorithm: header('x-amz-checksum-algorithm'),
    ChecksumType: header('x-amz-checksum-type'),
    InitiateMultipartUploadResult: s.optional(
      s.structure({
        Bucket: s.optional(s.string()),
        Key: s.optional(s.string()),
        UploadId: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3) {
    checkKey(input.Key);
    const algorithm = checksumAlgorithm(input.ChecksumAlgorithm);
    const checksumType = multipartChecksumType(algorithm, input.ChecksumType);
    const uploadId = createUpload(s3, input.Bucket, input.Key, {
      meta: metaFrom(input),
      storageClass: checkStorageClass(input.StorageClass),
      checksumAlgorithm: algorithm,
      checksumType,
    });
    return {
      ChecksumAlgorithm: algorithm,
      ChecksumType: checksumType,
      InitiateMultipartUploadResult: { Bucket: input.Bucket, Key: input.Key, UploadId: uploadId },
    };
  },
});

/** COMPOSITE unless FULL_OBJECT is asked for (CRCs only) or implied (CRC64NVME has no composite form).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html */
function multipartChecksumType(
  algorithm: ReturnType<typeof checksumAlgorithm>,
  requested: string | undefined,
): 'FULL_OBJECT' | 'COMPOSITE' | undefined {
  if (requested !== undefined && requested !== 'FULL_OBJECT' && requested !== 'COMPOSITE') {
    throw invalidArgument(
      'Value for x-amz-checksum-type header is invalid.',
      'x-amz-checksum-type',
      requested,
    );
  }
  if (!algorithm) {
    if (requested)
      throw invalidRequest(
        'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.',
      );
    return undefined;
  }
  const type = requested ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  const crc = algorithm === 'CRC32' || algorithm === 'CRC32C' || algorithm === 'CRC64NVME';
  if (type === 'FULL_OBJECT' && !crc) {
    throw invalidRequest(
      `The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  }
  if (type === 'COMPOSITE' && algorithm === 'CRC64NVME') {
    throw invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
  }
  return type;
}

export const uploadPart = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}?partNumber&uploadId' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    UploadId: uploadIdQuery,
    PartNumber: partNumberQuery,
    Body: s.optional(s.stream(), { payload: true }),
    ...uploadHeaders,
    ...presignedQuery,
  }),
  output: s.structure({
    ETag: header('ETag'),
    ServerSideEncryption: header('x-amz-server-side-encryption'),
    ...checksumOutput,
  }),
  async run(input, s3) {
    checkPresigned(input, s3.clock.now());
    checkPartNumber(input.PartNumber);
    const upload = requireUpload(s3, input.Bucket, input.Key, input.UploadId);
    const body = await receiveBody(
      s3,
      input.Body,
      {
        ...input,
        ChecksumAlgorithm: input.ChecksumAlgorithm ?? uploadMeta(upload).checksumAlgorithm,
        UploadChecksumAlgorithm: uploadMeta(upload).checksumAlgorithm,
      },
      false,
    );
    const checksums = { [body.checksum.algorithm]: body.checksum.value };
    const etag = storePart(s3, upload, input.PartNumber, { ...body, checksums });
    // A part's default CRC64NVME is kept (Complete combines the parts' CRCs) but not reported.
    const reported = body.checksum.defaulted ? {} : checksumHeaders({ checksums });
    return { ETag: etag, ServerSideEncryption: 'AES256', ...reported };
  },
});

export const uploadPartCopy = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}?partNumber&uploadId' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    UploadId: uploadIdQuery,
    PartNumber: partNumberQuery,
    CopySourceRange: header('x-amz-copy-source-range'),
    ...copySourceHeaders,
  }),
  output: s.structure({
    CopySourceVersionId: header('x-amz-copy-source-version-id'),
    CopyPartResult: s.optional(
      s.structure({ ETag: s.optional(s.string()), LastModified: s.optional(s.string()) }),
      { payload: true },
    ),
  }),
  async run(input, s3) {
    checkPartNumber(input.PartNumber);
    const upload = requireUpload(s3, input.Bucket, input.Key, input.UploadId);
    const source = resolveCopySource(s3, input);
    if (input.CopySourceRange !== undefined && !/^bytes=\d+-\d+$/.test(input.CopySourceRange)) {
      throw invalidArgument(
        'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
        'x-amz-copy-source-range',
        input.CopySourceRange,
      );
    }
    checkCopyRange(input.CopySourceRange, source.size);
    const slice = sliceFor(source, input.CopySourceRange, undefined);
    const algorithm = uploadMeta(upload).checksumAlgorithm ?? DEFAULT_CHECKSUM;
    const written = await s3.blobs.write(s3.bodyStream(source, slice.start, slice.end), [algorithm], false);
    const etag = storePart(s3, upload, input.PartNumber, {
      ...written,
      checksums: written.checksums as Record<string, string>,
    });
    return {
      CopySourceVersionId: source.versionId === 'null' ? undefined : source.versionId,
      CopyPartResult: { ETag: etag, LastModified: isoDate(s3.clock.now()) },
    };
  },
});

/** Unlike a GET's Range, a copy range is never clipped: it must lie within the source.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html */
function checkCopyRange(range: string | undefined, size: number): void {
  const match = range === undefined ? undefined : /^bytes=(\d+)-(\d+)$/.exec(range);
  if (!match) return;
  const first = Number(match[1]);
  const last = Number(match[2]);
  if (first > last || last >= size) {
    throw invalidArgument(
      `Range specified is not valid for source object of size: ${size}`,
      'x-amz-copy-source-range',
      range,
    );
  }
}

/** Saves a part unless the upload ended while its body streamed (then the blob is dropped). */
function storePart(
  s3: Parameters<typeof savePart>[0],
  upload: UploadRow,
  partNumber: number,
  part: { name?: string; size: number; md5: string; checksums: Record<string, string> },
): string {
  // Parts are written with inline off, so they are always files.
  const name = part.name ?? '';
  try {
    requireUpload(s3, upload.bucket, upload.key, upload.upload_id);
    return savePart(s3, upload.upload_id, partNumber, { ...part, name });
  } catch (error) {
    s3.blobs.remove([part]);
    throw error;
  }
}

const completedPart = s.structure({
  PartNumber: s.required(s.integer()),
  ETag: s.optional(s.string()),
  ...checksumMembers,
});

export const completeMultipartUpload = operation({
  http: { method: 'POST', uri: '/{Bucket}/{Key+}?uploadId' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    UploadId: uploadIdQuery,
    IfMatch: header('If-Match'),
    IfNoneMatch: header('If-None-Match'),
    ChecksumCRC32: header('x-amz-checksum-crc32'),
    ChecksumCRC32C: header('x-amz-checksum-crc32c'),
    ChecksumCRC64NVME: header('x-amz-checksum-crc64nvme'),
    MultipartUpload: s.optional(
      s.structure({ Parts: s.optional(s.list(completedPart, { flattened: true }), 'Part') }),
      { payload: true },
    ),
  }),
  output: s.structure({
    VersionId: header('x-amz-version-id'),
    ServerSideEncryption: header('x-amz-server-side-encryption'),
    CompleteMultipartUploadResult: s.optional(
      s.structure({
        Location: s.optional(s.string()),
        Bucket: s.optional(s.string()),
        Key: s.optional(s.string()),
        ETag: s.optional(s.string()),
        ...checksumMembers,
        ChecksumType: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  async run(input, s3, ctx) {
    const upload = requireUpload(s3, input.Bucket, input.Key, input.UploadId);
    const object = await completeUpload(
      s3,
      upload,
      input.MultipartUpload?.Parts ?? [],
      eventFor(ctx, 'ObjectCreated:CompleteMultipartUpload'),
      {
        ifMatch: input.IfMatch,
        ifNoneMatch: input.IfNoneMatch,
      },
      input.ChecksumCRC32 ?? input.ChecksumCRC32C ?? input.ChecksumCRC64NVME,
    );
    return {
      VersionId: object.versionId === 'null' ? undefined : object.versionId,
      ServerSideEncryption: 'AES256',
      CompleteMultipartUploadResult: {
        Location: `http://${ctx.host}/${input.Bucket}/${encodeURIComponent(input.Key)}`,
        Bucket: input.Bucket,
        Key: input.Key,
        ETag: object.etag,
        ...checksumHeaders(object.meta),
      },
    };
  },
});

export const abortMultipartUpload = operation({
  http: { method: 'DELETE', uri: '/{Bucket}/{Key+}?uploadId', code: 204 },
  input: s.structure({ Bucket: bucketLabel, Key: keyLabel, UploadId: uploadIdQuery }),
  run(input, s3) {
    abortUpload(s3, requireUpload(s3, input.Bucket, input.Key, input.UploadId));
    return {};
  },
});

const partShape = s.structure({
  PartNumber: s.optional(s.integer()),
  LastModified: s.optional(s.string()),
  ETag: s.optional(s.string()),
  Size: s.optional(s.integer()),
  ...checksumMembers,
});

export const listPartsOperation = operation({
  http: { method: 'GET', uri: '/{Bucket}/{Key+}?uploadId' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    UploadId: uploadIdQuery,
    MaxParts: s.optional(s.integer(), { querystring: 'max-parts' }),
    PartNumberMarker: s.optional(s.integer(), { querystring: 'part-number-marker' }),
  }),
  output: s.structure({
    ListPartsResult: s.optional(
      s.structure({
        Bucket: s.optional(s.string()),
        Key: s.optional(s.string()),
        UploadId: s.optional(s.string()),
        PartNumberMarker: s.optional(s.integer()),
        NextPartNumberMarker: s.optional(s.integer()),
        MaxParts: s.optional(s.integer()),
        IsTruncated: s.optional(s.boolean()),
        Parts: s.optional(s.list(partShape, { flattened: true }), 'Part'),
        StorageClass: s.optional(s.string()),
        ChecksumAlgorithm: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3) {
    const upload = requireUpload(s3, input.Bucket, input.Key, input.UploadId);
    const maxParts = Math.min(input.MaxParts ?? 1000, 1000);
    const marker = input.PartNumberMarker ?? 0;
    const after = listParts(s3, upload.upload_id).filter((part) => part.part_number > marker);
    const page = after.slice(0, maxParts);
    const truncated = after.length > page.length;
    const meta = uploadMeta(upload);
    return {
      ListPartsResult: {
        Bucket: input.Bucket,
        Key: input.Key,
        UploadId: input.UploadId,
        PartNumberMarker: marker,
        NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.part_number : undefined,
        MaxParts: maxParts,
        IsTruncated: truncated,
        Parts: page.map((part) => ({
          PartNumber: part.part_number,
          LastModified: isoDate(part.last_modified),
          ETag: part.etag,
          Size: part.size,
          // Parts of an upload without a checksum algorithm carry only S3's default, not listed.
          ...(meta.checksumAlgorithm
            ? checksumHeaders({ checksums: JSON.parse(part.checksums) as Record<string, string> })
            : {}),
        })),
        StorageClass: meta.storageClass,
        ChecksumAlgorithm: meta.checksumAlgorithm,
      },
    };
  },
});
