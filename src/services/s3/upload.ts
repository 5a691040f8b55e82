// Receiving a body: aws-chunked decoding, the blob write, and the integrity checks S3 makes on what
// arrived — Content-MD5 (InvalidDigest/BadDigest), the flexible checksum in a header or a trailer
// (BadDigest), and the declared decoded length (IncompleteBody).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html

import { Readable } from 'node:stream';
import { ServiceError } from '../../core/errors.js';
import { AwsChunkedDecoder, chunkedPayload, isAwsChunked } from './aws-chunked.js';
import type { WrittenBlob } from './blobs.js';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm, checksumAlgorithm } from './checksums.js';
import { chunkSigningFor, type SigningInput } from './chunk-signing.js';
import type { S3 } from './s3.js';

/** The integrity-related headers of an upload (and how it was signed, for aws-chunked signatures). */
export interface UploadHeaders extends SigningInput {
  readonly ContentMD5?: string;
  readonly ContentLength?: number;
  readonly ContentEncoding?: string | undefined;
  readonly ContentSha256?: string;
  readonly TransferEncoding?: string;
  readonly DecodedContentLength?: number;
  readonly Trailer?: string;
  readonly ChecksumAlgorithm?: string;
  /** UploadPart: the algorithm the multipart upload was created with, which the part must use. */
  readonly UploadChecksumAlgorithm?: ChecksumAlgorithm;
  readonly ChecksumCRC32?: string;
  readonly ChecksumCRC32C?: string;
  readonly ChecksumCRC64NVME?: string;
  readonly ChecksumSHA1?: string;
  readonly ChecksumSHA256?: string;
}

export interface ReceivedBody extends WrittenBlob {
  /** The checksum the client asked for (header, trailer or algorithm), verified when a value came; or
   * S3's default, CRC64NVME, when it asked for none (`defaulted`). */
  readonly checksum: { algorithm: ChecksumAlgorithm; value: string; defaulted: boolean };
}

/** Since 2025 S3 stores a CRC64NVME checksum of every object uploaded without one.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html */
export const DEFAULT_CHECKSUM: ChecksumAlgorithm = 'CRC64NVME';

/** `inline`: the body may stay in the row when small (objects; never parts, which become files). */
export async function receiveBody(
  s3: S3,
  body: Readable | undefined,
  headers: UploadHeaders,
  inline: boolean,
): Promise<ReceivedBody> {
  checkSize(headers.DecodedContentLength ?? headers.ContentLength);
  const chunked = isAwsChunked(headers.ContentEncoding, headers.ContentSha256);
  checkTransferEncoding(headers.TransferEncoding, chunked);
  const expectedMd5 = headers.ContentMD5 === undefined ? undefined : parseContentMd5(headers.ContentMD5);
  const declared = declaredChecksum(headers);
  const trailerAlgorithm = checksumAlgorithm(headers.Trailer?.trim());
  const requested = declared?.algorithm ?? trailerAlgorithm ?? checksumAlgorithm(headers.ChecksumAlgorithm);
  checkPartAlgorithm(headers.UploadChecksumAlgorithm, requested);
  const algorithm = requested ?? DEFAULT_CHECKSUM;
  const source = body ?? Readable.from([]);
  const decoder = chunked
    ? new AwsChunkedDecoder({
        payload: chunkedPayload(headers.ContentSha256),
        signing: chunkSigningFor(headers),
        decodedLength: headers.DecodedContentLength,
      })
    : undefined;
  const stream = decoder ? source.pipe(decoder) : source;
  if (decoder) source.once('error', (error) => decoder.destroy(error));
  let written: WrittenBlob;
  try {
    written = await s3.blobs.write(stream, [algorithm], inline);
  } catch (error) {
    // A client that goes away mid-body (or a body shorter than its Content-Length) is S3's IncompleteBody.
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    );
  }
  const problem = verify(written, expectedMd5, declared, decoder, algorithm);
  if (problem) {
    s3.blobs.remove([written]);
    throw problem;
  }
  const checksum = { algorithm, value: written.checksums[algorithm]!, defaulted: requested === undefined };
  return { ...written, checksum };
}

