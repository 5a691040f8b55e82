// The CRC of two pieces joined, from their CRCs and the second's length, without reading the bytes:
// crc(A‖B) = crc(A)·x^(8·|B|) ⊕ crc(B) mod P, for the reflected CRCs whose initial value and final xor are
// both all ones (CRC-32, CRC-32C, CRC-64/NVME). This is how S3 gets a multipart object's FULL_OBJECT
// checksum from its parts' checksums (checking-object-integrity.html, "full object checksums"); the
// method is zlib's crc32_combine (multiplication modulo P, x^(2^k) by repeated squaring). BigInt keeps
// one code path for both widths; it runs once per part, not per byte.

import type { ChecksumAlgorithm } from './checksums.js';

interface CrcModel {
  readonly width: bigint;
  /** The reflected polynomial. */
  readonly poly: bigint;
}

const MODELS: Partial<Record<ChecksumAlgorithm, CrcModel>> = {
  CRC32: { width: 32n, poly: 0xedb88320n },
  CRC32C: { width: 32n, poly: 0x82f63b78n },
  CRC64NVME: { width: 64n, poly: 0x9a6c9329ac4bc9b5n },
};

/** Whether `algorithm` is a CRC that combines (the SHA digests do not). */
export function combines(algorithm: ChecksumAlgorithm): boolean {
  return MODELS[algorithm] !== undefined;
}

/** The S3 (base64, big-endian) checksum of the concatenation of pieces given as [checksum, length]. */
export function combineChecksums(
  algorithm: ChecksumAlgorithm,
  pieces: readonly (readonly [checksum: string, length: number])[],
): string {
  const model = MODELS[algorithm];
  if (!model) throw new Error(`${algorithm} does not combine`);
  const bytes = Number(model.width / 8n);
  let crc = 0n;
  for (const [checksum, length] of pieces) {
    const value = BigInt(`0x${Buffer.from(checksum, 'base64').toString('hex') || '0'}`);
    crc = multiply(model, shiftFactor(model, BigInt(length)), crc) ^ value;
  }
  return Buffer.from(crc.toString(16).padStart(bytes * 2, '0'), 'hex').toString('base64');
}

/** a·b modulo P, in the reflected representation (x^0 is the top bit). */
function multiply(model: CrcModel, a: bigint, b: bigint): bigint {
  let m = 1n << (model.width - 1n);
  let product = 0n;
  while (m !== 0n) {
    if (a & m) product ^= b;
    m >>= 1n;
    b = b & 1n ? (b >> 1n) ^ model.poly : b >> 1n;
  }
  return product;
}

/** x^(8·length) modulo P: x^(2^k) squared up for each set bit of the bit count. */
function shiftFactor(model: CrcModel, length: bigint): bigint {
  let factor = 1n << (model.width - 1n);
  let power = 1n << (model.width - 2n); // x^1
  let bits = length * 8n;
  while (bits > 0n) {
    if (bits & 1n) factor = multiply(model, power, factor);
    power = multiply(model, power, power);
    bits >>= 1n;
  }
  return factor;
}
