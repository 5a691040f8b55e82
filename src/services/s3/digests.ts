// The digests of a body being received: its MD5 (the ETag) and the flexible checksums asked for. A body
// declared large is hashed on a worker thread (`digest-worker.ts`), so that MD5 — about 500 MB/s on one
// core, a third of a 64 MiB PUT's main-thread time before this — runs beside reading the socket and
// writing the file instead of between them. Small bodies are hashed in place: a message round trip costs
// more than hashing them.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ChecksumAlgorithm, checksummer } from './checksums.js';
import type { DigestReply, DigestRequest } from './digest-worker.js';

export interface Digested {
  /** Hex MD5. */
  readonly md5: string;
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

export interface Digest {
  /** Adds bytes; a promise when the worker is behind, which the caller awaits before sending more. */
  update(chunk: Buffer): Promise<void> | undefined;
  finish(): Promise<Digested>;
  /** Abandons the digest (the upload failed). */
  drop(): void;
}

/** Bodies declared at least this large are hashed on the worker. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Bytes are copied into batches of this size, each handed over (not copied again) to the worker. */
const BATCH_BYTES = 1024 * 1024;
/** Batches a body may have waiting in the worker before `update` asks the caller to wait: without a
 * limit, a client sending faster than MD5 runs would queue the rest of its body in memory. */
const MAX_BATCHES_IN_FLIGHT = 8;

/** A digest of MD5 and `algorithms`, on the worker when `expectedBytes` is large and the worker runs. */
export function openDigest(
  algorithms: readonly ChecksumAlgorithm[],
  expectedBytes: number | undefined,
): Digest {
  const pool = expectedBytes !== undefined && expectedBytes >= WORKER_MIN_BYTES ? digestPool() : undefined;
  return pool ? pool.open(algorithms) : inThreadDigest(algorithms);
}

function inThreadDigest(algorithms: readonly ChecksumAlgorithm[]): Digest {
  const md5 = createHash('md5');
  const summers = algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
  return {
    update(chunk) {
      md5.update(chunk);
      for (const [, summer] of summers) summer.update(chunk);
      return undefined;
    },
    finish() {
      const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
      for (const [algorithm, summer] of summers) checksums[algorithm] = summer.digest();
      return Promise.resolve({ md5: md5.digest('hex'), checksums });
    },
    drop() {},
  };
}

/** One worker for the process, shared by every cloud in it; started at the first large body. */
let pool: DigestPool | undefined;
let poolUnavailable = false;

function digestPool(): DigestPool | undefined {
  if (pool || poolUnavailable) return pool;
  // Next to this module: dist/src/services/s3/ when run from tsc's output, dist/cli/ in the CLI bundle
  // (the build bundles the worker there too). Without it, bodies are hashed in place.
  const script = new URL('./digest-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(script))) {
    poolUnavailable = true;
    return undefined;
  }
  pool = new DigestPool(script, () => {
    pool = undefined;
    poolUnavailable = true;
  });
  return pool;
}

interface Waiting {
  /** Batches sent and not yet hashed. */
  inFlight: number;
  /** Resolves `update`'s promise once the worker catches up. */
  resume?: () => void;
  done?: { resolve(result: Digested): void; reject(error: Error): void };
}

class DigestPool {
  private readonly worker: Worker;
  private readonly digests = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(script: URL, onFailure: () => void) {
    this.worker = new Worker(script);
    // Idle, the worker must not keep the process alive; it is referenced while a digest is open.
    this.worker.unref();
    this.worker.on('message', (reply: DigestReply) => this.receive(reply));
    const fail = (error: Error) => {
      this.failure = error;
      onFailure();
      for (const waiting of this.digests.values()) {
        waiting.resume?.();
        waiting.done?.reject(error);
      }
      this.digests.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the digest worker exited (code ${code})`)));
  }

  open(algorithms: readonly ChecksumAlgorithm[]): Digest {
    const id = this.nextId++;
    const waiting: Waiting = { inFlight: 0 };
    this.digests.set(id, waiting);
    if (this.digests.size === 1) this.worker.ref();
    this.post({ kind: 'open', id, algorithms });
    let batch: Buffer | undefined;
    let filled = 0;
    const flush = () => {
      if (!batch || filled === 0) return;
      // The batch owns its memory (allocUnsafeSlow), so it moves to the worker without a copy.
      const bytes = new Uint8Array(batch.buffer, 0, filled);
      this.post({ kind: 'data', id, bytes }, [batch.buffer as ArrayBuffer]);
      waiting.inFlight++;
      batch = undefined;
      filled = 0;
    };
    return {
      update: (chunk) => {
        for (let offset = 0; offset < chunk.length; ) {
          batch ??= Buffer.allocUnsafeSlow(BATCH_BYTES);
          const copied = chunk.copy(batch, filled, offset);
          offset += copied;
          filled += copied;
          if (filled === BATCH_BYTES) flush();
        }
        if (waiting.inFlight < MAX_BATCHES_IN_FLIGHT || this.failure) return undefined;
        return new Promise<void>((resolve) => {
          waiting.resume = resolve;
        });
      },
      finish: () => {
        if (this.failure) return Promise.reject(this.failure);
        flush();
        this.post({ kind: 'finish', id });
        return new Promise<Digested>((resolve, reject) => {
          waiting.done = { resolve, reject };
        });
      },
      drop: () => {
        batch = undefined;
        if (this.failure || !this.digests.has(id)) return;
        this.post({ kind: 'drop', id });
        this.forget(id);
      },
    };
  }

  private receive(reply: DigestReply): void {
    const waiting = this.digests.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'ack') {
      waiting.inFlight--;
      if (waiting.resume && waiting.inFlight < MAX_BATCHES_IN_FLIGHT) {
        const resume = waiting.resume;
        waiting.resume = undefined;
        resume();
      }
      return;
    }
    this.forget(reply.id);
    waiting.done?.resolve({ md5: reply.md5, checksums: reply.checksums });
  }

  private forget(id: number): void {
    this.digests.delete(id);
    if (this.digests.size === 0) this.worker.unref();
  }

  private post(request: DigestRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }
}
