// Multipart uploads: parts are blob files of their own and the completed object is made of them in
// order (Complete copies no bytes). Part sizes follow S3's rules — every part but the last at least
// 5 MiB (EntityTooSmall), part numbers 1–10,000 — and the ETag is the MD5 of the parts' binary MD5s
// followed by `-N`. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html

import { createHash, randomBytes } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import { type ChecksumAlgorithm, checksummer } from './checksums.js';
import { checkWriteConditions } from './conditions.js';
import { combineChecksums, combines } from './crc-combine.js';
import { noSuchUpload } from './errors.js';
import type { ObjectEvent } from './notifications.js';
import type { ObjectMeta, S3, StoredObject } from './s3.js';
import type { PartRow, UploadRow } from './store.js';
import { DEFAULT_CHECKSUM } from './upload.js';

export const MIN_PART_SIZE = 5 * 1024 * 1024;

export interface UploadMeta {
  readonly meta: ObjectMeta;
  readonly storageClass: string;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
}

export function createUpload(s3: S3, bucket: string, key: string, upload: UploadMeta): string {
  s3.requireBucket(bucket);
  const uploadId = randomBytes(32).toString('base64url');
  s3.sql.insertUpload.run(uploadId, bucket, key, s3.clock.now(), JSON.stringify(upload));
  return uploadId;
}

export function requireUpload(s3: S3, bucket: string, key: string, uploadId: string): UploadRow {
  s3.requireBucket(bucket);
  const row = s3.sql.getUpload.get(uploadId, bucket, key) as UploadRow | undefined;
  if (!row) throw noSuchUpload(uploadId);
  return row;
}

export function uploadMeta(row: UploadRow): UploadMeta {
  return JSON.parse(row.meta) as UploadMeta;
}

export function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
    throw new ServiceError(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      {
        fields: { ArgumentName: 'partNumber', ArgumentValue: String(partNumber) },
      },
    );
  }
}

/** Records a part (replacing an earlier upload of the same number, whose blob is then removed). */
export function savePart(
  s3: S3,
  uploadId: string,
  partNumber: number,
  part: { name: string; size: number; md5: string; checksums: Record<string, string> },
): string {
  const etag = `"${part.md5}"`;
  const previous = s3.sql.getPart.get(uploadId, partNumber) as PartRow | undefined;
  s3.sql.upsertPart.run(
    uploadId,
    partNumber,
    part.name,
    part.size,
    etag,
    JSON.stringify(part.checksums),
    s3.clock.now(),
  );
  if (previous) s3.blobs.remove([{ name: previous.blob, size: previous.size }]);
  return etag;
}

export function listParts(s3: S3, uploadId: string): PartRow[] {
  return s3.sql.listParts.all(uploadId) as PartRow[];
}

export interface CompletedPart {
  readonly PartNumber: number;
  readonly ETag?: string;
  readonly [checksum: string]: unknown;
}

