// S3 at the edge: which unsigned requests it takes, its XML error shape on the wire, and a seeded fuzz of
// methods, paths, subresources, headers and bodies that must never produce a 5xx (501 aside) or a hang.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type Cloud, startCloud } from '../../src/index.js';
import { random, rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

let cloud: Cloud;

before(async () => {
  cloud = await startTestCloud();
});
after(() => cloud.stop());

describe('S3 at the edge', () => {
  it('takes unsigned bucket paths but leaves a bare / and awsQuery requests to the others', async () => {
    const bucket = await rawRequest(cloud, { method: 'GET', path: '/no-such-bucket' });
    assert.equal(bucket.status, 404);
    assert.match(bucket.text, /<Code>NoSuchBucket<\/Code>.*<BucketName>no-such-bucket<\/BucketName>/);
    assert.ok(bucket.headers.get('x-amz-request-id'));
    // A bare unsigned / names no service: S3 leaves it, and the edge says what would name one.
    const bare = await rawRequest(cloud, { method: 'GET', path: '/' });
    assert.equal(bare.status, 400);
    assert.match(bare.text, /<Code>UnrecognizedService<\/Code>/);
    const query = await rawRequest(cloud, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues',
    });
    // SQS took it (and refuses it unauthenticated), not S3.
    assert.match(query.text, /<Code>MissingAuthenticationToken<\/Code>/);
    const signedElsewhere = await rawRequest(cloud, {
      method: 'GET',
      path: '/some-bucket',
      headers: { authorization: sigv4Header('glue') },
    });
    assert.equal(signedElsewhere.status, 501);
  });

  it('answers a method S3 has no operation for with 405 MethodNotAllowed', async () => {
    const response = await rawRequest(cloud, { method: 'PATCH', path: '/bucket/key', body: 'x' });
    assert.equal(response.status, 405);
    assert.match(response.text, /<Code>MethodNotAllowed<\/Code>/);
  });

  it('refuses a PUT declaring more than 5 GiB with EntityTooLarge before reading it', async () => {
    await rawRequest(cloud, { method: 'PUT', path: '/large-bucket' });
    const response = await rawRequest(cloud, {
      method: 'PUT',
      path: '/large-bucket/huge',
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': String(6 * 1024 ** 3),
      },
      body: '0\r\n\r\n',
    });
    assert.equal(response.status, 400);
    assert.match(response.text, /<Code>EntityTooLarge<\/Code>.*<MaxSizeAllowed>5368709120<\/MaxSizeAllowed>/);
  });

  it('answers malformed XML payloads with MalformedXML', async () => {
    await rawRequest(cloud, { method: 'PUT', path: '/xml-bucket' });
    for (const body of [
      '<Delete><Object>',
      '<!DOCTYPE x [<!ENTITY a "b">]><Delete/>',
      'not xml',
      '<Delete></Oops>',
    ]) {
      const response = await rawRequest(cloud, { method: 'POST', path: '/xml-bucket?delete', body });
      assert.equal(response.status, 400, body);
      assert.match(response.text, /<Code>MalformedXML<\/Code>/, body);
    }
  });

  it('drops an upload whose client goes away mid-body, without an internal error or a stored object', async () => {
    const logged: string[] = [];
    const quiet = await startCloud({ port: 0, inMemory: true, log: (line) => logged.push(line) });
    try {
      await rawRequest(quiet, { method: 'PUT', path: '/abandoned' });
      const url = new URL('/abandoned/partial', quiet.endpoint);
      const upload = httpRequest(url, { method: 'PUT', headers: { 'content-length': String(1024 * 1024) } });
      upload.on('error', () => {});
      upload.write(Buffer.alloc(200 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 100));
      upload.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const got = await rawRequest(quiet, { method: 'GET', path: '/abandoned/partial' });
      assert.equal(got.status, 404);
      assert.deepEqual(logged, []);
    } finally {
      await quiet.stop();
    }
  });

  it('never answers random S3 requests with a server error', async () => {
    const next = random(20261122);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const methods = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS'];
    const buckets = ['fuzz-bucket', 'Bad_Bucket', 'a', 'x'.repeat(70), '%ZZ', 'fuzz-bucket.with.dots', '..'];
    const keys = ['', 'k', 'a/b/c', '%2F%2F', 'k'.repeat(1100), '%E2%82%AC', '%', 'a%00b', 'dir/'];
    const queries = [
      '',
      '?uploads',
      '?uploadId=nope',
      '?partNumber=0&uploadId=x',
      '?partNumber=abc&uploadId=x',
      '?list-type=2&max-keys=-1',
      '?list-type=2&continuation-token=%%%',
      '?versions&max-keys=abc',
      '?tagging',
      '?versioning',
      '?delete',
      '?cors',
      '?lifecycle',
      '?notification',
      '?policy',
      '?acl',
      '?restore',
      '?location',
      '?encoding-type=bogus',
      '?X-Amz-Date=bad&X-Amz-Expires=1',
    ];
    const headerSets: Record<string, string>[] = [
      {},
      { range: 'bytes=5-1' },
      { range: 'bytes=999999-' },
      { range: 'lines=1-2' },
      { 'content-md5': 'bad' },
      { 'x-amz-checksum-crc32': '!!!' },
      { 'x-amz-checksum-sha256': 'AAAA', 'x-amz-checksum-crc32': 'AAAAAA==' },
      { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' },
      { 'x-amz-copy-source': '/nowhere' },
      { 'x-amz-copy-source': 'fuzz-bucket/k', 'x-amz-metadata-directive': 'SIDEWAYS' },
      { 'if-none-match': 'etag' },
      { 'x-amz-storage-class': 'COLD' },
      { 'x-amz-tagging': 'a=1&a=2' },
      { origin: 'https://x.test', 'access-control-request-method': 'GET' },
    ];
    const bodies = [
      '',
      'x',
      '<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>',
      'zz\r\n',
      '<a>&bogus;</a>',
    ];
    await rawRequest(cloud, { method: 'PUT', path: '/fuzz-bucket' });
    await rawRequest(cloud, { method: 'PUT', path: '/fuzz-bucket/k', body: 'hello' });
    for (let i = 0; i < 400; i++) {
      const method = pick(methods);
      const key = pick(keys);
      const path = `/${pick(buckets)}${key === '' ? '' : `/${key}`}${pick(queries)}`;
      const headers = { ...pick(headerSets) };
      const body = method === 'GET' || method === 'HEAD' ? undefined : pick(bodies);
      const response = await rawRequest(cloud, { method, path, headers, body });
      assert.ok(
        response.status < 500 || response.status === 501,
        `${method} ${path} ${JSON.stringify(headers)} → ${response.status} ${response.text}`,
      );
    }
  });
});
