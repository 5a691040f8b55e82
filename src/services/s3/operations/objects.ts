// PutObject, GetObject and HeadObject.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html

import { type Infer, s } from '../../../core/shapes.js';
import { checkReadConditions } from '../conditions.js';
import { corsHeaders, withCors } from '../cors.js';
import { checksumHeaders, describeObject, putObject as put } from '../objects.js';
import { checkPresigned, presignedQuery } from '../presigned.js';
import { sliceFor } from '../ranges.js';
import type { S3 } from '../s3.js';
import {
  bucketLabel,
  checksumOutput,
  corsOutput,
  keyLabel,
  objectHeaders,
  objectOutput,
  uploadHeaders,
} from '../shapes.js';
import { eventFor, operation } from './operation.js';

const header = (name: string) => s.optional(s.string(), { header: name });

export const putObject = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    Body: s.optional(s.stream(), { payload: true }),
    IfMatch: header('If-Match'),
    IfNoneMatch: header('If-None-Match'),
    ...objectHeaders,
    ...uploadHeaders,
    ...presignedQuery,
    Origin: header('Origin'),
  }),
  output: s.structure({
    ...corsOutput,
    ETag: header('ETag'),
    VersionId: header('x-amz-version-id'),
    ServerSideEncryption: header('x-amz-server-side-encryption'),
    Size: s.optional(s.integer(), { header: 'x-amz-object-size' }),
    ...checksumOutput,
  }),
  run(input, s3, ctx) {
    return withCors(s3, input.Bucket, input.Origin, 'PUT', async () => {
      checkPresigned(input, s3.clock.now());
      const stored = await put(s3, input, eventFor(ctx, 'ObjectCreated:Put'));
      return {
        ETag: stored.etag,
        VersionId: stored.versionId === 'null' ? undefined : stored.versionId,
        ServerSideEncryption: 'AES256',
        ...checksumHeaders(stored.meta),
        ...corsHeaders(s3, input.Bucket, input.Origin, 'PUT'),
      };
    });
  },
});

const readInput = s.structure({
  Bucket: bucketLabel,
  Key: keyLabel,
  VersionId: s.optional(s.string(), { querystring: 'versionId' }),
  PartNumber: s.optional(s.integer({ min: 1, max: 10000 }), { querystring: 'partNumber' }),
  Range: header('Range'),
  IfMatch: header('If-Match'),
  IfNoneMatch: header('If-None-Match'),
  IfModifiedSince: header('If-Modified-Since'),
  IfUnmodifiedSince: header('If-Unmodified-Since'),
  ChecksumMode: header('x-amz-checksum-mode'),
  ResponseCacheControl: s.optional(s.string(), { querystring: 'response-cache-control' }),
  ResponseContentDisposition: s.optional(s.string(), { querystring: 'response-content-disposition' }),
  ResponseContentEncoding: s.optional(s.string(), { querystring: 'response-content-encoding' }),
  ResponseContentLanguage: s.optional(s.string(), { querystring: 'response-content-language' }),
  ResponseContentType: s.optional(s.string(), { querystring: 'response-content-type' }),
  ResponseExpires: s.optional(s.string(), { querystring: 'response-expires' }),
  ...presignedQuery,
  Origin: header('Origin'),
});

export const getObject = operation({
  http: { method: 'GET', uri: '/{Bucket}/{Key+}' },
  input: readInput,
  output: s.structure({ ...objectOutput, Body: s.optional(s.stream(), { payload: true }) }),
  run(input, s3) {
    return withCors(s3, input.Bucket, input.Origin, 'GET', () => {
      const { object, slice, description } = describeRead(input, s3, 'GET');
      return { ...description, Body: s3.readBody(object, slice.start, slice.end) };
    });
  },
});

export const headObject = operation({
  http: { method: 'HEAD', uri: '/{Bucket}/{Key+}' },
  input: readInput,
  output: s.structure(objectOutput),
  run(input, s3) {
    return withCors(s3, input.Bucket, input.Origin, 'HEAD', () => {
      return describeRead(input, s3, 'HEAD').description;
    });
  },
});

/** What GetObject and HeadObject share: the checks, in S3's order, and the headers of the answer. */
function describeRead(input: Infer<typeof readInput>, s3: S3, method: 'GET' | 'HEAD') {
  checkPresigned(input, s3.clock.now());
  const object = s3.requireObject(input.Bucket, input.Key, input.VersionId);
  checkReadConditions(object, conditionsOf(input));
  if (method === 'GET') s3.requireReadable(object);
  const slice = sliceFor(object, input.Range, input.PartNumber);
  const whole = slice.contentRange === undefined;
  const description = {
    ...describeObject(object, whole && input.ChecksumMode === 'ENABLED', s3.clock.now()),
    ...overrides(input),
    ContentLength: slice.end - slice.start + 1,
    ContentRange: slice.contentRange,
    PartsCount: slice.partsCount,
    StatusCode: whole ? 200 : 206,
    ...corsHeaders(s3, input.Bucket, input.Origin, method),
  };
  return { object, slice, description };
}

function conditionsOf(input: {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: string;
  IfUnmodifiedSince?: string;
}) {
  return {
    ifMatch: input.IfMatch,
    ifNoneMatch: input.IfNoneMatch,
    ifModifiedSince: input.IfModifiedSince,
    ifUnmodifiedSince: input.IfUnmodifiedSince,
  };
}

/** `response-*` query parameters replace the stored headers in this one response. */
function overrides(input: {
  ResponseCacheControl?: string;
  ResponseContentDisposition?: string;
  ResponseContentEncoding?: string;
  ResponseContentLanguage?: string;
  ResponseContentType?: string;
  ResponseExpires?: string;
}): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.ResponseCacheControl !== undefined) out.CacheControl = input.ResponseCacheControl;
  if (input.ResponseContentDisposition !== undefined)
    out.ContentDisposition = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) out.ContentEncoding = input.ResponseContentEncoding;
  if (input.ResponseContentLanguage !== undefined) out.ContentLanguage = input.ResponseContentLanguage;
  if (input.ResponseContentType !== undefined) out.ContentType = input.ResponseContentType;
  if (input.ResponseExpires !== undefined) out.Expires = input.ResponseExpires;
  return out;
}
