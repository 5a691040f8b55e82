// Object bodies as files under `<blobsDir>/s3/`, named by random ids (never by keys). A body is written
// to a temporary file while its MD5 and checksums are computed, fsynced, then renamed into place, so a
// blob that a committed row points at is complete on disk even after a kill.
// An object is one blob, or one per part for a completed multipart upload (Complete copies nothing).
// Bodies up to INLINE_MAX_BYTES stay in memory and are stored in the object's row instead (SQLite's WAL
// keeps them across a kill): a file, its fsync and its rename cost more than the rest of a small PUT.

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ChecksumAlgorithm, checksummer } from './checksums.js';

/** A stored piece of an object's body. */
export interface BlobRef {
  readonly name: string;
  readonly size: number;
}

/** Small bodies are kept in the row, not in a file. */
export const INLINE_MAX_BYTES = 128 * 1024;
const WRITE_BATCH_BYTES = 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export interface WrittenBlob {
  /** The file, unless the body was small enough to keep inline. */
  readonly name?: string;
  readonly data?: Buffer;
  readonly size: number;
  /** Hex MD5 of the bytes. */
  readonly md5: string;
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

export class BlobFiles {
  readonly dir: string;
  /** Reads in progress, by blob name; a blob removed while read goes once its last read has closed. */
  private readonly readers = new Map<string, number>();
  private readonly removedWhileRead = new Set<string>();

  constructor(blobsDir: string) {
    this.dir = join(blobsDir, 's3');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Streams `body` into a new blob (or memory, when `inline` and small), computing its MD5 and the
   * requested checksums on the way. */
  async write(
    body: AsyncIterable<Buffer>,
    algorithms: readonly ChecksumAlgorithm[],
    inline: boolean,
  ): Promise<WrittenBlob> {
    const md5 = createHash('md5');
    const summers = algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let file: Awaited<ReturnType<typeof open>> | undefined;
    let name: string | undefined;
    let size = 0;
    try {
      for await (const chunk of body) {
        md5.update(chunk);
        for (const [, summer] of summers) summer.update(chunk);
        size += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (!file && (!inline || size > INLINE_MAX_BYTES)) {
          name = randomUUID();
          file = await open(join(this.dir, `${name}.tmp`), 'w');
        }
        // Chunks arrive at 16–64 KiB; one write per MiB costs far fewer thread-pool round trips.
        if (file && pendingBytes >= WRITE_BATCH_BYTES) {
          await file.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (!file && !inline) {
        name = randomUUID();
        file = await open(join(this.dir, `${name}.tmp`), 'w');
      }
      if (file && pending.length > 0) {
        await file.writev(pending);
        pending = [];
      }
      await file?.sync();
    } catch (error) {
      await file?.close();
      if (name) await unlink(join(this.dir, `${name}.tmp`)).catch(() => {});
      throw error;
    }
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [algorithm, summer] of summers) checksums[algorithm] = summer.digest();
    const digest = md5.digest('hex');
    if (!file || !name) return { data: Buffer.concat(pending), size, md5: digest, checksums };
    await file.close();
    await rename(join(this.dir, `${name}.tmp`), join(this.dir, name));
    return { name, size, md5: digest, checksums };
  }

  /** Bytes `start`..`end` (inclusive) of the object made of `blobs`, as a stream. The blobs are held from
   * this call (made in the same tick as the read of the object's row) until the stream closes, so an
   * overwrite committed meanwhile cannot delete them under the read: S3 serves the old or the new object,
   * whole. */
  read(blobs: readonly BlobRef[], start: number, end: number): Readable {
    if (end < start) return Readable.from([]);
    const names = blobs.map((blob) => blob.name);
    for (const name of names) this.readers.set(name, (this.readers.get(name) ?? 0) + 1);
    const stream = this.open(blobs, start, end);
    stream.once('close', () => {
      for (const name of names) this.release(name);
    });
    return stream;
  }

  private release(name: string): void {
    const left = (this.readers.get(name) ?? 1) - 1;
    if (left > 0) {
      this.readers.set(name, left);
      return;
    }
    this.readers.delete(name);
    if (this.removedWhileRead.delete(name)) this.unlink(name);
  }

  private open(blobs: readonly BlobRef[], start: number, end: number): Readable {
    const dir = this.dir;
    if (blobs.length === 1) {
      return createReadStream(join(dir, blobs[0]!.name), { start, end, highWaterMark: READ_CHUNK_BYTES });
    }
    async function* pieces(): AsyncGenerator<Buffer> {
      let offset = 0;
      for (const blob of blobs) {
        const from = Math.max(start - offset, 0);
        const to = Math.min(end - offset, blob.size - 1);
        if (from <= to) {
          const file = createReadStream(join(dir, blob.name), {
            start: from,
            end: to,
            highWaterMark: READ_CHUNK_BYTES,
          });
          for await (const chunk of file) {
            yield chunk as Buffer;
          }
        }
        offset += blob.size;
        if (offset > end) return;
      }
    }
    return Readable.from(pieces(), { objectMode: false });
  }

  remove(blobs: readonly { name?: string; size?: number }[]): void {
    for (const blob of blobs) {
      if (!blob.name) continue;
      if (this.readers.has(blob.name)) this.removedWhileRead.add(blob.name);
      else this.unlink(blob.name);
    }
  }

  private unlink(name: string): void {
    try {
      unlinkSync(join(this.dir, name));
    } catch {
      // Already gone (a sweep after a crash removed it): nothing to do.
    }
  }

  /** Deletes files no row refers to: temporaries of writes cut short, and blobs whose rows were
   * replaced just before a kill. */
  sweep(referenced: ReadonlySet<string>): void {
    for (const name of readdirSync(this.dir)) {
      if (!referenced.has(name)) rmSync(join(this.dir, name), { force: true });
    }
  }
}