function verify(
  written: WrittenBlob,
  expectedMd5: string | undefined,
  declared: { algorithm: ChecksumAlgorithm; value: string } | undefined,
  decoder: AwsChunkedDecoder | undefined,
  algorithm: ChecksumAlgorithm,
): ServiceError | undefined {
  if (expectedMd5 !== undefined && expectedMd5 !== written.md5) {
    return new ServiceError('BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      fields: {
        ExpectedDigest: Buffer.from(expectedMd5, 'hex').toString('base64'),
        CalculatedDigest: Buffer.from(written.md5, 'hex').toString('base64'),
      },
    });
  }
  const trailerValue = decoder?.trailers[`x-amz-checksum-${algorithm.toLowerCase()}`];
  const expected = declared?.value ?? trailerValue;
  if (expected !== undefined && expected !== written.checksums[algorithm]) {
    return new ServiceError(
      'BadDigest',
      `The ${algorithm} you specified did not match the calculated checksum.`,
    );
  }
  return undefined;
}

/** One PUT (an object or a part) carries at most 5 GiB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

function checkSize(declared: number | undefined): void {
  if (declared !== undefined && declared > MAX_PUT_BYTES) {
    throw new ServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      fields: { ProposedSize: String(declared), MaxSizeAllowed: String(MAX_PUT_BYTES) },
    });
  }
}

/** S3 takes no HTTP chunked bodies except aws-chunked ones (which declare their decoded length): a PUT of
 * unknown length is 501 NotImplemented naming the header, as S3 answers SDKs that stream without a
 * ContentLength (aws-sdk-js-v3 issue 3400). */
function checkTransferEncoding(transferEncoding: string | undefined, awsChunked: boolean): void {
  if (transferEncoding === undefined || awsChunked || transferEncoding.trim().toLowerCase() === 'identity')
    return;
  throw new ServiceError(
    'NotImplemented',
    'A header you provided implies functionality that is not implemented',
    {
      fields: { Header: 'Transfer-Encoding' },
    },
  );
}

/** A part of an upload created with a checksum algorithm must be checksummed with that one.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html */
function checkPartAlgorithm(
  expected: ChecksumAlgorithm | undefined,
  actual: ChecksumAlgorithm | undefined,
): void {
  if (expected && actual && actual !== expected) {
    throw new ServiceError(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${actual.toLowerCase()}`,
    );
  }
}

/** Content-MD5 as hex; InvalidDigest when it is not the base64 of 16 bytes. */
function parseContentMd5(value: string): string {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) {
    throw new ServiceError('InvalidDigest', 'The Content-MD5 you specified was invalid.', {
      fields: { 'Content-MD5': value },
    });
  }
  return bytes.toString('hex');
}

/** A checksum value sent as a header (`x-amz-checksum-crc32: …`); only one may be sent. */
export function declaredChecksum(
  headers: UploadHeaders,
): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  const values = CHECKSUM_ALGORITHMS.map((algorithm) => ({
    algorithm,
    value: headers[`Checksum${algorithm}` as keyof UploadHeaders] as string | undefined,
  })).filter((entry) => entry.value !== undefined) as { algorithm: ChecksumAlgorithm; value: string }[];
  if (values.length > 1) {
    throw new ServiceError(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const found = values[0];
  if (found && !validChecksumText(found.algorithm, found.value)) {
    throw new ServiceError(
      'InvalidRequest',
      `Value for x-amz-checksum-${found.algorithm.toLowerCase()} header is invalid.`,
    );
  }
  return found;
}

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

function validChecksumText(algorithm: ChecksumAlgorithm, value: string): boolean {
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm]
  );
}
