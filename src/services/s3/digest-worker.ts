// The worker thread that hashes large bodies for `digests.ts`: MD5 (the ETag) and the flexible checksums,
// so the main thread only moves bytes. Messages from one port arrive in order, so a body's chunks are
// hashed in the order they were sent. Started only as a worker (`digests.ts`); importing it elsewhere does
// nothing.

import { createHash, type Hash } from 'node:crypto';
import { isMainThread, parentPort } from 'node:worker_threads';
import { type ChecksumAlgorithm, type Checksummer, checksummer } from './checksums.js';

/** What the main thread sends: open a body's digest, add bytes to it, finish it, or drop it. */
export type DigestRequest =
  | { readonly kind: 'open'; readonly id: number; readonly algorithms: readonly ChecksumAlgorithm[] }
  | { readonly kind: 'data'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly kind: 'finish'; readonly id: number }
  | { readonly kind: 'drop'; readonly id: number };

/** What the worker answers: each `data` hashed (`ack`, so the sender can hold back), and `finish`. */
export type DigestReply =
  | { readonly kind: 'ack'; readonly id: number }
  | {
      readonly kind: 'done';
      readonly id: number;
      /** Hex MD5. */
      readonly md5: string;
      readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
    };

interface Open {
  readonly md5: Hash;
  readonly summers: readonly (readonly [ChecksumAlgorithm, Checksummer])[];
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const open = new Map<number, Open>();
  port.on('message', (request: DigestRequest) => {
    if (request.kind === 'open') {
      const summers = request.algorithms.map((algorithm) => [algorithm, checksummer(algorithm)] as const);
      open.set(request.id, { md5: createHash('md5'), summers });
    } else if (request.kind === 'data') {
      const digest = open.get(request.id);
      if (digest) {
        const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
        digest.md5.update(bytes);
        for (const [, summer] of digest.summers) summer.update(bytes);
      }
      port.postMessage({ kind: 'ack', id: request.id } satisfies DigestReply);
    } else if (request.kind === 'finish') {
      const digest = open.get(request.id);
      open.delete(request.id);
      if (!digest) return;
      const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
      for (const [algorithm, summer] of digest.summers) checksums[algorithm] = summer.digest();
      const md5 = digest.md5.digest('hex');
      port.postMessage({ kind: 'done', id: request.id, md5, checksums } satisfies DigestReply);
    } else {
      open.delete(request.id);
    }
  });
}
