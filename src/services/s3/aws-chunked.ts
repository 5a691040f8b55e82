// Decoding the `aws-chunked` content encoding while it streams: `<hex size>[;chunk-signature=…]\r\n
// <bytes>\r\n` repeated, a zero-size chunk, then optional trailing headers (the SDK v3 sends its
// checksum there, `x-amz-checksum-crc32:…`). Used for STREAMING-UNSIGNED-PAYLOAD-TRAILER and the signed
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER) forms; chunk signatures are read, not verified (Nimbus
// does not verify signatures). https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html

import { Transform, type TransformCallback } from 'node:stream';
import { ServiceError } from '../../core/errors.js';

/** Whether a request's body is aws-chunked, from its headers. */
export function isAwsChunked(
  contentEncoding: string | undefined,
  contentSha256: string | undefined,
): boolean {
  if (contentSha256?.startsWith('STREAMING-')) return true;
  return (contentEncoding ?? '').split(',').some((part) => part.trim() === 'aws-chunked');
}

/** Content-Encoding without `aws-chunked` (what the object keeps), or undefined when nothing is left. */
export function storedContentEncoding(contentEncoding: string | undefined): string | undefined {
  const rest = (contentEncoding ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'aws-chunked');
  return rest.length > 0 ? rest.join(',') : undefined;
}

const MAX_LINE = 4096;

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers, lower-cased names; complete once the stream has ended. */
  readonly trailers: Record<string, string> = Object.create(null);
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of chunk data still to pass through; -1 while reading a size line. */
  private remaining = -1;
  private state: 'size' | 'data' | 'data-end' | 'trailers' | 'done' = 'size';

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
    if (this.state === 'trailers' && this.pending.length === 0) this.state = 'done';
    done(this.state === 'done' ? undefined : incomplete());
  }

  private consume(): void {
    for (;;) {
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
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
        if (line !== '') throw malformed();
        this.state = 'size';
      } else if (this.state === 'size') {
        const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size) || size < 0 || !/^[0-9a-fA-F]+/.test(line)) throw malformed();
        this.remaining = size;
        this.state = size === 0 ? 'trailers' : 'data';
      } else if (line === '') this.state = 'done';
      else {
        const colon = line.indexOf(':');
        if (colon === -1) throw malformed();
        this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }

  private readLine(): string | undefined {
    const end = this.pending.indexOf('\r\n');
    if (end === -1) {
      if (this.pending.length > MAX_LINE) throw malformed();
      return undefined;
    }
    const line = this.pending.subarray(0, end).toString('latin1');
    this.pending = this.pending.subarray(end + 2);
    return line;
  }
}

function malformed(): ServiceError {
  return new ServiceError('InvalidRequest', 'The aws-chunked request body is malformed.');
}

function incomplete(): ServiceError {
  return new ServiceError('IncompleteBody', 'The request body terminated unexpectedly');
}
