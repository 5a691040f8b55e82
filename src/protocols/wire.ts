// What a protocol hands back to the server: a complete response, ready to write.

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
