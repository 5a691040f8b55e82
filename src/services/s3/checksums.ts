// S3's flexible checksums: CRC32, CRC32C, CRC64NVME, SHA1 and SHA256, computed incrementally while a body
// streams, and rendered as S3 does (base64 of the big-endian CRC, or of the digest).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
// CRC32 is zlib's; CRC32C (Castagnoli) is table-driven here, one table lookup per byte; CRC64NVME, which S3
// computes for every object uploaded without a checksum, reads 8 bytes per step through 8 tables
// ("slicing-by-8"), about 3× the byte-at-a-time loop.

import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from '../../lib/crc32c.js';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Accumulates one checksum over chunks. */
export interface Checksummer {
  update(chunk: Buffer): void;
  /** The checksum as S3 prints it (base64). */
  digest(): string;
}

export function checksummer(algorithm: ChecksumAlgorithm): Checksummer {
  switch (algorithm) {
    case 'CRC32':
      return crcChecksummer((chunk, crc) => crc32(chunk, crc));
    case 'CRC32C':
      return crcChecksummer(crc32c);
    case 'CRC64NVME':
      return crc64Checksummer();
    case 'SHA1':
      return hashChecksummer(createHash('sha1'));
    case 'SHA256':
      return hashChecksummer(createHash('sha256'));
  }
}

/** The checksum algorithm a header name or value names (`x-amz-checksum-crc32c`, `crc32c`), if any. */
export function checksumAlgorithm(name: string | undefined): ChecksumAlgorithm | undefined {
  const upper = name?.replace(/^x-amz-checksum-/i, '').toUpperCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
}

/** CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), as [high, low] 32-bit halves, continuing
 * from `previous`. Two 32-bit halves instead of BigInt: a BigInt step per byte is ~50× slower. */
export function crc64nvme(chunk: Buffer, previous: readonly [number, number] = [0, 0]): [number, number] {
  const state = Uint32Array.of(previous[0], previous[1]);
  crc64Update(chunk, state);
  return [state[0]!, state[1]!];
}

/** The loop itself: continues the CRC held in `state` ([high, low]) over `chunk`. The state is a typed
 * array, not returned numbers: values above 2^31 returned in an array literal made V8 deoptimize this
 * function ("lost precision") again and again in the server. */
function crc64Update(chunk: Buffer, state: Uint32Array): void {
  let hi = ~state[0]! >>> 0;
  let lo = ~state[1]! >>> 0;
  const length = chunk.length;
  const whole = length - (length & 7);
  let i = 0;
  for (; i < whole; i += 8) {
    // The next 8 bytes (little-endian) xor the CRC; each of them then goes through its own table.
    const a = lo ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24));
    const b = hi ^ (chunk[i + 4]! | (chunk[i + 5]! << 8) | (chunk[i + 6]! << 16) | (chunk[i + 7]! << 24));
    const i7 = 1792 + (a & 0xff);
    const i6 = 1536 + ((a >>> 8) & 0xff);
    const i5 = 1280 + ((a >>> 16) & 0xff);
    const i4 = 1024 + (a >>> 24);
    const i3 = 768 + (b & 0xff);
    const i2 = 512 + ((b >>> 8) & 0xff);
    const i1 = 256 + ((b >>> 16) & 0xff);
    const i0 = b >>> 24;
    lo =
      CRC64_LO[i7]! ^
      CRC64_LO[i6]! ^
      CRC64_LO[i5]! ^
      CRC64_LO[i4]! ^
      CRC64_LO[i3]! ^
      CRC64_LO[i2]! ^
      CRC64_LO[i1]! ^
      CRC64_LO[i0]!;
    hi =
      CRC64_HI[i7]! ^
      CRC64_HI[i6]! ^
      CRC64_HI[i5]! ^
      CRC64_HI[i4]! ^
      CRC64_HI[i3]! ^
      CRC64_HI[i2]! ^
      CRC64_HI[i1]! ^
      CRC64_HI[i0]!;
  }
  for (; i < length; i++) {
    const index = (lo ^ chunk[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ CRC64_LO[index]!;
    hi = (hi >>> 8) ^ CRC64_HI[index]!;
  }
  state[0] = ~hi;
  state[1] = ~lo;
}

function crcChecksummer(step: (chunk: Buffer, crc: number) => number): Checksummer {
  let crc = 0;
  return {
    update: (chunk) => {
      crc = step(chunk, crc);
    },
    digest: () => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(crc >>> 0);
      return bytes.toString('base64');
    },
  };
}

function crc64Checksummer(): Checksummer {
  const state = new Uint32Array(2);
  return {
    update: (chunk) => crc64Update(chunk, state),
    digest: () => {
      const bytes = Buffer.alloc(8);
      bytes.writeUInt32BE(state[0]!, 0);
      bytes.writeUInt32BE(state[1]!, 4);
      return bytes.toString('base64');
    },
  };
}

function hashChecksummer(hash: Hash): Checksummer {
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('base64') };
}

/** Table t (at t·256) advances a byte that has t more bytes after it in the 8-byte step: table 0 is the
 * classic byte table, table t is table t−1 followed by one more zero byte. */
const [CRC64_HI, CRC64_LO] = (() => {
  const hiTable = new Uint32Array(256 * 8);
  const loTable = new Uint32Array(256 * 8);
  const polyHi = 0x9a6c9329;
  const polyLo = 0xac4bc9b5;
  for (let n = 0; n < 256; n++) {
    let hi = 0;
    let lo = n;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        hi = (hi ^ polyHi) >>> 0;
        lo = (lo ^ polyLo) >>> 0;
      }
    }
    hiTable[n] = hi;
    loTable[n] = lo;
  }
  for (let t = 1; t < 8; t++) {
    for (let n = 0; n < 256; n++) {
      const hi = hiTable[(t - 1) * 256 + n]!;
      const lo = loTable[(t - 1) * 256 + n]!;
      loTable[t * 256 + n] = (((lo >>> 8) | (hi << 24)) ^ loTable[lo & 0xff]!) >>> 0;
      hiTable[t * 256 + n] = ((hi >>> 8) ^ hiTable[lo & 0xff]!) >>> 0;
    }
  }
  return [hiTable, loTable];
})();

// Run both loops at load, enough times for V8 to allocate the function's feedback and record types in
// each: otherwise the first big chunk gets the loop compiled on the stack (OSR) with no feedback for the
// tail loop's test, and that code deoptimized at the test on every later chunk (node --trace-deopt showed
// thousands), making CRC64NVME in the server about 2× slower than alone.
const warmUp = Buffer.from(Array.from({ length: 23 }, (_, i) => i * 37));
for (let i = 0; i < 64; i++) crc64Update(warmUp, new Uint32Array(2));
