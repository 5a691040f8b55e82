// Presigned URLs (SigV4 query authentication): expiry enforced on the cloud's clock. Like every Nimbus
// service, S3 does not verify signatures (any credentials work), so a tampered signature is not detected;
// a URL past `X-Amz-Date + X-Amz-Expires` is refused as S3 refuses it.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

import { ServiceError } from '../../core/errors.js';
import { s } from '../../core/shapes.js';

/** The query parameters of a presigned request that decide its validity. */
export const presignedQuery = {
  PresignedDate: s.optional(s.string(), { querystring: 'X-Amz-Date' }),
  PresignedExpires: s.optional(s.string(), { querystring: 'X-Amz-Expires' }),
};

const ONE_WEEK_SECONDS = 604_800;

export function checkPresigned(
  input: { PresignedDate?: string; PresignedExpires?: string },
  now: number,
): void {
  if (input.PresignedDate === undefined && input.PresignedExpires === undefined) return;
  const signedAt = parseAmzDate(input.PresignedDate ?? '');
  const expires = Number(input.PresignedExpires);
  if (signedAt === undefined || !/^\d+$/.test(input.PresignedExpires ?? '')) {
    throw new ServiceError(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      { status: 400 },
    );
  }
  if (expires > ONE_WEEK_SECONDS) {
    throw new ServiceError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is; 604800 seconds',
      { status: 400 },
    );
  }
  const expiry = signedAt + expires * 1000;
  if (now > expiry) {
    throw new ServiceError('AccessDenied', 'Request has expired', {
      status: 403,
      fields: {
        'X-Amz-Expires': String(expires),
        Expires: new Date(expiry).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    });
  }
}

/** `20260101T000000Z` → milliseconds. */
function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
}
