// The operation builder bound to the S3 engine, and what every write tells notifications about its caller.
// Every S3 operation on a bucket first makes the checks S3 makes before looking at the request itself:
// - a signed request must be signed for the bucket's region: 400 AuthorizationHeaderMalformed "… the region
//   'us-east-1' is wrong; expecting 'eu-west-1'" (AuthorizationQueryParametersError for a presigned URL),
//   with `<Region>` so clients can redirect (ErrorResponses.html);
// - `x-amz-expected-bucket-owner` must name the bucket's account, else 403 AccessDenied
//   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html);
// - a `versionId` must be one S3 could have issued, else 400 InvalidArgument "Invalid version id specified".

import { ServiceError } from '../../../core/errors.js';
import { type HttpTrait, type Operation, operationFor, type RequestContext } from '../../../core/service.js';
import { type StructureShape, s } from '../../../core/shapes.js';
import type { ObjectEvent } from '../notifications.js';
import type { S3 } from '../s3.js';

const define = operationFor<S3>();

/** How a request was signed (read only for the region check; Nimbus verifies no header signatures), and
 * the bucket owner it expects. */
const BUCKET_CHECKS = {
  Authorization: s.optional(s.string(), { header: 'Authorization' }),
  PresignedCredential: s.optional(s.string(), { querystring: 'X-Amz-Credential' }),
  ExpectedBucketOwner: s.optional(s.string(), { header: 'x-amz-expected-bucket-owner' }),
};

export function operation<S extends StructureShape>(definition: Operation<S3, S>): Operation<S3, S> {
  if (!('Bucket' in definition.input.members) || definition.http?.method === 'OPTIONS')
    return define(definition);
  const region = checksRegion(definition);
  const input = s.structure({ ...BUCKET_CHECKS, ...definition.input.members }) as unknown as S;
  // Types erased here: the checked run takes the same input as the definition's.
  const run = definition.run.bind(definition) as (request: unknown, s3: S3, ctx: RequestContext) => unknown;
  const checked = (request: unknown, s3: S3, ctx: RequestContext): unknown => {
    const checks = request as BucketRequest;
    if (region) checkSigningRegion(s3, checks, ctx);
    checkBucketOwner(s3, checks);
    checkVersionId(checks.VersionId, 'versionId');
    checkVersionId(checks.VersionIdMarker, 'version-id-marker');
    return run(request, s3, ctx);
  };
  return { ...definition, input, run: checked } as unknown as Operation<S3, S>;
}

export function eventFor(ctx: RequestContext, name: string): ObjectEvent {
  return { name, requestId: ctx.requestId, principal: ctx.accessKeyId };
}

interface BucketRequest {
  Bucket?: string;
  Authorization?: string;
  PresignedCredential?: string;
  ExpectedBucketOwner?: string;
  VersionId?: unknown;
  VersionIdMarker?: unknown;
}

/** Not for the calls that find or make a bucket from anywhere (CreateBucket, HeadBucket, GetBucketLocation)
 * nor for browsers' unsigned CORS preflights. */
function checksRegion(definition: { http?: HttpTrait; input: StructureShape }): boolean {
  const http = definition.http;
  if (!http) return false;
  if (http.uri === '/{Bucket}' && (http.method === 'PUT' || http.method === 'HEAD')) return false;
  return !http.uri.includes('?location');
}

function checkSigningRegion(s3: S3, request: BucketRequest, ctx: RequestContext): void {
  const header = request.Authorization?.startsWith('AWS4-HMAC-SHA256') === true;
  if ((!header && !request.PresignedCredential) || request.Bucket === undefined) return;
  const bucket = s3.findBucket(request.Bucket);
  if (!bucket || bucket.region === ctx.region) return;
  const wrong = `the region '${ctx.region}' is wrong; expecting '${bucket.region}'`;
  throw header
    ? new ServiceError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${wrong}`, {
        fields: { Region: bucket.region },
      })
    : new ServiceError(
        'AuthorizationQueryParametersError',
        `Error parsing the X-Amz-Credential parameter; ${wrong}`,
        { fields: { Region: bucket.region } },
      );
}

function checkBucketOwner(s3: S3, request: BucketRequest): void {
  if (request.ExpectedBucketOwner === undefined || request.Bucket === undefined) return;
  const bucket = s3.findBucket(request.Bucket);
  if (bucket && bucket.account !== request.ExpectedBucketOwner) {
    throw new ServiceError('AccessDenied', 'Access Denied', { status: 403 });
  }
}

/** `null`, or what S3 issues: 32 or more URL-safe characters (Nimbus issues 32 of base64url). */
function checkVersionId(versionId: unknown, argument: string): void {
  if (typeof versionId !== 'string' || versionId === 'null' || versionId === '') return;
  if (!/^[A-Za-z0-9._+/=-]{32,1024}$/.test(versionId)) {
    throw new ServiceError('InvalidArgument', 'Invalid version id specified', {
      fields: { ArgumentName: argument, ArgumentValue: versionId },
    });
  }
}
