// What a protocol hands back to the server: a complete response, ready to write; and what every protocol
// does to a request body before reading it (inflating a gzip'd one).

import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { serializationError } from '../core/errors.js';

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

/** Errors every AWS JSON service answers with the coral namespace rather than its own. */
export const COMMON_ERRORS: Readonly<Record<string, number>> = {
  UnknownOperationException: 400,
  SerializationException: 400,
  ValidationException: 400,
  MissingAuthenticationTokenException: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignatureException: 400,
  IncompleteSignature: 400,
  InvalidSignatureException: 400,
  SignatureDoesNotMatch: 403,
  InvalidAction: 400,
  NotImplemented: 501,
  RequestEntityTooLarge: 413,
  InternalFailure: 500,
};

/**
 * A header value as HTTP can carry it. Text with characters outside Latin-1, or control characters, cannot
 * go into a header as it is (Node refuses to write it); it is sent MIME-encoded (RFC 2047), as S3 returns
 * user metadata that is not US-ASCII. https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
 */
export function headerValue(value: unknown): string {
  const text = String(value);
  if (!/[^\t\x20-\x7e\x80-\xff]/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/**
 * The request body as the client meant it: inflated when sent `Content-Encoding: gzip`, as the SDKs send
 * the operations that carry smithy's `requestCompression` trait (CloudWatch's PutMetricData) once they pass
 * 10 KiB. Inflation stops at `maxBytes` (the edge's limit), so a small bomb cannot take the process's memory;
 * a body that does not inflate is a SerializationException.
 * https://smithy.io/2.0/spec/behavior-traits.html#requestcompression-trait
 */
export function inflatedBody(body: Buffer, headers: IncomingHttpHeaders, maxBytes: number): Buffer {
  const encoding = String(headers['content-encoding'] ?? '').toLowerCase();
  if (!encoding.split(',').some((part) => part.trim() === 'gzip')) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch {
    throw serializationError('');
  }
}
