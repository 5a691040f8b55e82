// Members several S3 operations share: the bucket and key labels, the Content-* and metadata headers
// an object keeps, the checksum headers, and the headers that describe an object in a response.

import { type Member, s } from '../../core/shapes.js';

export const bucketLabel = s.required(s.string(), { uri: 'Bucket' });
export const keyLabel = s.required(s.string({ min: 1 }), { uri: 'Key' });
const header = (name: string) => s.optional(s.string(), { header: name });

/** What an object keeps from the request that wrote it (PutObject, CreateMultipartUpload, CopyObject). */
export const objectHeaders = {
  CacheControl: header('Cache-Control'),
  ContentDisposition: header('Content-Disposition'),
  ContentEncoding: header('Content-Encoding'),
  ContentLanguage: header('Content-Language'),
  ContentType: header('Content-Type'),
  Expires: header('Expires'),
  Metadata: s.optional(s.map(s.string()), { headerPrefix: 'x-amz-meta-' }),
  StorageClass: header('x-amz-storage-class'),
  Tagging: header('x-amz-tagging'),
  WebsiteRedirectLocation: header('x-amz-website-redirect-location'),
};

/** The integrity headers of an upload (see upload.ts). */
export const uploadHeaders = {
  ContentMD5: header('Content-MD5'),
  ContentLength: s.optional(s.integer(), { header: 'Content-Length' }),
  ContentSha256: header('x-amz-content-sha256'),
  TransferEncoding: header('Transfer-Encoding'),
  DecodedContentLength: s.optional(s.integer(), { header: 'x-amz-decoded-content-length' }),
  Trailer: header('x-amz-trailer'),
  ChecksumAlgorithm: header('x-amz-sdk-checksum-algorithm'),
  ChecksumCRC32: header('x-amz-checksum-crc32'),
  ChecksumCRC32C: header('x-amz-checksum-crc32c'),
  ChecksumCRC64NVME: header('x-amz-checksum-crc64nvme'),
  ChecksumSHA1: header('x-amz-checksum-sha1'),
  ChecksumSHA256: header('x-amz-checksum-sha256'),
  // How the request was signed: the seed of an aws-chunked body's signature chain (chunk-signing.ts).
  Authorization: header('Authorization'),
  AmzDate: header('x-amz-date'),
  PresignedCredential: s.optional(s.string(), { querystring: 'X-Amz-Credential' }),
  PresignedSignature: s.optional(s.string(), { querystring: 'X-Amz-Signature' }),
};

/** Checksum headers in responses. */
export const checksumOutput = {
  ChecksumCRC32: header('x-amz-checksum-crc32'),
  ChecksumCRC32C: header('x-amz-checksum-crc32c'),
  ChecksumCRC64NVME: header('x-amz-checksum-crc64nvme'),
  ChecksumSHA1: header('x-amz-checksum-sha1'),
  ChecksumSHA256: header('x-amz-checksum-sha256'),
  ChecksumType: header('x-amz-checksum-type'),
};

/** The checksum members of XML bodies (parts, CompleteMultipartUpload results, object attributes). */
export const checksumMembers = {
  ChecksumCRC32: s.optional(s.string()),
  ChecksumCRC32C: s.optional(s.string()),
  ChecksumCRC64NVME: s.optional(s.string()),
  ChecksumSHA1: s.optional(s.string()),
  ChecksumSHA256: s.optional(s.string()),
};

/** Access-Control-* headers on responses to browsers (see cors.ts). */
export const corsOutput = {
  AccessControlAllowOrigin: header('Access-Control-Allow-Origin'),
  AccessControlAllowMethods: header('Access-Control-Allow-Methods'),
  AccessControlAllowCredentials: header('Access-Control-Allow-Credentials'),
  AccessControlExposeHeaders: header('Access-Control-Expose-Headers'),
  Vary: header('Vary'),
};

/** How GetObject and HeadObject describe an object. */
export const objectOutput: Record<string, Member> = {
  AcceptRanges: header('accept-ranges'),
  CacheControl: header('Cache-Control'),
  ContentDisposition: header('Content-Disposition'),
  ContentEncoding: header('Content-Encoding'),
  ContentLanguage: header('Content-Language'),
  ContentLength: s.optional(s.integer(), { header: 'Content-Length' }),
  ContentRange: header('Content-Range'),
  ContentType: header('Content-Type'),
  DeleteMarker: header('x-amz-delete-marker'),
  ETag: header('ETag'),
  Expires: header('Expires'),
  LastModified: header('Last-Modified'),
  Metadata: s.optional(s.map(s.string()), { headerPrefix: 'x-amz-meta-' }),
  PartsCount: s.optional(s.integer(), { header: 'x-amz-mp-parts-count' }),
  Restore: header('x-amz-restore'),
  ServerSideEncryption: header('x-amz-server-side-encryption'),
  StatusCode: s.optional(s.integer(), { statusCode: true }),
  StorageClass: header('x-amz-storage-class'),
  TagCount: s.optional(s.integer(), { header: 'x-amz-tagging-count' }),
  VersionId: header('x-amz-version-id'),
  WebsiteRedirectLocation: header('x-amz-website-redirect-location'),
  ...checksumOutput,
  ...corsOutput,
};

export const tagShape = s.structure({ Key: s.required(s.string()), Value: s.required(s.string()) });
export const tagSetShape = s.list(tagShape, { memberName: 'Tag' });
