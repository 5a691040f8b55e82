// The operation builder bound to the S3 engine, and what every write tells notifications about its caller.
// Every S3 operation on a bucket first checks that a signed request was signed for the bucket's region, as
// S3 does: 400 AuthorizationHeaderMalformed "… the region 'us-east-1' is wrong; expecting 'eu-west-1'" (or
// AuthorizationQueryParametersError for a presigned URL), with `<Region>` so clients can redirect.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html

import { ServiceError } from '../../../core/errors.js';
import { type HttpTrait, type Operation, operationFor, type RequestContext } from '../../../core/service.js';
import { type StructureShape, s } from '../../../core/shapes.js';
import type { ObjectEvent } from '../notifications.js';
import type { S3 } from '../s3.js';

const define = operationFor<S3>();

/** How a request was signed (read only for the region check; Nimbus verifies no header signatures). */
const SIGNED_BY = {
  Authorization: s.optional(s.string(), { header: 'Authorization' }),
  PresignedCredential: s.optional(s.string(), { querystring: 'X-Amz-Credential' }),
};

export function operation<S extends StructureShape>(definition: Operation<S3, S>): Operation<S3, S> {
  if (!checksRegion(definition)) return define(definition);
  const input = s.structure({ ...SIGNED_BY, ...definition.input.members }) as unknown as S;
  // Types erased here: the checked run takes the same input as the definition's.
  const run = definition.run.bind(definition) as (request: unknown, s3: S3, ctx: RequestContext) => unknown;
  const checked = (request: unknown, s3: S3, ctx: RequestContext): unknown => {
    checkSigningRegion(s3, request as SignedRequest, ctx);
    return run(request, s3, ctx);
  };
  return { ...definition, input, run: checked } as unknown as Operation<S3, S>;
}

export function eventFor(ctx: RequestContext, name: string): ObjectEvent {
  return { name, requestId: ctx.requestId, principal: ctx.accessKeyId };
}

interface SignedRequest {
  Bucket?: string;
  Authorization?: string;
  PresignedCredential?: string;
}

/** Not for the calls that find or make a bucket from anywhere (CreateBucket, HeadBucket, GetBucketLocation)
 * nor for browsers' unsigned CORS preflights. */
function checksRegion(definition: { http?: HttpTrait; input: StructureShape }): boolean {
  const http = definition.http;
  if (!http || !('Bucket' in definition.input.members) || http.method === 'OPTIONS') return false;
  if (http.uri === '/{Bucket}' && (http.method === 'PUT' || http.method === 'HEAD')) return false;
  return !http.uri.includes('?location');
}

function checkSigningRegion(s3: S3, request: SignedRequest, ctx: RequestContext): void {
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
