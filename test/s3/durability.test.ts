// Durability: every object S3 acknowledged survives `kill -9` byte for byte, including a multipart one,
// and blob files left by writes cut short are swept on restart.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { kill9, startNimbusProcess as startNimbus } from '../support/helpers.js';
import { s3Client } from './helpers.js';

const client = (endpoint: string) => s3Client(endpoint);

describe('S3 durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-s3-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged object across SIGKILL and sweeps the blob of an unfinished upload', async () => {
    const first = await startNimbus(dataDir);
    let s3 = client(first.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'durable' }));
    const digests = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      // Every tenth object is over the inline limit (128 KiB), so both storage paths are covered.
      const body = Buffer.alloc(i % 10 === 0 ? 300_000 + i : 1000 + i * 997, i);
      await s3.send(new PutObjectCommand({ Bucket: 'durable', Key: `object-${i}`, Body: body }));
      digests.set(`object-${i}`, createHash('md5').update(body).digest('hex'));
    }
    const large = Buffer.alloc(11 * 1024 * 1024);
    for (let i = 0; i < large.length; i += 512) large[i] = (i / 512) % 256;
    await new Upload({
      client: s3,
      params: { Bucket: 'durable', Key: 'multipart', Body: large },
      partSize: 5 * 1024 * 1024,
    }).done();
    digests.set('multipart', createHash('md5').update(large).digest('hex'));
    // An upload still streaming when the process dies: never acknowledged, its temporary blob must go.
    const url = new URL('/durable/unfinished', first.endpoint);
    const pending = request(url, { method: 'PUT', headers: { 'content-length': String(50 * 1024 * 1024) } });
    pending.on('error', () => {});
    pending.write(Buffer.alloc(1024 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await kill9(first.child);
    pending.destroy();

    const second = await startNimbus(dataDir);
    try {
      s3.destroy();
      s3 = client(second.endpoint);
      for (const [key, digest] of digests) {
        const got = await s3.send(new GetObjectCommand({ Bucket: 'durable', Key: key }));
        const bytes = Buffer.from(await got.Body!.transformToByteArray());
        assert.equal(createHash('md5').update(bytes).digest('hex'), digest, key);
      }
      const files = readdirSync(join(dataDir, 'blobs', 's3'));
      assert.ok(!files.some((name) => name.endsWith('.tmp')), `temporary blobs left: ${files.join(', ')}`);
      // Four large objects and the multipart upload's three parts are files; small bodies live in rows.
      assert.equal(files.length, 4 + 3);
    } finally {
      s3.destroy();
      await kill9(second.child);
    }
  });
});
