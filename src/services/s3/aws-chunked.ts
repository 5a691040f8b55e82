// Decoding the `aws-chunked` content encoding while it streams: `<hex size>[;chunk-signature=…]\r\n
// <bytes>\r\n` repeated, a zero-size chunk, then optional trailing headers (the SDK v3 sends its
// checksum there, `x-amz-checksum-crc32:…`), each chunk's signature and the trailer's verified on the way
// (chunk-signing.ts) without holding more than one line in memory.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html

import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ServiceError } from '../../core/errors.js';
import {
  type ChunkSigning,
  chunkSignature,
  EMPTY_SHA256,
  sameSignature,
  trailerSignature,
} from './chunk-signing.js';

/** How the chunks are authenticated, from `x-amz-content-sha256`. `other`: aws-chunked declared by
 * Content-Encoding alone (some SDKs send `UNSIGNED-PAYLOAD`), or SigV4a's ECDSA streaming forms, whose
 * signatures Nimbus reads but cannot check. */
export type ChunkedPayload = 'signed' | 'signed-trailer' | 'unsigned-trailer' | 'other';

/** Whether a request's body is aws-chunked, from its headers. */
export function isAwsChunked(
  contentEncoding: string | undefined,
  contentSha256: string | undefined,
): boolean {
  if (contentSha256?.startsWith('STREAMING-')) return true;
  return (contentEncoding ?? '').split(',').some((part) => part.trim() === 'aws-chunked');
}

export function chunkedPayload(contentSha256: string | undefined): ChunkedPayload {
  switch (contentSha256) {
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD':
      return 'signed';
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER':
      return 'signed-trailer';
    case 'STREAMING-UNSIGNED-PAYLOAD-TRAILER':
      return 'unsigned-trailer';
    default:
      return 'other';
  }
}

/** Content-Encoding without `aws-chunked` (what the object keeps), or undefined when nothing is left. */
export function storedContentEncoding(contentEncoding: string | undefined): string | undefined {
  const rest = (contentEncoding ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'aws-chunked');
  return rest.length > 0 ? rest.join(',') : undefined;
}

export interface DecoderOptions {
  readonly payload: ChunkedPayload;
  /** Present when the signatures can be checked (a signed form, made with the test credentials). */
  readonly signing?: ChunkSigning;
  /** `x-amz-decoded-content-length`: the body must decode to exactly this many bytes. */
  readonly decodedLength?: number;
}

const MAX_LINE = 4096;
const SIZE_LINE = /^([0-9a-fA-F]{1,16})(;.*)?$/;
const SIGNED_EXTENSION = /^;chunk-signature=([0-9a-fA-F]{64})$/;

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers, lower-cased names; complete once the stream has ended. */
  readonly trailers: Record<string, string> = Object.create(null);
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of chunk data still to pass through. */
  private remaining = 0;
  private state: 'size' | 'data' | 'data-end' | 'trailers' | 'done' = 'size';
  private decoded = 0;
  /** The signature the current chunk declares, and the one before it (the seed, at first). */
  private chunkSig = '';
  private previousSig: string;
  private hash: Hash | undefined;
  private trailerSig: string | undefined;
  private readonly signed: boolean;
  private readonly verify: ChunkSigning | undefined;

  constructor(private readonly options: DecoderOptions) {
    super();
    this.signed = options.payload === 'signed' || options.payload === 'signed-trailer';
    this.verify = this.signed ? options.signing : undefined;
    this.previousSig = options.signing?.seed ?? '';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.consume();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      // The last CRLF after the trailers is optional in practice (some clients stop after the trailers).
      if (this.state === 'trailers' && this.pending.length === 0) this.endTrailers();
      if (this.state !== 'done') throw incomplete();
      const expected = this.options.decodedLength;
      if (expected !== undefined && expected !== this.decoded) throw wrongLength(expected, this.decoded);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private consume(): void {
    for (;;) {
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.pass(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        this.pending = Buffer.alloc(0);
        return;
      }
      const line = this.readLine();
      if (line === undefined) return;
      if (this.state === 'data-end') {
        if (line !== '') throw incomplete();
        this.checkChunk(this.hash?.digest('hex'));
        this.state = 'size';
      } else if (this.state === 'size') this.startChunk(line);
      else if (line === '') this.endTrailers();
      else this.addTrailer(line);
    }
  }

  private startChunk(line: string): void {
    const match = SIZE_LINE.exec(line);
    if (!match) throw incomplete();
    const size = Number.parseInt(match[1]!, 16);
    if (this.signed) {
      // A signed form without a well-formed chunk signature is a malformed body: S3 answers
      // IncompleteBody, as for any broken framing.
      const signature = SIGNED_EXTENSION.exec(match[2] ?? '');
      if (!signature) throw incomplete();
      this.chunkSig = signature[1]!.toLowerCase();
    }
    this.remaining = size;
    if (size === 0) {
      this.checkChunk(EMPTY_SHA256);
      this.state = 'trailers';
    } else {
      this.hash = this.verify ? createHash('sha256') : undefined;
      this.state = 'data';
    }
  }

  private pass(data: Buffer): void {
    this.hash?.update(data);
    const before = this.decoded;
    this.decoded += data.length;
    // More than declared: count the rest for the error, keep none of it.
    const limit = this.options.decodedLength;
    if (limit === undefined || this.decoded <= limit) this.push(data);
    else if (before < limit) this.push(data.subarray(0, limit - before));
  }

  /** Verifies the chunk just read against the chain; the chain moves on to its signature. */
  private checkChunk(dataSha256: string | undefined): void {
    if (!this.verify || dataSha256 === undefined) return;
    const expected = chunkSignature(this.verify, this.previousSig, dataSha256);
    if (!sameSignature(expected, this.chunkSig)) throw signatureMismatch();
    this.previousSig = expected;
  }

  private addTrailer(line: string): void {
    const colon = line.indexOf(':');
    if (colon === -1) throw incomplete();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') this.trailerSig = value;
    else this.trailers[name] = value;
  }

  private endTrailers(): void {
    this.state = 'done';
    if (this.options.payload !== 'signed-trailer' || !this.verify) return;
    if (this.trailerSig === undefined) throw incomplete();
    const expected = trailerSignature(this.verify, this.previousSig, this.trailers);
    if (!sameSignature(expected, this.trailerSig)) throw signatureMismatch();
  }

  private readLine(): string | undefined {
    const end = this.pending.indexOf('\r\n');
    if (end === -1) {
      if (this.pending.length > MAX_LINE) throw incomplete();
      return undefined;
    }
    const line = this.pending.subarray(0, end).toString('latin1');
    this.pending = this.pending.subarray(end + 2);
    return line;
  }
}

/** Broken framing (or a body cut short): S3's IncompleteBody. */
function incomplete(): ServiceError {
  return new ServiceError('IncompleteBody', 'The request body terminated unexpectedly');
}

/** A body that decodes to more or fewer bytes than `x-amz-decoded-content-length` says. */
function wrongLength(expected: number, provided: number): ServiceError {
  return new ServiceError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    { fields: { NumberBytesExpected: String(expected), NumberBytesProvided: String(provided) } },
  );
}

function signatureMismatch(): ServiceError {
  return new ServiceError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
}
