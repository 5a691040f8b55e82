// POST Object: a browser-form upload (`POST /{bucket}`, multipart/form-data) and S3's answers to it:
// 303 to `success_action_redirect` (or the older `redirect`) with `bucket`, `key` and `etag` added to its
// query, else `success_action_status` 200, 201 (with a `<PostResponse>` document) or 204 (the default).
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { corsHeaders, withCors } from '../cors.js';
import { checksumHeaders } from '../objects.js';
import { postObject as post } from '../post-object.js';
import { bucketLabel, checksumOutput, corsOutput, keyLabel } from '../shapes.js';
import { eventFor, operation } from './operation.js';

const header = (name: string) => s.optional(s.string(), { header: name });

export const postObject = operation({
  http: { method: 'POST', uri: '/{Bucket}' },
  input: s.structure({
    Bucket: bucketLabel,
    Body: s.optional(s.stream(), { payload: true }),
    ContentType: header('Content-Type'),
    ContentLength: s.optional(s.integer(), { header: 'Content-Length' }),
    Origin: header('Origin'),
  }),
  output: s.structure({
    StatusCode: s.optional(s.integer(), { statusCode: true }),
    Location: header('Location'),
    ETag: header('ETag'),
    VersionId: header('x-amz-version-id'),
    ServerSideEncryption: header('x-amz-server-side-encryption'),
    ...checksumOutput,
    ...corsOutput,
    ContentType: header('Content-Type'),
    Body: s.optional(s.string(), { payload: true }),
  }),
  run(input, s3, ctx) {
    return withCors(s3, input.Bucket, input.Origin, 'POST', async () => {
      const event = (accessKeyId: string | undefined) => ({
        ...eventFor(ctx, 'ObjectCreated:Post'),
        principal: accessKeyId ?? ctx.accessKeyId,
      });
      const { stored, field } = await post(s3, input, event);
      const location = objectUrl(ctx.host, input.Bucket, stored.key);
      const common = {
        ETag: stored.etag,
        VersionId: stored.versionId === 'null' ? undefined : stored.versionId,
        ServerSideEncryption: 'AES256',
        ...checksumHeaders(stored.meta),
        ...corsHeaders(s3, input.Bucket, input.Origin, 'POST'),
      };
      const redirect = redirectUrl(field('success_action_redirect') ?? field('redirect'));
      if (redirect !== undefined) {
        const result = new URLSearchParams({ bucket: input.Bucket, key: stored.key, etag: stored.etag });
        const separator = !redirect.includes('?') ? '?' : /[?&]$/.test(redirect) ? '' : '&';
        return { ...common, StatusCode: 303, Location: `${redirect}${separator}${result}` };
      }
      const status = field('success_action_status');
      if (status === '201') {
        const body =
          '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
          `<Location>${text(location)}</Location><Bucket>${text(input.Bucket)}</Bucket>` +
          `<Key>${text(stored.key)}</Key><ETag>${text(stored.etag)}</ETag></PostResponse>`;
        return { ...common, StatusCode: 201, Location: location, ContentType: 'application/xml', Body: body };
      }
      return { ...common, StatusCode: status === '200' ? 200 : 204, Location: location };
    });
  },
});

/** A form posted to an object's URL (not its bucket's): S3's 405, which names the method and the kind of
 * resource. The other POSTs on objects (`?uploads`, `?uploadId`, `?restore`, `?select`) are more specific
 * routes and win. */
export const postToObjectUrl = operation({
  http: { method: 'POST', uri: '/{Bucket}/{Key+}' },
  input: s.structure({ Bucket: bucketLabel, Key: keyLabel }),
  run() {
    throw new ServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
      fields: { Method: 'POST', ResourceType: 'OBJECT' },
    });
  },
});

/** The object's URL as S3 gives it: its key percent-encoded, `/` included; virtual-hosted when the form
 * was posted to a bucket host. */
function objectUrl(host: string, bucket: string, key: string): string {
  const virtual = host.toLowerCase().startsWith(`${bucket}.`);
  return `http://${host}/${virtual ? '' : `${bucket}/`}${encodeURIComponent(key)}`;
}

/** "If Amazon S3 cannot interpret the URL, it acts as if the field is not present": an absolute http(s)
 * URL (a relative one was answered 204 in LocalStack's recordings of S3). */
function redirectUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // S3 keeps the URL as written (a raw space too); one with other characters than printable ASCII
    // goes percent-encoded, as a Location header must.
    return /^[\x20-\x7e]*$/.test(value) ? value : url.href;
  } catch {
    return undefined;
  }
}

/** XML text with the quotes of the ETag left as they are (S3's 201 documents show them raw). */
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
