// S3 buckets and objects through the AWS SDK v3: create/list/delete buckets, put/get/head/delete objects,
// ranges, conditional requests, metadata, copies and listings.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { rawRequest, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

let cloud: Cloud;
let s3: S3Client;

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud);
});
after(async () => {
  s3.destroy();
  await cloud.stop();
});

export function s3Client(target: Cloud, region = 'us-east-1'): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region,
    credentials: TEST_CREDENTIALS,
    forcePathStyle: true,
  });
}

async function rejects(
  promise: Promise<unknown>,
  code: string | undefined,
  status?: number,
): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof S3ServiceException, String(error));
    if (code !== undefined) assert.equal(error.name, code, error.message);
    if (status !== undefined) assert.equal(error.$metadata.httpStatusCode, status);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('S3 buckets', () => {
  it('creates, heads, lists, locates and deletes buckets', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' }));
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.ok(listed.Buckets?.some((bucket) => bucket.Name === 'alpha-bucket'));
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(location.LocationConstraint, undefined);
    await s3.send(new DeleteBucketCommand({ Bucket: 'alpha-bucket' }));
    await rejects(s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' })), 'NotFound', 404);
  });

  it('creates a bucket in the region its LocationConstraint names', async () => {
    const eu = s3Client(cloud, 'eu-west-1');
    await eu.send(
      new CreateBucketCommand({
        Bucket: 'eu-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    const location = await eu.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
    assert.equal(location.LocationConstraint, 'eu-west-1');
    await rejects(
      eu.send(
        new CreateBucketCommand({
          Bucket: 'eu-bucket-2',
          CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
        }),
      ),
      'IllegalLocationConstraintException',
      400,
    );
    eu.destroy();
  });

  it('refuses invalid bucket names and deleting a bucket that is not empty', async () => {
    await rejects(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), 'InvalidBucketName', 400);
    await rejects(s3.send(new CreateBucketCommand({ Bucket: 'ab' })), 'InvalidBucketName', 400);
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    await rejects(s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })), 'BucketNotEmpty', 409);
    await rejects(s3.send(new GetObjectCommand({ Bucket: 'absent-bucket', Key: 'k' })), 'NoSuchBucket', 404);
  });
});