export async function completeUpload(
  s3: S3,
  upload: UploadRow,
  requested: readonly CompletedPart[],
  event: ObjectEvent,
  conditions: { ifMatch?: string; ifNoneMatch?: string },
  /** A full-object checksum the client sent with Complete, checked against the object's. */
  expected?: string,
): Promise<StoredObject> {
  const bucket = s3.requireBucket(upload.bucket);
  const stored = new Map(listParts(s3, upload.upload_id).map((part) => [part.part_number, part]));
  if (requested.length === 0) {
    throw new ServiceError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  }
  const chosen: PartRow[] = [];
  let previous = 0;
  for (const [index, part] of requested.entries()) {
    if (part.PartNumber <= previous) {
      throw new ServiceError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        {
          fields: { UploadId: upload.upload_id },
        },
      );
    }
    previous = part.PartNumber;
    const found = stored.get(part.PartNumber);
    if (!found || (part.ETag !== undefined && part.ETag.replace(/"/g, '') !== found.etag.replace(/"/g, ''))) {
      throw new ServiceError(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        {
          fields: { UploadId: upload.upload_id, PartNumber: String(part.PartNumber), ETag: part.ETag ?? '' },
        },
      );
    }
    checkPartChecksum(upload, part, found);
    if (index < requested.length - 1 && found.size < MIN_PART_SIZE) {
      throw new ServiceError(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
        {
          fields: {
            ProposedSize: String(found.size),
            MinSizeAllowed: String(MIN_PART_SIZE),
            PartNumber: String(found.part_number),
            ETag: found.etag,
          },
        },
      );
    }
    chosen.push(found);
  }
  const { meta, storageClass, checksumAlgorithm, checksumType } = uploadMeta(upload);
  const md5s = Buffer.concat(chosen.map((part) => Buffer.from(part.etag.replace(/"/g, ''), 'hex')));
  const etag = `"${createHash('md5').update(md5s).digest('hex')}-${chosen.length}"`;
  const objectMeta: ObjectMeta = { ...meta, partSizes: chosen.map((part) => part.size) };
  // No algorithm asked for: S3's default, a full-object CRC64NVME (checking-object-integrity.html).
  const fullObject =
    checksumAlgorithm === undefined
      ? DEFAULT_CHECKSUM
      : checksumType === 'FULL_OBJECT'
        ? checksumAlgorithm
        : undefined;
  if (fullObject) {
    const value = await fullObjectChecksum(s3, fullObject, chosen);
    if (expected !== undefined && expected !== value) {
      throw new ServiceError(
        'BadDigest',
        `The ${fullObject} you specified did not match the calculated checksum.`,
      );
    }
    objectMeta.checksums = { [fullObject]: value };
    objectMeta.checksumType = 'FULL_OBJECT';
  } else if (checksumAlgorithm) {
    // The composite checksum: the checksum of the parts' binary checksums, then `-N`.
    const digests = chosen.map(
      (part) => (JSON.parse(part.checksums) as Record<string, string>)[checksumAlgorithm],
    );
    if (digests.every((digest) => digest !== undefined)) {
      objectMeta.checksums = {
        [checksumAlgorithm]: `${compositeChecksum(checksumAlgorithm, digests as string[])}-${chosen.length}`,
      };
      objectMeta.checksumType = 'COMPOSITE';
    }
  }
  const size = chosen.reduce((sum, part) => sum + part.size, 0);
  const unused = [...stored.values()].filter((part) => !chosen.includes(part));
  const object = s3.store.transaction(() => {
    // The upload may have been completed or aborted while the checksum was read.
    if (!s3.sql.getUpload.get(upload.upload_id, upload.bucket, upload.key))
      throw noSuchUpload(upload.upload_id);
    const result = s3.putVersion(
      bucket,
      upload.key,
      {
        blobs: partBlobs(chosen),
        size,
        etag,
        storageClass,
        meta: objectMeta,
      },
      event,
      (current) => checkWriteConditions(current, upload.key, conditions),
    );
    s3.sql.deleteParts.run(upload.upload_id);
    s3.sql.deleteUpload.run(upload.upload_id);
    return result;
  });
  s3.blobs.remove(unused.map((part) => ({ name: part.blob, size: part.size })));
  return object;
}

export function abortUpload(s3: S3, upload: UploadRow): void {
  const parts = listParts(s3, upload.upload_id);
  s3.store.transaction(() => {
    s3.sql.deleteParts.run(upload.upload_id);
    s3.sql.deleteUpload.run(upload.upload_id);
  });
  s3.blobs.remove(parts.map((part) => ({ name: part.blob, size: part.size })));
}

/**
 * A part listed in Complete with a checksum must carry the one it was uploaded with (else InvalidPart), and
 * an upload created with a COMPOSITE checksum must list every part's (else InvalidRequest), as S3 answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
function checkPartChecksum(upload: UploadRow, part: CompletedPart, found: PartRow): void {
  const { checksumAlgorithm, checksumType } = uploadMeta(upload);
  if (!checksumAlgorithm) return;
  const given = part[`Checksum${checksumAlgorithm}`] as string | undefined;
  if (given === undefined) {
    if (checksumType !== 'COMPOSITE') return;
    throw new ServiceError(
      'InvalidRequest',
      `The upload was created using a ${checksumAlgorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${part.PartNumber} in the request.`,
    );
  }
  if (given !== (JSON.parse(found.checksums) as Record<string, string>)[checksumAlgorithm]) {
    throw new ServiceError(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { fields: { UploadId: upload.upload_id, PartNumber: String(part.PartNumber), ETag: part.ETag ?? '' } },
    );
  }
}

/** The CRC of the whole object, combined from the parts' CRCs (crc-combine.ts); read through the parts
 * only when one lacks it (a part stored before S3 defaulted to CRC64NVME). */
async function fullObjectChecksum(
  s3: S3,
  algorithm: ChecksumAlgorithm,
  parts: readonly PartRow[],
): Promise<string> {
  const pieces = parts.map(
    (part) => [(JSON.parse(part.checksums) as Record<string, string>)[algorithm], part.size] as const,
  );
  if (combines(algorithm) && pieces.every(([checksum]) => checksum !== undefined)) {
    return combineChecksums(algorithm, pieces as [string, number][]);
  }
  const summer = checksummer(algorithm);
  const total = parts.reduce((sum, part) => sum + part.size, 0);
  for await (const chunk of s3.blobs.read(partBlobs(parts), 0, total - 1)) summer.update(chunk as Buffer);
  return summer.digest();
}

function partBlobs(parts: readonly PartRow[]): { name: string; size: number }[] {
  return parts.map((part) => ({ name: part.blob, size: part.size }));
}

function compositeChecksum(algorithm: ChecksumAlgorithm, digests: readonly string[]): string {
  const summer = checksummer(algorithm);
  summer.update(Buffer.concat(digests.map((digest) => Buffer.from(digest, 'base64'))));
  return summer.digest();
}
