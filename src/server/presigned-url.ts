// Checking the signature of a presigned URL (SigV4 query authentication). Nimbus verifies no header
// signatures (any credentials work), but a presigned URL is a bearer token handed to someone else, and
// applications test that a tampered one is refused. Nimbus knows one secret — `test`, the secret of the
// test credentials (access key `test`, or a 12-digit account id) — and checks URLs signed with those
// keys; URLs signed with other keys are accepted unchecked.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { hmacSha256, isTestAccessKey, signingKey, TEST_SECRET } from '../lib/test-credentials.js';

/** False when the URL carries a SigV4 query signature made with the test secret that does not match. */
export function presignedSignatureHolds(
  method: string,
  rawTarget: string,
  headers: IncomingHttpHeaders,
): boolean {
  const question = rawTarget.indexOf('?');
  if (question === -1) return true;
  const query = new URLSearchParams(rawTarget.slice(question + 1));
  const signature = query.get('X-Amz-Signature');
  const credential = query.get('X-Amz-Credential');
  const date = query.get('X-Amz-Date');
  if (!signature || !credential || !date || query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return true;
  const [accessKey, day, region, service, terminator] = credential.split('/');
  if (!isTestAccessKey(accessKey) || !day || !region || !service || !terminator) {
    return true;
  }
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? 'host').split(';');
  const canonicalQuery = [...query]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headerValue(headers, name)}\n`).join('');
  const canonicalRequest = [
    method,
    canonicalPath(rawTarget.slice(0, question)),
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/${service}/${terminator}`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonicalRequest)].join('\n');
  const key = signingKey(TEST_SECRET, day, region, service);
  return hmacSha256(key, stringToSign).toString('hex') === signature;
}

/** Each segment decoded and re-encoded as SigV4 requires (S3 does not double-encode). */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return rfc3986(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = name === 'host' ? (headers.host ?? headers[':authority']) : headers[name];
  const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
  return text.trim().replace(/\s+/g, ' ');
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