describe('S3 objects', () => {
  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
  });

  it('puts and gets an object with its ETag, metadata and Content-* headers', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'dir/hello.txt',
        Body: 'hello world',
        ContentType: 'text/plain',
        CacheControl: 'max-age=60',
        ContentDisposition: 'inline',
        Metadata: { colour: 'blue' },
        StorageClass: 'STANDARD_IA',
      }),
    );
    assert.equal(put.ETag, '"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dir/hello.txt' }));
    assert.equal(await got.Body?.transformToString(), 'hello world');
    assert.equal(got.ETag, put.ETag);
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.CacheControl, 'max-age=60');
    assert.equal(got.ContentDisposition, 'inline');
    assert.equal(got.ContentLength, 11);
    assert.deepEqual(got.Metadata, { colour: 'blue' });
    assert.equal(got.StorageClass, 'STANDARD_IA');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dir/hello.txt' }));
    assert.equal(head.ContentLength, 11);
    assert.equal(head.ETag, put.ETag);
  });

  it('answers NoSuchKey with the XML error body, and a bare 404 to HEAD', async () => {
    const error = await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'missing' })),
      'NoSuchKey',
      404,
    );
    assert.equal(error.message, 'The specified key does not exist.');
    await rejects(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'missing' })), 'NotFound', 404);
    const raw = await rawRequest(cloud, { method: 'GET', path: '/objects/missing' });
    assert.equal(raw.status, 404);
    assert.match(
      raw.text,
      /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>missing<\/Key><RequestId>/,
    );
  });

  it('serves byte ranges, partNumber 1 and response-* overrides', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digits', Body: '0123456789' }));
    const range = await s3.send(
      new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=2-5' }),
    );
    assert.equal(await range.Body?.transformToString(), '2345');
    assert.equal(range.ContentRange, 'bytes 2-5/10');
    const suffix = await s3.send(
      new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=-3' }),
    );
    assert.equal(await suffix.Body?.transformToString(), '789');
    const open = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=8-' }));
    assert.equal(await open.Body?.transformToString(), '89');
    await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=20-30' })),
      'InvalidRange',
      416,
    );
    const overridden = await s3.send(
      new GetObjectCommand({
        Bucket: 'objects',
        Key: 'digits',
        ResponseContentType: 'application/x-test',
        ResponseCacheControl: 'no-cache',
      }),
    );
    assert.equal(overridden.ContentType, 'application/x-test');
    assert.equal(overridden.CacheControl, 'no-cache');
    const part = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', PartNumber: 1 }));
    assert.equal(await part.Body?.transformToString(), '0123456789');
  });

  it('honours If-Match, If-None-Match and the modified-since conditions', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'cond', Body: 'c' }));
    await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: '"nope"' })),
      'PreconditionFailed',
      412,
    );
    await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfNoneMatch: ETag })),
      undefined,
      304,
    );
    const matched = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: ETag }));
    assert.equal(await matched.Body?.transformToString(), 'c');
    const future = new Date(cloud.clock.now() + 3_600_000);
    await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfModifiedSince: future })),
      undefined,
      304,
    );
    await rejects(
      s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfUnmodifiedSince: new Date(0) })),
      'PreconditionFailed',
      412,
    );
  });

  it('writes only when absent with If-None-Match: *', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: '1', IfNoneMatch: '*' }));
    await rejects(
      s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'once', Body: '2', IfNoneMatch: '*' })),
      'PreconditionFailed',
      412,
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'once' }));
    assert.equal(await got.Body?.transformToString(), '1');
  });

  it('refuses keys over 1,024 bytes', async () => {
    await rejects(
      s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'k'.repeat(1025), Body: 'x' })),
      'KeyTooLongError',
      400,
    );
  });

  it('copies objects, keeping or replacing metadata, with copy-source conditions', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'src',
        Body: 'source',
        Metadata: { a: '1' },
        ContentType: 'text/x',
      }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: 'objects', Key: 'copy', CopySource: 'objects/src' }),
    );
    assert.equal(copied.CopyObjectResult?.ETag, '"36cd38f49b9afa08222c0dc9ebfe35eb"');
    const kept = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'copy' }));
    assert.deepEqual(kept.Metadata, { a: '1' });
    assert.equal(kept.ContentType, 'text/x');
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'objects',
        Key: 'copy2',
        CopySource: 'objects/src',
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
      }),
    );
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'copy2' }));
    assert.deepEqual(replaced.Metadata, { b: '2' });
    await rejects(
      s3.send(
        new CopyObjectCommand({
          Bucket: 'objects',
          Key: 'copy3',
          CopySource: 'objects/src',
          CopySourceIfMatch: '"x"',
        }),
      ),
      'PreconditionFailed',
      412,
    );
    await rejects(
      s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'src', CopySource: 'objects/src' })),
      'InvalidRequest',
      400,
    );
  });

  it('deletes one object and many', async () => {
    for (const key of ['d1', 'd2', 'd3'])
      await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: key, Body: key }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'd1' }));
    await rejects(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'd1' })), 'NoSuchKey');
    const many = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'objects',
        Delete: { Objects: [{ Key: 'd2' }, { Key: 'd3' }, { Key: 'never' }] },
      }),
    );
    assert.deepEqual(many.Deleted?.map((d) => d.Key).sort(), ['d2', 'd3', 'never']);
  });
});

describe('S3 listings', () => {
  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    const keys = ['a.txt', 'b/1.txt', 'b/2.txt', 'c/x/1', 'c/y', 'd e+f', 'z'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
  });

  it('lists with prefix, delimiter, start-after and continuation tokens', async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
    assert.deepEqual(
      all.Contents?.map((o) => o.Key),
      ['a.txt', 'b/1.txt', 'b/2.txt', 'c/x/1', 'c/y', 'd e+f', 'z'],
    );
    assert.equal(all.KeyCount, 7);
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(
      grouped.Contents?.map((o) => o.Key),
      ['a.txt', 'd e+f', 'z'],
    );
    assert.deepEqual(
      grouped.CommonPrefixes?.map((p) => p.Prefix),
      ['b/', 'c/'],
    );
    const nested = await s3.send(
      new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'c/', Delimiter: '/' }),
    );
    assert.deepEqual(
      nested.Contents?.map((o) => o.Key),
      ['c/y'],
    );
    assert.deepEqual(
      nested.CommonPrefixes?.map((p) => p.Prefix),
      ['c/x/'],
    );
    const later = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'c/y' }));
    assert.deepEqual(
      later.Contents?.map((o) => o.Key),
      ['d e+f', 'z'],
    );
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token, Delimiter: '/' }),
      );
      keys.push(
        ...(page.Contents ?? []).map((o) => o.Key!),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
      token = page.NextContinuationToken;
      if (page.IsTruncated) assert.ok(token);
    } while (token);
    assert.deepEqual(keys.sort(), ['a.txt', 'b/', 'c/', 'd e+f', 'z']);
  });

  it('URL-encodes keys with encoding-type=url, and lists with v1 markers', async () => {
    const encoded = await s3.send(
      new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'd', EncodingType: 'url' }),
    );
    assert.deepEqual(
      encoded.Contents?.map((o) => o.Key),
      ['d+e%2Bf'],
    );
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: 'c/y', MaxKeys: 1 }));
    assert.deepEqual(
      v1.Contents?.map((o) => o.Key),
      ['d e+f'],
    );
    assert.equal(v1.IsTruncated, true);
  });
});
