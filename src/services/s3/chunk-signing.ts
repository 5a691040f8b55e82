// The signatures of a signed aws-chunked body (SigV4 streaming): each chunk's signature chains from the
// previous one, starting at the seed signature of the request (the Authorization header's `Signature=`,
// or a presigned URL's `X-Amz-Signature`), and the trailing headers carry one more over their
// canonical form. https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
//
// Nimbus verifies no header signatures and knows one secret: `test`, the secret of the test credentials
// (access key `test`, or a 12-digit account id), as presigned URLs are checked (server/presigned-url.ts).
// Chunks signed with those keys are verified from whatever seed the request carries; bodies signed with
// other keys are decoded unchecked, since their secret is unknown here.

import { createHash, timingSafeEqual } from 'node:crypto';
import { hmacSha256, isTestAccessKey, signingKey, TEST_SECRET } from '../../lib/test-credentials.js';

/** sha256("") in hex: the second hash line of every chunk's string to sign. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What verifying a chunk chain needs: the signing key, the request's date and scope, and the seed. */
export interface ChunkSigning {
  readonly key: Buffer;
  readonly date: string;
  readonly scope: string;
  readonly seed: string;
}

/** The authentication members of an upload: the Authorization header and `x-amz-date`, or the query
 * parameters of a presigned URL. */
export interface SigningInput {
  readonly Authorization?: string;
  readonly AmzDate?: string;
  readonly PresignedCredential?: string;
  readonly PresignedSignature?: string;
  readonly PresignedDate?: string;
}

/** The chunk-signing context of a request signed with the test credentials; undefined otherwise. */
export function chunkSigningFor(input: SigningInput): ChunkSigning | undefined {
  let credential: string | undefined;
  let seed: string | undefined;
  let date: string | undefined;
  if (input.Authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    credential = /Credential=([^,\s]+)/.exec(input.Authorization)?.[1];
    seed = /Signature=([0-9a-fA-F]+)/.exec(input.Authorization)?.[1];
    date = input.AmzDate;
  } else if (input.PresignedSignature !== undefined) {
    credential = input.PresignedCredential;
    seed = input.PresignedSignature;
    date = input.PresignedDate;
  }
  const [accessKey, day, region, service, terminator] = (credential ?? '').split('/');
  if (!seed || !date || !day || !region || !service || !terminator) return undefined;
  if (!isTestAccessKey(accessKey)) return undefined;
  return {
    key: signingKey(TEST_SECRET, day, region, service),
    date,
    scope: `${day}/${region}/${service}/${terminator}`,
    seed: seed.toLowerCase(),
  };
}

/** A chunk's signature, from the previous one and the hex SHA-256 of the chunk's data. */
export function chunkSignature(signing: ChunkSigning, previous: string, dataSha256: string): string {
  const stringToSign = [
    'AWS4-HMAC-SHA256-PAYLOAD',
    signing.date,
    signing.scope,
    previous,
    EMPTY_SHA256,
    dataSha256,
  ].join('\n');
  return hmacSha256(signing.key, stringToSign).toString('hex');
}

/** The trailer's signature, from the final (zero-size) chunk's signature and the trailing headers,
 * canonical as `name:value\n` lines in name order. */
export function trailerSignature(
  signing: ChunkSigning,
  previous: string,
  trailers: Readonly<Record<string, string>>,
): string {
  const canonical = Object.keys(trailers)
    .sort()
    .map((name) => `${name}:${trailers[name]}\n`)
    .join('');
  const stringToSign = [
    'AWS4-HMAC-SHA256-TRAILER',
    signing.date,
    signing.scope,
    previous,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  return hmacSha256(signing.key, stringToSign).toString('hex');
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(given.toLowerCase(), 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}
