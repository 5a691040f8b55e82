// CORS: matching a browser's request against the bucket's CORS rules, for the preflight OPTIONS S3
// answers on bucket and object URLs and for the Access-Control-* headers on the actual response.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html

import { ServiceError } from '../../core/errors.js';
import type { S3 } from './s3.js';
import type { BucketRow } from './store.js';

export interface CorsRule {
  ID?: string;
  AllowedHeaders?: string[];
  AllowedMethods: string[];
  AllowedOrigins: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
}

/** The Access-Control-* headers of a preflight; throws S3's 403 CORSResponse when no rule allows it. */
export function preflight(
  s3: S3,
  bucket: BucketRow,
  origin: string | undefined,
  method: string | undefined,
  requestHeaders: string | undefined,
): Record<string, string | undefined> {
  if (!origin || !method) {
    throw new ServiceError('BadRequest', 'Insufficient information. Origin request header needed.');
  }
  const rules = (s3.config(bucket).cors as { CORSRules?: CorsRule[] } | undefined)?.CORSRules;
  if (!rules) throw new ServiceError('CORSResponse', 'CORS is not enabled for this bucket.', { status: 403 });
  const headers = (requestHeaders ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter(Boolean);
  const rule = rules.find((candidate) => ruleAllows(candidate, origin, method, headers));
  if (!rule) {
    throw new ServiceError(
      'CORSResponse',
      "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      { status: 403 },
    );
  }
  return {
    ...allowHeaders(rule, origin),
    AccessControlAllowMethods: rule.AllowedMethods.join(', '),
    AccessControlAllowHeaders: headers.length > 0 ? headers.join(', ') : undefined,
    AccessControlMaxAge: rule.MaxAgeSeconds === undefined ? undefined : String(rule.MaxAgeSeconds),
  };
}

/** The Access-Control-* headers for an actual (non-preflight) request from `origin`, if a rule allows it. */
export function corsHeaders(
  s3: S3,
  bucketName: string,
  origin: string | undefined,
  method: string,
): Record<string, string> {
  if (!origin) return {};
  const bucket = s3.findBucket(bucketName);
  const rules = bucket && (s3.config(bucket).cors as { CORSRules?: CorsRule[] } | undefined)?.CORSRules;
  const rule = rules?.find((candidate) => ruleAllows(candidate, origin, method, []));
  if (!rule) return {};
  return {
    ...allowHeaders(rule, origin),
    AccessControlAllowMethods: rule.AllowedMethods.join(', '),
  };
}

const WIRE_NAMES: Record<string, string> = {
  AccessControlAllowOrigin: 'Access-Control-Allow-Origin',
  AccessControlAllowMethods: 'Access-Control-Allow-Methods',
  AccessControlAllowCredentials: 'Access-Control-Allow-Credentials',
  AccessControlExposeHeaders: 'Access-Control-Expose-Headers',
  Vary: 'Vary',
};

/**
 * Runs an object operation so that its errors, too, carry the Access-Control-* headers a CORS rule allows:
 * S3 evaluates CORS for the request whatever its outcome, so a browser can read a 404 or a 412 instead of
 * failing with an opaque CORS error.
 */
export function withCors<T>(
  s3: S3,
  bucket: string,
  origin: string | undefined,
  method: string,
  run: () => T,
): T {
  const decorate = (error: unknown): unknown => {
    if (!origin || !(error instanceof ServiceError)) return error;
    const cors = corsHeaders(s3, bucket, origin, method);
    if (Object.keys(cors).length === 0) return error;
    const headers: Record<string, string> = { ...error.headers };
    for (const [member, value] of Object.entries(cors)) headers[WIRE_NAMES[member] ?? member] = value;
    const copy = new ServiceError(error.code, error.message, {
      status: error.status,
      fault: error.fault,
      fields: error.fields,
      headers,
    });
    return copy;
  };
  try {
    const result = run();
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw decorate(error);
      }) as T;
    }
    return result;
  } catch (error) {
    throw decorate(error);
  }
}

function allowHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const any = rule.AllowedOrigins.includes('*');
  const out: Record<string, string> = {
    AccessControlAllowOrigin: any ? '*' : origin,
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  if (!any) out.AccessControlAllowCredentials = 'true';
  if (rule.ExposeHeaders && rule.ExposeHeaders.length > 0)
    out.AccessControlExposeHeaders = rule.ExposeHeaders.join(', ');
  return out;
}

function ruleAllows(rule: CorsRule, origin: string, method: string, headers: readonly string[]): boolean {
  if (!rule.AllowedOrigins.some((allowed) => wildcard(allowed, origin))) return false;
  if (!rule.AllowedMethods.includes(method)) return false;
  const allowedHeaders = (rule.AllowedHeaders ?? []).map((header) => header.toLowerCase());
  return headers.every((header) => allowedHeaders.some((allowed) => wildcard(allowed, header)));
}

/** One `*` in an allowed origin or header matches any run of characters. */
function wildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}
