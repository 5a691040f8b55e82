// The SigV4 canonical request, as AWS documents it: method, canonical URI (each segment URI-encoded twice,
// after removing `.`/`..` and empty segments, except for S3, whose path is encoded once and kept as is),
// canonical query (sorted by encoded name, then value), the signed headers' trimmed values, the signed
// header list, and the payload hash.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request

import type { IncomingHttpHeaders } from 'node:http';

export interface CanonicalInput {
  readonly method: string;
  /** The path as sent on the wire (still percent-encoded). */
  readonly rawPath: string;
  /** Decoded name/value pairs. */
  readonly query: readonly (readonly [string, string])[];
  readonly headers: IncomingHttpHeaders;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  readonly s3: boolean;
}

export function canonicalRequest(input: CanonicalInput): string {
  const canonicalQuery = input.query
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${headerValue(input.headers, name)}\n`)
    .join('');
  return [
    input.method,
    input.s3 ? s3Path(input.rawPath) : doubleEncodedPath(input.rawPath),
    canonicalQuery,
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

/** S3: each segment once-encoded, empty segments kept (`a//b` is a key of its own). */
function s3Path(path: string): string {
  if (path === '') return '/';
  return path
    .split('/')
    .map((segment) => rfc3986(safeDecode(segment)))
    .join('/');
}

/** Every other service: the normalized path, whose (already encoded) segments are encoded again. */
function doubleEncodedPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map((segment) => rfc3986(segment)).join('/')}${trailing}`;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = name === 'host' ? (headers.host ?? headers[':authority']) : headers[name];
  const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** RFC 3986 unreserved characters stay; everything else is %XX (uppercase). */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
