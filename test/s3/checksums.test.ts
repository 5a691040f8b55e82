// S3's CRC implementations against published check values. CRC-32C vectors: RFC 3720 appendix B.4 (iSCSI);
// the "123456789" check values from the CRC catalogue (reveng.sourceforge.io/crc-catalogue): CRC-32C
// 0xE3069283, CRC-64/NVME 0xAE8B14860A799888. The SDK v3 cross-checks them too: s3-multipart.test.ts
// uploads with each algorithm and S3 answers BadDigest unless Nimbus computes the SDK's value.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32c } from '../../src/lib/crc32c.js';
import { checksummer, crc64nvme } from '../../src/services/s3/checksums.js';

const hex64 = ([hi, lo]: [number, number]) =>
  hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

describe('S3 checksums', () => {
  const CRC32C_VECTORS: [string, Buffer, number][] = [
    ['123456789', Buffer.from('123456789'), 0xe3069283],
    ['32 bytes of zeros', Buffer.alloc(32, 0), 0x8a9136aa],
    ['32 bytes of ones', Buffer.alloc(32, 0xff), 0x62a8ab43],
    ['32 ascending bytes', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e],
    ['32 descending bytes', Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c],
    ['empty', Buffer.alloc(0), 0],
  ];
  for (const [name, input, expected] of CRC32C_VECTORS) {
    it(`computes CRC-32C of ${name}`, () => {
      assert.equal(crc32c(input), expected);
    });
  }

  it('computes CRC-64/NVME of the catalogue check string and of nothing', () => {
    assert.equal(hex64(crc64nvme(Buffer.from('123456789'))), 'ae8b14860a799888');
    assert.equal(hex64(crc64nvme(Buffer.alloc(0))), '0000000000000000');
  });

  it('gives the same value fed in pieces as at once', () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) % 256));
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const whole = checksummer(algorithm);
      whole.update(data);
      const pieces = checksummer(algorithm);
      for (let i = 0; i < data.length; i += 777) pieces.update(data.subarray(i, i + 777));
      assert.equal(pieces.digest(), whole.digest(), algorithm);
    }
  });

  it('prints checksums as S3 does: base64 of the big-endian value', () => {
    const crc = checksummer('CRC32C');
    crc.update(Buffer.from('123456789'));
    assert.equal(crc.digest(), Buffer.from('e3069283', 'hex').toString('base64'));
    const nvme = checksummer('CRC64NVME');
    nvme.update(Buffer.from('123456789'));
    assert.equal(nvme.digest(), Buffer.from('ae8b14860a799888', 'hex').toString('base64'));
    const empty = checksummer('CRC32');
    assert.equal(empty.digest(), 'AAAAAA==');
  });

  it('computes CRC-64/NVME 8 bytes at a time exactly as bit by bit, at every length and offset', () => {
    // The reference: the textbook reflected CRC, one bit per step, in BigInt.
    const reference = (data: Buffer): string => {
      let crc = 0xffffffffffffffffn;
      for (const byte of data) {
        crc ^= BigInt(byte);
        for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ 0x9a6c9329ac4bc9b5n : crc >> 1n;
      }
      return (crc ^ 0xffffffffffffffffn).toString(16).padStart(16, '0');
    };
    const data = Buffer.from(Array.from({ length: 80 }, (_, i) => (i * 97 + 13) % 256));
    for (let offset = 0; offset < 9; offset++) {
      for (let length = 0; length <= 40; length++) {
        const piece = data.subarray(offset, offset + length);
        assert.equal(hex64(crc64nvme(piece)), reference(piece), `offset ${offset} length ${length}`);
      }
    }
  });
});
