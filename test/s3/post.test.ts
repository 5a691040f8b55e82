// S3 POST Object (browser-form uploads) through the forms web apps make with @aws-sdk/s3-presigned-post
// and Node's fetch: the answers (204, 200, 201 with <PostResponse>, 303 to a redirect), `${filename}`,
// what the object keeps, virtual-hosted buckets, a large upload, versions, tags, checksums, CORS and the
// `s3:ObjectCreated:Post` notification. Policies and signatures: s3-post-policy.test.ts.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutBucketVersioningCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { s3Client, sendEventsToQueue } from './helpers.js';
import { expectError, FILENAME, post, presignedForm } from './post-helpers.js';

let cloud: Cloud;
let s3: S3Client;
let sqs: SQSClient;
const BUCKET = 'post-uploads';

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud.endpoint);
  sqs = sqsClient(cloud);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => cloud.stop());

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
const body = async (key: string, bucket = BUCKET) =>
  Buffer.from(
    await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray(),
  );

describe('S3 POST Object answers', () => {
  it('stores the file and answers 204 with the ETag and the object URL', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'plain/one.txt' });
    const response = await post(form, new Blob(['hello, form']));
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.equal(response.headers.get('etag'), `"${md5('hello, form')}"`);
    assert.equal(response.headers.get('location'), `${cloud.endpoint}/${BUCKET}/plain%2Fone.txt`);
    assert.equal(response.headers.get('x-amz-server-side-encryption'), 'AES256');
    // S3's default checksum, as for a PUT without one.
    assert.equal(response.headers.get('x-amz-checksum-type'), 'FULL_OBJECT');
    assert.ok(response.headers.get('x-amz-checksum-crc64nvme'));
    assert.equal((await body('plain/one.txt')).toString(), 'hello, form');
  });

  it('answers success_action_status 200 empty and 201 with a PostResponse document', async () => {
    for (const [status, expected] of [
      ['200', 200],
      ['201', 201],
      ['404', 204],
    ] as const) {
      const key = `status/${status}`;
      const form = await presignedForm(s3, {
        Bucket: BUCKET,
        Key: key,
        Fields: { success_action_status: status },
      });
      const response = await post(form, new Blob(['abc']));
      assert.equal(response.status, expected);
      const text = await response.text();
      if (expected !== 201) {
        assert.equal(text, '');
        continue;
      }
      assert.equal(response.headers.get('content-type'), 'application/xml');
      const location = `${cloud.endpoint}/${BUCKET}/status%2F201`;
      assert.equal(
        text,
        '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
          `<Location>${location}</Location><Bucket>${BUCKET}</Bucket><Key>${key}</Key>` +
          `<ETag>"${md5('abc')}"</ETag></PostResponse>`,
      );
    }
  });

  it('redirects with 303 to success_action_redirect (or redirect) with bucket, key and etag', async () => {
    const target = 'https://app.example/done?from=form';
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'redirect/a b.txt',
      Fields: { success_action_redirect: target },
    });
    const response = await post(form, new Blob(['r']));
    assert.equal(response.status, 303);
    const etag = encodeURIComponent(`"${md5('r')}"`);
    assert.equal(
      response.headers.get('location'),
      `${target}&bucket=${BUCKET}&key=redirect%2Fa+b.txt&etag=${etag}`,
    );
    const old = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'redirect/old',
      Fields: { redirect: 'http://x.test/ok' },
    });
    const legacy = await post(old, new Blob(['r']));
    assert.equal(legacy.status, 303);
    assert.match(
      legacy.headers.get('location')!,
      /^http:\/\/x\.test\/ok\?bucket=post-uploads&key=redirect%2Fold&etag=/,
    );
    // "If Amazon S3 cannot interpret the URL, it acts as if the field is not present."
    const relative = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'redirect/rel',
      Fields: { redirect: '/done' },
    });
    assert.equal((await post(relative, new Blob(['r']))).status, 204);
  });

  it('replaces the filename variable with the name of the file after its last slash or backslash', async () => {
    // The conditions see the values after the replacement.
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: `named/${FILENAME}`,
      Conditions: [['eq', '$x-amz-meta-origin', 'from photo.jpg']],
    });
    const response = await post(form, new Blob(['photo']), {
      filename: 'C:\\Users\\me\\photo.jpg',
      change: { 'x-amz-meta-origin': `from ${FILENAME}` },
    });
    assert.equal(response.status, 204);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'named/photo.jpg' }));
    assert.deepEqual(head.Metadata, { origin: 'from photo.jpg' });
  });

  it('keeps Content-Type, Cache-Control, Content-Disposition, Expires and x-amz-meta-* for GetObject and HeadObject', async () => {
    const fields = {
      'Content-Type': 'image/png',
      'Cache-Control': 'max-age=60',
      'Content-Disposition': 'attachment; filename="a.png"',
      Expires: 'Wed, 21 Oct 2037 07:28:00 GMT',
      'x-amz-meta-Owner': 'Ada',
      'x-amz-storage-class': 'STANDARD_IA',
    };
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'props/a.png', Fields: fields });
    assert.equal((await post(form, new Blob([Buffer.from([137, 80, 78, 71])]))).status, 204);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'props/a.png' }));
    assert.equal(head.ContentType, 'image/png');
    assert.equal(head.CacheControl, 'max-age=60');
    assert.equal(head.ContentDisposition, 'attachment; filename="a.png"');
    assert.equal(head.ExpiresString, 'Wed, 21 Oct 2037 07:28:00 GMT');
    assert.deepEqual(head.Metadata, { owner: 'Ada' });
    assert.equal(head.StorageClass, 'STANDARD_IA');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'props/a.png' }));
    assert.equal(got.ContentType, 'image/png');
    assert.deepEqual([...(await got.Body!.transformToByteArray())], [137, 80, 78, 71]);
  });

  it('stores the tags of the tagging field', async () => {
    const tagging = '<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>';
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'tagged', Fields: { tagging } });
    assert.equal((await post(form)).status, 204);
    const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged' }));
    assert.deepEqual(TagSet, [{ Key: 'team', Value: 'web' }]);
  });

  it('gives each upload to a versioned bucket a version id', async () => {
    const bucket = 'post-versions';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const form = await presignedForm(s3, { Bucket: bucket, Key: 'doc' });
    const first = await post(form, new Blob(['v1']));
    const second = await post(form, new Blob(['v2']));
    const [v1, v2] = [first.headers.get('x-amz-version-id'), second.headers.get('x-amz-version-id')];
    assert.ok(v1 && v2 && v1 !== v2);
    const old = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc', VersionId: v1 }));
    assert.equal(await old.Body!.transformToString(), 'v1');
    assert.equal((await body('doc', bucket)).toString(), 'v2');
  });

  it('takes a form posted to a virtual-hosted bucket and locates the object there', async () => {
    const port = new URL(cloud.endpoint).port;
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'virtual/v.txt',
      Fields: { success_action_status: '201' },
    });
    const encoded = new Response(formData(form.fields, 'virtual'));
    const payload = Buffer.from(await encoded.arrayBuffer());
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const host = `${BUCKET}.localhost:${port}`;
      const headers = {
        host,
        'content-type': encoded.headers.get('content-type')!,
        'content-length': payload.length,
      };
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(payload);
    });
    assert.equal(answer.status, 201, answer.text);
    assert.match(
      answer.text,
      new RegExp(`<Location>http://${BUCKET}\\.localhost:${port}/virtual%2Fv\\.txt</Location>`),
    );
    assert.equal((await body('virtual/v.txt')).toString(), 'virtual');
  });

  it('streams a 20 MiB file to its object byte for byte', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE((i * 2654435761) >>> 0, i);
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'big.bin',
      Conditions: [['content-length-range', 1, 64 * 1024 * 1024]],
    });
    const response = await post(form, new Blob([big]), { filename: 'big.bin' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('etag'), `"${md5(big)}"`);
    const back = await body('big.bin');
    assert.equal(back.length, big.length);
    assert.ok(back.equals(big), 'bytes differ');
  });

  it('checks a sha256 checksum field and returns it with the object', async () => {
    const content = Buffer.from('checked content');
    const sha256 = createHash('sha256').update(content).digest('base64');
    const good = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'sum',
      Fields: { 'x-amz-checksum-sha256': sha256 },
    });
    const response = await post(good, new Blob([content]));
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('x-amz-checksum-sha256'), sha256);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'sum', ChecksumMode: 'ENABLED' }),
    );
    assert.equal(head.ChecksumSHA256, sha256);
    const bad = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'sum-bad',
      Fields: { 'x-amz-checksum-sha256': createHash('sha256').update('other').digest('base64') },
    });
    await expectError(
      await post(bad, new Blob([content])),
      400,
      'BadDigest',
      'The SHA256 you specified did not match the calculated checksum.',
    );
  });

  it('checks Content-MD5 and a CRC32 named by x-amz-checksum-algorithm', async () => {
    const content = Buffer.from('integrity');
    const digest = createHash('md5').update(content).digest('base64');
    const md5Form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'md5',
      Fields: { 'Content-MD5': digest },
    });
    assert.equal((await post(md5Form, new Blob([content]))).status, 204);
    await expectError(
      await post(md5Form, new Blob(['tampered'])),
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    );
    const fields = { 'x-amz-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': 'XB69hg==' };
    const crcForm = await presignedForm(s3, { Bucket: BUCKET, Key: 'crc32', Fields: fields });
    const response = await post(crcForm, new Blob([content]));
    assert.equal(response.status, 204, await response.clone().text());
    assert.equal(response.headers.get('x-amz-checksum-crc32'), 'XB69hg==');
  });

  it('returns non-ASCII metadata RFC 2047-encoded, as S3 does', async () => {
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'unicode',
      Conditions: [
        ['starts-with', '$x-amz-meta-title', ''],
        ['starts-with', '$x-amz-meta-raw', ''],
      ],
    });
    const change = { 'x-amz-meta-title': 'ÄMÄZÕÑ S3', 'x-amz-meta-raw': '\u0000\u0001\u0002\u0003\u0004' };
    assert.equal((await post(form, undefined, { change })).status, 204);
    const head = await fetch(`${cloud.endpoint}/${BUCKET}/unicode`, { method: 'HEAD' });
    assert.equal(head.headers.get('x-amz-meta-title'), '=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=');
    assert.equal(head.headers.get('x-amz-meta-raw'), '=?UTF-8?B?AAECAwQ=?=');
  });

  it("answers a browser's POST with the bucket's CORS headers, errors included", async () => {
    const bucket = 'post-cors';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: ['https://app.example'], AllowedMethods: ['POST'] }],
        },
      }),
    );
    const form = await presignedForm(s3, { Bucket: bucket, Key: 'from-browser' });
    const headers = { origin: 'https://app.example' };
    const ok = await post(form, undefined, { headers });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example');
    const refused = await post(form, undefined, { headers, change: { key: 'elsewhere' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://app.example');
  });

  it('sends s3:ObjectCreated:Post to a queue', async () => {
    const bucket = 'post-events';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const queue = await sendEventsToQueue(s3, sqs, bucket, 'post-events-queue', ['s3:ObjectCreated:Post']);
    await receiveMessages(sqs, queue, 1); // the s3:TestEvent
    const form = await presignedForm(s3, { Bucket: bucket, Key: `incoming/${FILENAME}` });
    assert.equal((await post(form, new Blob(['event body']), { filename: 'report 1.csv' })).status, 204);
    const [message] = await receiveMessages(sqs, queue, 1);
    assert.ok(message, 'no notification');
    const [record] = JSON.parse(message.Body!).Records;
    assert.equal(record.eventName, 'ObjectCreated:Post');
    assert.equal(record.eventSource, 'aws:s3');
    assert.equal(record.s3.bucket.name, bucket);
    assert.equal(record.s3.object.key, 'incoming/report+1.csv');
    assert.equal(record.s3.object.size, 10);
    assert.equal(record.s3.object.eTag, md5('event body'));
    assert.equal(record.userIdentity.principalId, 'test');
  });
});

function formData(fields: Record<string, string>, file: string): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  data.append('file', new Blob([file]), 'v.txt');
  return data;
}
