// A bucket deleted (it was empty) while an upload into it is still streaming: the upload ends in 404
// NoSuchBucket, and a bucket created later under the same name starts empty, as on S3.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { sigv4Header, startTestCloud } from '../support/helpers.js';
import { s3Client } from './helpers.js';

describe('S3 uploads into a bucket deleted meanwhile', () => {
  let cloud: Cloud;
  let s3: S3Client;

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
  });

  it('answers NoSuchBucket and leaves nothing for a bucket of the same name', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'short-lived' }));
    const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const url = new URL('/short-lived/object', cloud.endpoint);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, {
        method: 'PUT',
        headers: {
          'content-length': body.length,
          authorization: sigv4Header('s3'),
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the body, then the bucket goes (it is still empty), then the rest.
      // The pause lets the server look the bucket up and start streaming the body first.
      req.write(body.subarray(0, body.length / 2), async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        await s3.send(new DeleteBucketCommand({ Bucket: 'short-lived' }));
        req.end(body.subarray(body.length / 2));
      });
    });
    assert.equal(answer.status, 404);
    assert.match(answer.text, /<Code>NoSuchBucket<\/Code>/);
    await s3.send(new CreateBucketCommand({ Bucket: 'short-lived' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'short-lived' }));
    assert.equal(listed.KeyCount, 0);
  });
});
