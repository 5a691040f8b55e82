// Bodies declared large (8 MiB and more) are hashed on a worker thread (src/services/s3/digests.ts). The
// results must be exactly those of hashing in place: the ETag is the MD5, every flexible checksum is
// verified, Content-MD5 is checked, a copy and an UploadPartCopy hash what they read, and bodies arriving
// faster than the worker hashes are held back instead of queued.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../src/index.js';
import { checksummer } from '../src/services/s3/checksums.js';
import { WORKER_MIN_BYTES } from '../src/services/s3/digests.js';
import { startTestCloud } from './helpers.js';
import { errorOf, s3Client } from './s3-helpers.js';

const MIB = 1024 * 1024;

describe('S3 digests of large bodies (worker thread)', () => {
  let cloud: Cloud;
  let s3: S3Client;
  const bucket = 'large-digests';
  // Not a multiple of the worker's 1 MiB batches, and not a repeating byte.
  const body = Buffer.from(
    Array.from({ length: WORKER_MIN_BYTES + 3 * MIB + 12_345 }, (_, i) => (i * 31 + (i >> 11)) % 251),
  );
  const md5 = createHash('md5').update(body).digest('hex');
  const checksum = (algorithm: 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA256') => {
    const summer = checksummer(algorithm);
    summer.update(body);
    return summer.digest();
  };

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
  });

  it('gives the MD5 ETag and the checksum the SDK sent, and returns the bytes unchanged', async () => {
    for (const algorithm of ['CRC32', 'CRC32C', 'SHA256'] as const) {
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `sdk-${algorithm}`,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      );
      assert.equal(put.ETag, `"${md5}"`);
      assert.equal(put[`Checksum${algorithm}`], checksum(algorithm));
    }
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'sdk-CRC32', ChecksumMode: 'ENABLED' }),
    );
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    assert.ok(bytes.equals(body));
    assert.equal(got.ChecksumCRC32, checksum('CRC32'));
  });

  it('computes the default CRC64NVME for a plain PUT with Content-MD5, and refuses a wrong Content-MD5', async () => {
    const contentMd5 = Buffer.from(md5, 'hex').toString('base64');
    const ok = await rawPut(cloud.endpoint, `/${bucket}/plain`, body, { 'content-md5': contentMd5 });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.etag, `"${md5}"`);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'plain', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(head.ChecksumCRC64NVME, checksum('CRC64NVME'));
    assert.equal(head.ContentLength, body.length);

    const wrong = Buffer.from(createHash('md5').update('other').digest()).toString('base64');
    const bad = await rawPut(cloud.endpoint, `/${bucket}/bad`, body, { 'content-md5': wrong });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /<Code>BadDigest<\/Code>/);
    const missing = await errorOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bad' })));
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  it('refuses a wrong flexible checksum on a large body', async () => {
    const wrong = checksummer('CRC32');
    wrong.update(Buffer.from('something else'));
    const bad = await rawPut(cloud.endpoint, `/${bucket}/bad-crc`, body, {
      'x-amz-checksum-crc32': wrong.digest(),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /The CRC32 you specified did not match the calculated checksum/);
  });

  it('hashes what CopyObject and UploadPartCopy read', async () => {
    const copy = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'copy', CopySource: `${bucket}/sdk-CRC32` }),
    );
    assert.equal(copy.CopyObjectResult?.ETag, `"${md5}"`);
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'assembled' }));
    const part = await s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: 'assembled',
        UploadId: upload.UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/sdk-CRC32`,
        CopySourceRange: `bytes=0-${WORKER_MIN_BYTES + MIB - 1}`,
      }),
    );
    const slice = body.subarray(0, WORKER_MIN_BYTES + MIB);
    assert.equal(part.CopyPartResult?.ETag, `"${createHash('md5').update(slice).digest('hex')}"`);
  });

  it('keeps several large uploads at once apart', async () => {
    const bodies = [1, 2, 3].map((n) => Buffer.alloc(WORKER_MIN_BYTES + n * 65_537, n));
    const puts = await Promise.all(
      bodies.map((b, n) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `parallel-${n}`, Body: b }))),
    );
    puts.forEach((put, n) => {
      assert.equal(put.ETag, `"${createHash('md5').update(bodies[n]!).digest('hex')}"`);
    });
  });
});

/** A PUT with no SDK in the way: only the headers given (no checksum unless named), a Content-Length. */
function rawPut(
  endpoint: string,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(path, endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        headers: {
          ...headers,
          'content-length': body.length,
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
