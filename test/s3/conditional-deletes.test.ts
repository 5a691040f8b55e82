// Conditional deletes (If-Match on DeleteObject, <ETag> in DeleteObjects), DeleteObjects' answers in a
// versioned bucket, and the validators a 304 Not Modified carries.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { sigv4Header, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client } from './helpers.js';

describe('S3 conditional deletes and DeleteObjects answers', () => {
  let cloud: Cloud;
  let s3: S3Client;
  let counter = 0;
  const put = async (Bucket: string, Key: string) =>
    (await s3.send(new PutObjectCommand({ Bucket, Key, Body: `body ${++counter}` }))).ETag!;
  const exists = async (Bucket: string, Key: string) => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket, Key }));
      return true;
    } catch {
      return false;
    }
  };

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }),
    );
  });
  after(() => cloud.stop());

  it('DeleteObject with If-Match deletes only the object with that ETag', async () => {
    const etag = await put('plain', 'doc');
    const stale = await errorOf(
      s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'doc', IfMatch: '"0123"' })),
    );
    assert.equal(stale.name, 'PreconditionFailed');
    assert.equal(stale.$metadata.httpStatusCode, 412);
    assert.equal(await exists('plain', 'doc'), true);
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'doc', IfMatch: etag }));
    assert.equal(await exists('plain', 'doc'), false);
  });

  it('DeleteObject with If-Match of a missing key is NoSuchKey; If-Match: * needs the object to exist', async () => {
    const missing = await errorOf(
      s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'gone', IfMatch: '*' })),
    );
    assert.equal(missing.name, 'NoSuchKey');
    assert.equal(missing.$metadata.httpStatusCode, 404);
    await put('plain', 'any');
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'any', IfMatch: '*' }));
    assert.equal(await exists('plain', 'any'), false);
  });

  it('DeleteObjects checks each entry ETag and reports a mismatch as that entry error', async () => {
    const etagA = await put('plain', 'a');
    await put('plain', 'b');
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'plain',
        Delete: {
          Objects: [
            { Key: 'a', ETag: etagA },
            { Key: 'b', ETag: '"not-its-etag"' },
          ],
        },
      }),
    );
    assert.deepEqual(
      result.Deleted?.map((d) => d.Key),
      ['a'],
    );
    assert.deepEqual(
      result.Errors?.map((e) => [e.Key, e.Code]),
      [['b', 'PreconditionFailed']],
    );
    assert.equal(await exists('plain', 'b'), true);
  });

  it('DeleteObjects deletes a key named twice once, and names the delete marker it removes', async () => {
    await put('versioned', 'twice');
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'versioned',
        Delete: { Objects: [{ Key: 'twice' }, { Key: 'twice' }] },
      }),
    );
    assert.equal(result.Deleted?.length, 1);
    const markerId = result.Deleted![0]!.DeleteMarkerVersionId!;
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', Prefix: 'twice' }));
    assert.equal(versions.DeleteMarkers?.length, 1);
    const removed = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'versioned',
        Delete: { Objects: [{ Key: 'twice', VersionId: markerId }] },
      }),
    );
    assert.deepEqual(removed.Deleted, [
      { Key: 'twice', VersionId: markerId, DeleteMarker: true, DeleteMarkerVersionId: markerId },
    ]);
    assert.equal(await exists('versioned', 'twice'), true);
  });

  it('answers 304 Not Modified with the object ETag and Last-Modified', async () => {
    const etag = await put('plain', 'cached');
    const conditions: Record<string, string>[] = [
      { 'if-none-match': etag },
      { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' },
    ];
    for (const condition of conditions) {
      const response = await fetch(`${cloud.endpoint}/plain/cached`, {
        headers: { authorization: sigv4Header('s3'), ...condition },
      });
      assert.equal(response.status, 304);
      assert.equal(response.headers.get('etag'), etag);
      assert.match(response.headers.get('last-modified') ?? '', /GMT$/);
    }
  });
});
