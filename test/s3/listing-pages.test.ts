// Paging S3's listings the way clients loop over them: ListMultipartUploads by key and upload id markers
// (with delimiter and encoding-type), max-keys=0, and ListObjectVersions resuming after a common prefix.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  paginateListBuckets,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client } from './helpers.js';

const NO_CLI = spawnSync('aws', ['--version']).status !== 0 && 'the AWS CLI is not installed';

describe('S3 listings page by page', () => {
  let cloud: Cloud;
  let s3: S3Client;
  /** Uploads in progress: two of `a/1`, then `a/2`, `b/1`, `c d` (in creation order). */
  const UPLOAD_KEYS = ['a/1', 'a/1', 'a/2', 'b/1', 'c d'];
  const uploadIds: string[] = [];

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    for (const Key of UPLOAD_KEYS) {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key }));
      uploadIds.push(UploadId!);
      // Uploads of one key are ordered by initiation time.
      cloud.clock.advance(1000);
    }
  });
  after(() => cloud.stop());

  it('pages ListMultipartUploads with NextKeyMarker and NextUploadIdMarker, each upload once, in order', async () => {
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await s3.send(
        new ListMultipartUploadsCommand({ Bucket: 'uploads', MaxUploads: 2, KeyMarker, UploadIdMarker }),
      );
      seen.push(...(result.Uploads ?? []).map((upload) => upload.UploadId!));
      if (!result.IsTruncated) break;
      assert.ok(result.NextKeyMarker, 'a truncated page names where the next starts');
      KeyMarker = result.NextKeyMarker;
      UploadIdMarker = result.NextUploadIdMarker;
    }
    assert.deepEqual(seen, uploadIds);
  });

  it('rolls keys up into CommonPrefixes with a delimiter, and pages past a prefix without repeating it', async () => {
    const all = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads', Delimiter: '/' }));
    assert.deepEqual(
      all.CommonPrefixes?.map((p) => p.Prefix),
      ['a/', 'b/'],
    );
    assert.deepEqual(
      all.Uploads?.map((u) => u.Key),
      ['c d'],
    );
    const first = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: 'uploads', Delimiter: '/', MaxUploads: 1 }),
    );
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextKeyMarker, 'a/');
    const second = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: 'uploads', Delimiter: '/', KeyMarker: first.NextKeyMarker }),
    );
    assert.deepEqual(
      second.CommonPrefixes?.map((p) => p.Prefix),
      ['b/'],
    );
  });

  it('refuses a negative max-uploads and one beyond the integer range, each as S3 words it', async () => {
    const cases: [number, string][] = [
      [-1, 'Argument max-uploads must be an integer between 0 and 2147483647'],
      [2_157_483_647, 'Provided max-uploads not an integer or within integer range'],
    ];
    for (const [MaxUploads, message] of cases) {
      const bad = await errorOf(s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads', MaxUploads })));
      assert.equal(bad.name, 'InvalidArgument');
      assert.equal(bad.message, message);
    }
  });

  it('URL-encodes keys with encoding-type=url', async () => {
    const result = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: 'uploads', Prefix: 'c', EncodingType: 'url' }),
    );
    assert.equal(result.EncodingType, 'url');
    // As S3 encodes (a space as `+`); the SDK v3 hands the key over as sent, boto3 decodes it.
    assert.deepEqual(
      result.Uploads?.map((u) => u.Key),
      ['c+d'],
    );
  });

  it('lists every upload through the AWS CLI paginator with a small page size', {
    skip: NO_CLI,
  }, async () => {
    const result = await runProcess('aws', [
      '--endpoint-url',
      cloud.endpoint,
      's3api',
      'list-multipart-uploads',
      '--bucket',
      'uploads',
      '--page-size',
      '2',
      '--output',
      'json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { Uploads: { UploadId: string }[] };
    assert.deepEqual(
      listed.Uploads.map((u) => u.UploadId),
      uploadIds,
    );
  });

  it('answers max-keys=0 with an empty, complete page', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'object', Body: 'x' }));
    const v2 = await s3.send(new ListObjectsV2Command({ Bucket: 'uploads', MaxKeys: 0 }));
    assert.equal(v2.IsTruncated, false);
    assert.equal(v2.KeyCount, 0);
    assert.equal(v2.NextContinuationToken, undefined);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'uploads', MaxKeys: 0 }));
    assert.equal(v1.IsTruncated, false);
    assert.equal(v1.Contents, undefined);
  });

  it('resumes ListObjectVersions after a common prefix without returning it again', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'versions' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'versions', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    for (const Key of ['a', 'b/1', 'b/2', 'c']) {
      await s3.send(new PutObjectCommand({ Bucket: 'versions', Key, Body: 'x' }));
    }
    const prefixes: string[] = [];
    const keys: string[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: 'versions',
          Delimiter: '/',
          MaxKeys: 2,
          KeyMarker,
          VersionIdMarker,
        }),
      );
      prefixes.push(...(result.CommonPrefixes ?? []).map((p) => p.Prefix!));
      keys.push(...(result.Versions ?? []).map((v) => v.Key!));
      if (!result.IsTruncated) break;
      KeyMarker = result.NextKeyMarker;
      VersionIdMarker = result.NextVersionIdMarker;
    }
    assert.deepEqual(prefixes, ['b/']);
    assert.deepEqual(keys, ['a', 'c']);
  });

  it('pages ListBuckets by max-buckets and continuation token (the SDK paginator)', async () => {
    for (const name of ['page-b-1', 'page-b-2', 'page-b-3']) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    }
    const pages: string[][] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 2 }, { Prefix: 'page-b-' })) {
      pages.push((page.Buckets ?? []).map((bucket) => bucket.Name!));
    }
    assert.deepEqual(pages, [['page-b-1', 'page-b-2'], ['page-b-3']]);
    const bad = await errorOf(s3.send(new ListBucketsCommand({ MaxBuckets: 0 })));
    assert.equal(bad.name, 'InvalidArgument');
  });
});
