// Object bodies as files under `<blobsDir>/s3/`, named by random ids (never by keys). A body is written
// to a temporary file while its MD5 and checksums are computed, fsynced, then renamed into place, so a
// blob that a committed row points at is complete on disk even after a kill.
// An object is one blob, or one per part for a completed multipart upload (Complete copies nothing).

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

export interface WrittenBlob extends BlobRef {
  /** Hex MD5 of the bytes. */
  readonly md5: string;
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

export class BlobFiles {
  readonly dir: string;

  constructor(blobsDir: string) {
    this.dir = join(blobsDir, 's3');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Streams `body` into a new blob, computing its MD5 and the requested checksums on the way. */
  async write(body: AsyncIterable<Buffer>, algorithms: readonly ChecksumAlgorithm[]): Promise<WrittenBlob> {
    const name = randomUUID();
    const temporary = join(this.dir, `${name}.tmp`);
    const md5 = createHash('md5');
    const summers = algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
    const file = await open(temporary, 'w');
    let size = 0;
    try {
      for await (const chunk of body) {
        md5.update(chunk);
        for (const [, summer] of summers) summer.update(chunk);
        size += chunk.length;
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await unlink(temporary).catch(() => {});
      throw error;
    }
    await file.close();
    await rename(temporary, join(this.dir, name));
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [algorithm, summer] of summers) checksums[algorithm] = summer.digest();
    return { name, size, md5: md5.digest('hex'), checksums };
  }

  /** Bytes `start`..`end` (inclusive) of the object made of `blobs`, as a stream. */
  read(blobs: readonly BlobRef[], start: number, end: number): Readable {
    const dir = this.dir;
    async function* pieces(): AsyncGenerator<Buffer> {
      let offset = 0;
      for (const blob of blobs) {
        const from = Math.max(start - offset, 0);
        const to = Math.min(end - offset, blob.size - 1);
        if (from <= to) {
          for await (const chunk of createReadStream(join(dir, blob.name), { start: from, end: to })) {
            yield chunk as Buffer;
          }
        }
        offset += blob.size;
        if (offset > end) return;
      }
    }
    return Readable.from(pieces(), { objectMode: false });
  }

  remove(blobs: readonly BlobRef[]): void {
    for (const blob of blobs) {
      try {
        unlinkSync(join(this.dir, blob.name));
      } catch {
        // Already gone (a sweep after a crash removed it): nothing to do.
      }
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
