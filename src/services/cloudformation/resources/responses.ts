// Where custom resources and wait conditions answer CloudFormation: a versioned bucket Nimbus owns in each
// account and region, and presigned S3 URLs into it that the answerer PUTs to, with no credentials, as on
// AWS (where the bucket is CloudFormation's own). The URLs are SigV4-presigned with the test credentials,
// whose signatures Nimbus checks (src/server/presigned-url.ts), so a tampered URL is refused.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html

import { createHash } from 'node:crypto';
import { isNotFound, type ResourceContext, ResourceFailure } from '../../../core/resources.js';
import { hmacSha256, signingKey, TEST_SECRET } from '../../../lib/test-credentials.js';

/** `nimbus-cloudformation-responses-<account>-<region>`: at most 59 characters, a valid bucket name. */
export function responseBucketName(ctx: ResourceContext): string {
  return `nimbus-cloudformation-responses-${ctx.account}-${ctx.region}`;
}

/** Makes the response bucket on first use. Versioning is on so that several signals PUT to one wait
 * condition handle (one key) are all kept. */
export async function ensureResponseBucket(ctx: ResourceContext): Promise<string> {
  const bucket = responseBucketName(ctx);
  try {
    await ctx.call('s3', 'HeadBucket', { Bucket: bucket });
    return bucket;
  } catch {
    // Not there yet: made below.
  }
  try {
    await ctx.call('s3', 'CreateBucket', {
      Bucket: bucket,
      ...(ctx.region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: ctx.region } }),
    });
  } catch (error) {
    // Two resources of one deploy may race to make it.
    if (!isNotFound(error, ['BucketAlreadyOwnedByYou'])) throw error;
  }
  await ctx.call('s3', 'PutBucketVersioning', {
    Bucket: bucket,
    VersioningConfiguration: { Status: 'Enabled' },
  });
  return bucket;
}

/** A path-style URL on the cloud's endpoint that lets its holder PUT `key` for `expiresSeconds`. */
export function presignedPutUrl(
  ctx: ResourceContext,
  bucket: string,
  key: string,
  expiresSeconds: number,
): string {
  const endpoint = new URL(ctx.endpoint);
  const stamp = new Date(ctx.clock.now())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = stamp.slice(0, 8);
  const scope = `${day}/${ctx.region}/s3/aws4_request`;
  // The stack's account id is a test access key: the PUT lands in that account's bucket.
  const query: [string, string][] = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${ctx.account}/${scope}`],
    ['X-Amz-Date', stamp],
    ['X-Amz-Expires', String(Math.min(expiresSeconds, 604_800))],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const path = `/${[bucket, ...key.split('/')].map(rfc3986).join('/')}`;
  const canonicalQuery = query
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    'PUT',
    path,
    canonicalQuery,
    `host:${endpoint.host}\n`,
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256(canonicalRequest)].join('\n');
  const signature = hmacSha256(signingKey(TEST_SECRET, day, ctx.region, 's3'), stringToSign).toString('hex');
  return `${endpoint.protocol}//${endpoint.host}${path}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

/** The object's text, or undefined while nobody has PUT it. */
export async function readObject(
  ctx: ResourceContext,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<string | undefined> {
  try {
    const object = await ctx.call('s3', 'GetObject', { Bucket: bucket, Key: key, VersionId: versionId });
    const body = object.Body as AsyncIterable<Buffer> | Buffer;
    if (Buffer.isBuffer(body)) return body.toString('utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (isNotFound(error, ['NoSuchKey', 'NoSuchVersion'])) return undefined;
    throw error;
  }
}

/** How often an answer is looked for: often enough that a deploy does not wait on it visibly. */
export const POLL_MS = 50;

/** Waits `ms` on the cloud's clock (a test advancing it wakes the waiter); throws once the cloud stops. */
export function pause(ctx: ResourceContext, ms = POLL_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ctx.signal?.aborted) {
      reject(stopped());
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(stopped());
    };
    const timer = ctx.clock.setTimer(ms, () => {
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function stopped(): ResourceFailure {
  return new ResourceFailure('Nimbus stopped while the resource was waiting for an answer');
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
