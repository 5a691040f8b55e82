// S3 multipart uploads and integrity through the SDK v3: part-size rules, composite ETags, lib-storage's
// Upload, flexible checksums (header and aws-chunked trailer forms), Content-MD5.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Cloud } from '../../src/index.js';
import { rawRequest, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client } from './helpers.js';

let cloud: Cloud;
let s3: S3Client;
const MiB = 1024 * 1024;

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'parts' }));
});
after(async () => {
  s3.destroy();
  await cloud.stop();
});

const md5 = (data: Buffer) => createHash('md5').update(data).digest();

describe('S3 multipart uploads', () => {
  it('completes an upload with the composite ETag and serves parts by number', async () => {
    const one = Buffer.alloc(5 * MiB, 1);
    const two = Buffer.from('tail');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'parts', Key: 'big', ContentType: 'x/y' }),
    );
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket: 'parts', Key: 'big', UploadId, PartNumber: 1, Body: one }),
    );
    const p2 = await s3.send(
      new UploadPartCommand({ Bucket: 'parts', Key: 'big', UploadId, PartNumber: 2, Body: two }),
    );
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'parts', Key: 'big', UploadId }));
    assert.deepEqual(
      listed.Parts?.map((part) => part.Size),
      [5 * MiB, 4],
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'parts' }));
    assert.ok(uploads.Uploads?.some((upload) => upload.UploadId === UploadId));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'parts',
        Key: 'big',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    const expected = `"${createHash('md5')
      .update(Buffer.concat([md5(one), md5(two)]))
      .digest('hex')}-2"`;
    assert.equal(done.ETag, expected);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'parts', Key: 'big' }));
    assert.equal(head.ContentLength, 5 * MiB + 4);
    assert.equal(head.ContentType, 'x/y');
    const attributes = await s3.send(
      new GetObjectAttributesCommand({
        Bucket: 'parts',
        Key: 'big',
        ObjectAttributes: ['ETag', 'ObjectParts', 'ObjectSize'],
      }),
    );
    assert.equal(attributes.ETag, expected.replace(/"/g, ''));
    assert.equal(attributes.ObjectSize, 5 * MiB + 4);
    assert.equal(attributes.ObjectParts?.TotalPartsCount, 2);
    assert.deepEqual(
      attributes.ObjectParts?.Parts?.map((part) => part.Size),
      [5 * MiB, 4],
    );
    const second = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: 'big', PartNumber: 2 }));
    assert.equal(await second.Body?.transformToString(), 'tail');
    assert.equal(second.PartsCount, 2);
    const across = await s3.send(
      new GetObjectCommand({ Bucket: 'parts', Key: 'big', Range: `bytes=${5 * MiB - 2}-${5 * MiB + 1}` }),
    );
    assert.deepEqual(Buffer.from(await across.Body!.transformToByteArray()), Buffer.from([1, 1, 0x74, 0x61]));
  });

  it('refuses parts under 5 MiB before the last, unknown parts and unknown uploads', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'parts', Key: 'small' }));
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket: 'parts', Key: 'small', UploadId, PartNumber: 1, Body: 'a' }),
    );
    const p2 = await s3.send(
      new UploadPartCommand({ Bucket: 'parts', Key: 'small', UploadId, PartNumber: 2, Body: 'b' }),
    );
    const tooSmall = await errorOf(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'parts',
          Key: 'small',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      ),
    );
    assert.equal(tooSmall.name, 'EntityTooSmall');
    const invalid = await errorOf(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'parts',
          Key: 'small',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 3, ETag: p1.ETag }] },
        }),
      ),
    );
    assert.equal(invalid.name, 'InvalidPart');
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'parts', Key: 'small', UploadId }));
    const gone = await errorOf(s3.send(new ListPartsCommand({ Bucket: 'parts', Key: 'small', UploadId })));
    assert.equal(gone.name, 'NoSuchUpload');
    assert.equal(gone.$metadata.httpStatusCode, 404);
  });

  it('keeps a full-object CRC for uploads that ask for one, and a composite one otherwise', async () => {
    const one = Buffer.alloc(5 * MiB, 3);
    const two = Buffer.from('end');
    const whole = Buffer.alloc(4);
    whole.writeUInt32BE(crc32(Buffer.concat([one, two])));
    for (const type of ['FULL_OBJECT', 'COMPOSITE'] as const) {
      const Key = `crc-${type}`;
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({
          Bucket: 'parts',
          Key,
          ChecksumAlgorithm: 'CRC32',
          ChecksumType: type,
        }),
      );
      const parts = [];
      for (const [index, Body] of [one, two].entries()) {
        const part = await s3.send(
          new UploadPartCommand({
            Bucket: 'parts',
            Key,
            UploadId,
            PartNumber: index + 1,
            Body,
            ChecksumAlgorithm: 'CRC32',
          }),
        );
        parts.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 });
      }
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'parts',
          Key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'parts', Key, ChecksumMode: 'ENABLED' }));
      assert.equal(head.ChecksumType, type);
      if (type === 'FULL_OBJECT') assert.equal(head.ChecksumCRC32, whole.toString('base64'));
      else assert.match(head.ChecksumCRC32 ?? '', /-2$/);
    }
  });

  it('copies a range of an object into a part', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'parts', Key: 'source', Body: '0123456789' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'parts', Key: 'copied' }));
    const part = await s3.send(
      new UploadPartCopyCommand({
        Bucket: 'parts',
        Key: 'copied',
        UploadId,
        PartNumber: 1,
        CopySource: 'parts/source',
        CopySourceRange: 'bytes=2-4',
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'parts',
        Key: 'copied',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: 'copied' }));
    assert.equal(await got.Body?.transformToString(), '234');
  });

  it("uploads a streamed body with lib-storage's Upload (multipart above the part size)", async () => {
    const data = Buffer.alloc(12 * MiB);
    for (let i = 0; i < data.length; i += 4096) data[i] = i % 251;
    const upload = new Upload({
      client: s3,
      params: {
        Bucket: 'parts',
        Key: 'lib-storage',
        Body: Readable.from([data.subarray(0, 7 * MiB), data.subarray(7 * MiB)]),
      },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    const result = await upload.done();
    assert.match(result.ETag ?? '', /-3"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: 'lib-storage' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    assert.ok(bytes.equals(data));
  });
});

describe('S3 integrity', () => {
  it('stores and returns the flexible checksum the SDK sends (header and aws-chunked trailer)', async () => {
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const key = `sum-${algorithm}`;
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: 'parts',
          Key: key,
          Body: Readable.from([Buffer.from('checksummed body')]),
          ChecksumAlgorithm: algorithm,
          ContentLength: 16,
        }),
      );
      const field = `Checksum${algorithm}` as const;
      assert.ok(put[field], `${algorithm} returned on put`);
      const got = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: key, ChecksumMode: 'ENABLED' }));
      assert.equal(got[field], put[field]);
      assert.equal(await got.Body?.transformToString(), 'checksummed body');
    }
    const sha = createHash('sha256').update('checksummed body').digest('base64');
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'parts', Key: 'sum-SHA256', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(head.ChecksumSHA256, sha);
  });

  it('rejects a body whose checksum or Content-MD5 does not match', async () => {
    const wrongCrc = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'parts', Key: 'bad', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })),
    );
    assert.equal(wrongCrc.name, 'BadDigest');
    const wrongMd5 = await rawRequest(cloud, {
      method: 'PUT',
      path: '/parts/bad-md5',
      headers: { 'content-md5': md5(Buffer.from('other')).toString('base64') },
      body: 'abc',
    });
    assert.equal(wrongMd5.status, 400);
    assert.match(wrongMd5.text, /<Code>BadDigest<\/Code>/);
    const invalidMd5 = await rawRequest(cloud, {
      method: 'PUT',
      path: '/parts/bad-md5',
      headers: { 'content-md5': 'nope' },
      body: 'abc',
    });
    assert.match(invalidMd5.text, /<Code>InvalidDigest<\/Code>/);
    const missing = await rawRequest(cloud, { method: 'GET', path: '/parts/bad-md5' });
    assert.equal(missing.status, 404);
  });

  it('decodes a signed aws-chunked body and rejects a wrong trailing checksum', async () => {
    const sig = `;chunk-signature=${'0'.repeat(64)}`;
    const chunked = `5${sig}\r\nhello\r\n0${sig}\r\n\r\n`;
    const ok = await rawRequest(cloud, {
      method: 'PUT',
      path: '/parts/chunked',
      headers: {
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '5',
      },
      body: chunked,
    });
    assert.equal(ok.status, 200, ok.text);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: 'chunked' }));
    assert.equal(await got.Body?.transformToString(), 'hello');
    const bad = await rawRequest(cloud, {
      method: 'PUT',
      path: '/parts/chunked-bad',
      headers: {
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<Code>BadDigest<\/Code>/);
  });
});
