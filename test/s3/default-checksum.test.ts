// S3's default data integrity (since 2025): an object uploaded without a checksum gets a CRC64NVME of the
// whole object, a multipart one too (combined from its parts), returned with ChecksumMode ENABLED and
// validated there by the SDK itself. https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { checksummer } from '../../src/services/s3/checksums.js';
import { combineChecksums } from '../../src/services/s3/crc-combine.js';
import { startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { s3Client } from './helpers.js';

const MIB = 1024 * 1024;

describe('S3 default CRC64NVME checksum', () => {
  let cloud: Cloud;
  let s3: S3Client;
  /** A client that sends no checksum unless an operation requires one (PutObject and UploadPart don't). */
  let plain: S3Client;
  const body = Buffer.from(Array.from({ length: MIB + 3 }, (_, i) => (i * 131 + 17) % 256));

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    plain = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'integrity' }));
  });
  after(async () => {
    plain.destroy();
    await cloud.stop();
  });

  it('stores a full-object CRC64NVME for a PutObject without checksum, equal to the one the SDK computes', async () => {
    const put = await plain.send(new PutObjectCommand({ Bucket: 'integrity', Key: 'plain', Body: body }));
    assert.equal(put.ChecksumType, 'FULL_OBJECT');
    assert.ok(put.ChecksumCRC64NVME);
    assert.equal(put.ChecksumCRC32, undefined);
    // The SDK computes CRC64NVME itself when asked for it, and S3 would answer BadDigest if ours differed.
    const sdk = await s3.send(
      new PutObjectCommand({ Bucket: 'integrity', Key: 'sdk', Body: body, ChecksumAlgorithm: 'CRC64NVME' }),
    );
    assert.equal(put.ChecksumCRC64NVME, sdk.ChecksumCRC64NVME);
    // With ChecksumMode ENABLED the SDK validates the body against the header it gets back.
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'integrity', Key: 'plain', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(got.ChecksumCRC64NVME, put.ChecksumCRC64NVME);
    assert.equal(got.ChecksumType, 'FULL_OBJECT');
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'integrity', Key: 'plain', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(head.ChecksumCRC64NVME, put.ChecksumCRC64NVME);
    const without = await s3.send(new HeadObjectCommand({ Bucket: 'integrity', Key: 'plain' }));
    assert.equal(without.ChecksumCRC64NVME, undefined);
  });

  it('keeps the checksum the client chose instead of the default', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'integrity', Key: 'crc32', Body: 'abc' }));
    assert.ok(put.ChecksumCRC32);
    assert.equal(put.ChecksumCRC64NVME, undefined);
  });

  it('gives a multipart upload without checksum a FULL_OBJECT CRC64NVME combined from its parts', async () => {
    const whole = Buffer.concat([body, body, body, body, body, body.subarray(0, 1000)]);
    const { UploadId } = await plain.send(
      new CreateMultipartUploadCommand({ Bucket: 'integrity', Key: 'mp' }),
    );
    const first = whole.subarray(0, 5 * MIB);
    const second = whole.subarray(5 * MIB);
    const parts = [];
    for (const [index, part] of [first, second].entries()) {
      const uploaded = await plain.send(
        new UploadPartCommand({
          Bucket: 'integrity',
          Key: 'mp',
          UploadId,
          PartNumber: index + 1,
          Body: part,
        }),
      );
      assert.equal(uploaded.ChecksumCRC64NVME, undefined, 'the default is not reported per part');
      parts.push({ PartNumber: index + 1, ETag: uploaded.ETag });
    }
    const done = await plain.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'integrity',
        Key: 'mp',
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const single = await plain.send(
      new PutObjectCommand({ Bucket: 'integrity', Key: 'mp-single', Body: whole }),
    );
    assert.equal(done.ChecksumType, 'FULL_OBJECT');
    assert.equal(done.ChecksumCRC64NVME, single.ChecksumCRC64NVME);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'integrity', Key: 'mp', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(got.ChecksumCRC64NVME, single.ChecksumCRC64NVME);
    assert.equal((await got.Body!.transformToByteArray()).length, whole.length);
  });

  it('gives a copy the default checksum of its bytes', async () => {
    const copy = await s3.send(
      new CopyObjectCommand({ Bucket: 'integrity', Key: 'copy', CopySource: 'integrity/plain' }),
    );
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'integrity', Key: 'copy', ChecksumMode: 'ENABLED' }),
    );
    assert.ok(copy.CopyObjectResult?.ETag);
    assert.equal(head.ChecksumType, 'FULL_OBJECT');
    assert.ok(head.ChecksumCRC64NVME);
  });

  it('combines CRCs of pieces into the CRC of the whole, for CRC32, CRC32C and CRC64NVME', () => {
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME'] as const) {
      const cuts = [0, 0, 1, 4099, 4100, 70_000, body.length];
      const pieces: [string, number][] = [];
      for (let i = 0; i < cuts.length - 1; i++) {
        const piece = body.subarray(cuts[i], cuts[i + 1]);
        const summer = checksummer(algorithm);
        summer.update(piece);
        pieces.push([summer.digest(), piece.length]);
      }
      const whole = checksummer(algorithm);
      whole.update(body);
      assert.equal(combineChecksums(algorithm, pieces), whole.digest(), algorithm);
    }
  });
});
