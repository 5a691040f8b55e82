// CompressionFormat applied to an object before it is written to S3, and the extension AWS gives it:
// GZIP (a gzip member), ZIP (an archive of one entry), Snappy (the Snappy framing format, which AWS writes
// and Athena cannot read) and HADOOP_SNAPPY (Hadoop's block format, which Athena and Hive read).
// https://docs.aws.amazon.com/firehose/latest/dev/create-destination.html#create-destination-s3
// https://github.com/google/snappy/blob/main/framing_format.txt
// https://github.com/apache/hadoop/blob/trunk/hadoop-common-project/hadoop-common/src/main/java/org/apache/hadoop/io/compress/BlockCompressorStream.java

import { gzipSync, zipSync } from 'fflate';
import * as snappy from 'snappyjs';
import { crc32c } from '../../lib/crc32c.js';

export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP' | 'ZIP' | 'Snappy' | 'HADOOP_SNAPPY';

/** The extension an object gets when FileExtension does not say otherwise. */
export function extensionOf(format: string | undefined): string {
  switch (format) {
    case 'GZIP':
      return '.gz';
    case 'ZIP':
      return '.zip';
    case 'Snappy':
    case 'HADOOP_SNAPPY':
      return '.snappy';
    default:
      return '';
  }
}

/** `data` compressed as `format`; `entryName` names a ZIP archive's one entry. */
export function compress(data: Buffer, format: string | undefined, entryName: string): Buffer {
  switch (format) {
    case 'GZIP':
      return Buffer.from(gzipSync(data));
    case 'ZIP':
      return Buffer.from(zipSync({ [entryName]: data }));
    case 'Snappy':
      return snappyFramed(data);
    case 'HADOOP_SNAPPY':
      return hadoopSnappy(data);
    default:
      return data;
  }
}

/** The framing format's stream identifier chunk, then compressed chunks of at most 64 KiB of input each,
 * with the masked CRC-32C of the uncompressed chunk. */
function snappyFramed(data: Buffer): Buffer {
  const chunks: Buffer[] = [Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59])];
  for (let offset = 0; offset < data.length; offset += 65_536) {
    const piece = data.subarray(offset, offset + 65_536);
    const compressed = snappy.compress(piece);
    const header = Buffer.alloc(8);
    const length = compressed.length + 4;
    header[0] = 0x00;
    header.writeUIntLE(length, 1, 3);
    header.writeUInt32LE(maskedCrc32c(piece), 4);
    chunks.push(header, Buffer.from(compressed));
  }
  return Buffer.concat(chunks);
}

/** Hadoop's BlockCompressorStream with SnappyCodec's 256 KiB buffer: per block, the uncompressed length
 * (4 bytes, big-endian), then the compressed length and the compressed bytes. */
function hadoopSnappy(data: Buffer): Buffer {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += HADOOP_BLOCK) {
    const piece = data.subarray(offset, offset + HADOOP_BLOCK);
    const compressed = snappy.compress(piece);
    const header = Buffer.alloc(8);
    header.writeUInt32BE(piece.length, 0);
    header.writeUInt32BE(compressed.length, 4);
    chunks.push(header, Buffer.from(compressed));
  }
  return Buffer.concat(chunks);
}

const HADOOP_BLOCK = 256 * 1024;

function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  // "Checksums are not stored directly, but masked": rotate right by 15 bits and add a constant.
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}
