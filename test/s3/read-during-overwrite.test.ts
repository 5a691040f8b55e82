// A GET racing overwrites of the same key gets one whole version, old or new, never a cut connection:
// "Amazon S3 never adds partial data" and a read after a successful write returns it, so a read already
// under way finishes on what it started. The replaced body file outlives the reads that hold it.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

describe('S3 reads during overwrites', () => {
  let cloud: Cloud;
  let s3: S3Client;

  before(async () => {
    cloud = await startTestCloud();
    // No retries: a read cut short must show, not be hidden by a second attempt.
    s3 = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'overwritten' }));
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
  });

  it('serves each GET one whole version while the key is being replaced', async () => {
    // Larger than the bodies kept in the row, so each version is a file that an overwrite removes.
    const versions = [1, 2, 3].map((n) => Buffer.alloc(1024 * 1024, n));
    const etags = new Set(versions.map((v) => `"${createHash('md5').update(v).digest('hex')}"`));
    await s3.send(new PutObjectCommand({ Bucket: 'overwritten', Key: 'k', Body: versions[0] }));
    let writing = true;
    const writer = (async () => {
      for (let i = 1; writing; i++) {
        await s3.send(new PutObjectCommand({ Bucket: 'overwritten', Key: 'k', Body: versions[i % 3] }));
      }
    })();
    try {
      for (let i = 0; i < 80; i++) {
        const got = await s3.send(new GetObjectCommand({ Bucket: 'overwritten', Key: 'k' }));
        const body = Buffer.from(await got.Body!.transformToByteArray());
        const digest = `"${createHash('md5').update(body).digest('hex')}"`;
        assert.ok(etags.has(digest), `read ${i}: a whole version (${body.length} bytes)`);
        assert.equal(digest, got.ETag, `read ${i}: the body of the version its ETag names`);
      }
    } finally {
      writing = false;
      await writer;
    }
  });
});
