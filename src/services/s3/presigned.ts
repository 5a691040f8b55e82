// Presigned URLs: expiry enforced on the cloud's clock, for SigV4 query authentication
// (`X-Amz-Date` + `X-Amz-Expires`) and for SigV2 (`Expires`, an epoch second, as AWS CLI v1's
// `aws s3 presign` makes). Signatures are checked at the edge (`server/presigned-url.ts`), for the test
// credentials only; a URL past its expiry is refused as S3 refuses it.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

import { ServiceError } from '../../core/errors.js';
import { s } from '../../core/shapes.js';

/** The query parameters of a presigned request that decide its validity. */
export const presignedQuery = {
  PresignedDate: s.optional(s.string(), { querystring: 'X-Amz-Date' }),
  PresignedExpires: s.optional(s.string(), { querystring: 'X-Amz-Expires' }),
  PresignedV2Expires: s.optional(s.string(), { querystring: 'Expires' }),
  PresignedV2Signature: s.optional(s.string(), { querystring: 'Signature' }),
};

interface PresignedInput {
  PresignedDate?: string;
  PresignedExpires?: string;
  PresignedV2Expires?: string;
  PresignedV2Signature?: string;
}

const ONE_WEEK_SECONDS = 604_800;

export function checkPresigned(input: PresignedInput, now: number): void {
  if (input.PresignedV2Signature !== undefined && input.PresignedV2Expires !== undefined) {
    const expiry = Number(input.PresignedV2Expires) * 1000;
    if (!Number.isFinite(expiry) || now > expiry) throw expired(expiry, now, {});
    return;
  }
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
  if (now > expiry) throw expired(expiry, now, { 'X-Amz-Expires': String(expires) });
}

function expired(expiry: number, now: number, extra: Record<string, string>): ServiceError {
  const iso = (ms: number) =>
    Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
  return new ServiceError('AccessDenied', 'Request has expired', {
    status: 403,
    fields: { ...extra, Expires: iso(expiry), ServerTime: iso(now) },
  });
}

/** `20260101T000000Z` → milliseconds. */
function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
}
