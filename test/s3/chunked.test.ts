// Signed aws-chunked uploads (SigV4 streaming): every chunk's signature chains from the seed signature,
// the trailer carries its own, and a tampered chunk or trailer is refused with 403 SignatureDoesNotMatch
// with nothing stored. https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// No client in this repository sends signed chunks over http (SDK v3 streams with
// STREAMING-UNSIGNED-PAYLOAD-TRAILER, boto3 and the AWS CLI v1 sign the whole payload), so these requests
// are built by hand with a signer written here, independent of Nimbus's.

import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Cloud } from '../../src/index.js';
import { signingKey } from '../../src/lib/test-credentials.js';
import { type ChunkSigning, chunkSignature } from '../../src/services/s3/chunk-signing.js';
import { startTestCloud } from '../support/helpers.js';
import { s3Client } from './helpers.js';

const DATE = '20261122T080000Z';
const SCOPE = '20261122/us-east-1/s3/aws4_request';
const SEED = 'c0ffee'.repeat(10).slice(0, 64);
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

function testKey(): Buffer {
  let key = hmac('AWS4test', '20261122');
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = hmac(key, part);
  return key;
}

interface Tamper {
  chunk?: number;
  trailerValue?: string;
  dropSignature?: boolean;
}

/** An aws-chunked body: signed chunks (and a signed trailer) when `signed`, from `seed`. */
function chunkedBody(
  pieces: Buffer[],
  options: { signed: boolean; seed?: string; trailer?: [string, string]; tamper?: Tamper },
): Buffer {
  const key = testKey();
  let previous = options.seed ?? SEED;
  const parts: Buffer[] = [];
  for (const [index, piece] of [...pieces, Buffer.alloc(0)].entries()) {
    const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', DATE, SCOPE, previous, sha(''), sha(piece)].join('\n');
    previous = hmac(key, toSign).toString('hex');
    const sent = Buffer.from(piece);
    if (options.tamper?.chunk === index) sent[0] = sent[0]! ^ 1;
    const extension = options.signed && !options.tamper?.dropSignature ? `;chunk-signature=${previous}` : '';
    parts.push(Buffer.from(`${piece.length.toString(16)}${extension}\r\n`), sent);
    if (piece.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (options.trailer) {
    const [name, value] = options.trailer;
    const canonical = `${name}:${value}\n`;
    const toSign = ['AWS4-HMAC-SHA256-TRAILER', DATE, SCOPE, previous, sha(canonical)].join('\n');
    parts.push(Buffer.from(`${name}:${options.tamper?.trailerValue ?? value}\r\n`));
    if (options.signed)
      parts.push(Buffer.from(`x-amz-trailer-signature:${hmac(key, toSign).toString('hex')}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

function signedHeaders(
  contentSha256: string,
  decodedLength: number,
  accessKey = 'test',
): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/${SCOPE}, SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length, Signature=${SEED}`,
    'x-amz-date': DATE,
    'x-amz-content-sha256': contentSha256,
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': String(decodedLength),
  };
}

describe('S3 signed aws-chunked uploads', () => {
  let cloud: Cloud;
  let s3: S3Client;
  const payload = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251));
  const pieces = [payload.subarray(0, 65_536), payload.subarray(65_536)];

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'chunks' }));
  });
  after(() => cloud.stop());

  const put = (key: string, headers: Record<string, string>, body: Buffer) =>
    fetch(`${cloud.endpoint}/chunks/${key}`, { method: 'PUT', headers, body: new Uint8Array(body) }).then(
      async (response) => ({
        status: response.status,
        text: await response.text(),
      }),
    );
  const stored = async (key: string) => {
    try {
      const got = await s3.send(
        new GetObjectCommand({ Bucket: 'chunks', Key: key, ChecksumMode: 'ENABLED' }),
      );
      return { body: Buffer.from(await got.Body!.transformToByteArray()), crc32: got.ChecksumCRC32 };
    } catch {
      return undefined;
    }
  };

  it("matches the chunk signatures of AWS's documented example (sigv4-streaming.html)", () => {
    const signing: ChunkSigning = {
      key: signingKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1', 's3'),
      date: '20130524T000000Z',
      scope: '20130524/us-east-1/s3/aws4_request',
      seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
    };
    const first = chunkSignature(signing, signing.seed, sha(Buffer.alloc(65_536, 'a')));
    assert.equal(first, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648');
    const second = chunkSignature(signing, first, sha(Buffer.alloc(1024, 'a')));
    assert.equal(second, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497');
    const final = chunkSignature(signing, second, sha(''));
    assert.equal(final, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9');
  });

  it('stores a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body whose chunk signatures chain from the seed', async () => {
    const body = chunkedBody(pieces, { signed: true });
    const response = await put(
      'signed',
      signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length),
      body,
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual((await stored('signed'))?.body, payload);
  });

  it('refuses a tampered chunk (any position, the final one too) with 403 SignatureDoesNotMatch and stores nothing', async () => {
    for (const chunk of [0, 1]) {
      const body = chunkedBody(pieces, { signed: true, tamper: { chunk } });
      const response = await put(
        `tampered-${chunk}`,
        signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length),
        body,
      );
      assert.equal(response.status, 403, response.text);
      assert.match(response.text, /<Code>SignatureDoesNotMatch<\/Code>/);
      assert.equal(await stored(`tampered-${chunk}`), undefined);
    }
    // A chain started from another seed fails at the first chunk.
    const otherSeed = chunkedBody(pieces, { signed: true, seed: 'ab'.repeat(32) });
    const response = await put(
      'other-seed',
      signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length),
      otherSeed,
    );
    assert.equal(response.status, 403);
  });

  it('answers a signed body without chunk signatures with IncompleteBody, as S3 does for broken framing', async () => {
    const body = chunkedBody(pieces, { signed: true, tamper: { dropSignature: true } });
    const response = await put(
      'unsigned-chunks',
      signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length),
      body,
    );
    assert.equal(response.status, 400);
    assert.match(response.text, /<Code>IncompleteBody<\/Code>/);
  });

  it('verifies the trailer signature of STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER and stores its checksum', async () => {
    const crc = await crc32(payload);
    const headers = {
      ...signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', payload.length),
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const ok = await put(
      'trailer',
      headers,
      chunkedBody(pieces, { signed: true, trailer: ['x-amz-checksum-crc32', crc] }),
    );
    assert.equal(ok.status, 200, ok.text);
    const object = await stored('trailer');
    assert.deepEqual(object?.body, payload);
    assert.equal(object?.crc32, crc);
    // The checksum changed after signing: the trailer signature no longer holds.
    const tampered = chunkedBody(pieces, {
      signed: true,
      trailer: ['x-amz-checksum-crc32', crc],
      tamper: { trailerValue: 'AAAAAA==' },
    });
    const refused = await put('trailer-tampered', headers, tampered);
    assert.equal(refused.status, 403, refused.text);
    assert.match(refused.text, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.equal(await stored('trailer-tampered'), undefined);
  });

  it('checks the trailing checksum of STREAMING-UNSIGNED-PAYLOAD-TRAILER (what SDK v3 sends for streams)', async () => {
    const crc = await crc32(payload);
    const headers = {
      ...signedHeaders('STREAMING-UNSIGNED-PAYLOAD-TRAILER', payload.length),
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const ok = await put(
      'unsigned-trailer',
      headers,
      chunkedBody(pieces, { signed: false, trailer: ['x-amz-checksum-crc32', crc] }),
    );
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await stored('unsigned-trailer'))?.crc32, crc);
    const bad = await put(
      'unsigned-bad',
      headers,
      chunkedBody(pieces, { signed: false, trailer: ['x-amz-checksum-crc32', 'AAAAAA=='] }),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<Code>BadDigest<\/Code>/);
  });

  it('answers a body that decodes to more or fewer bytes than x-amz-decoded-content-length with IncompleteBody', async () => {
    for (const declared of [payload.length - 1, payload.length + 1]) {
      for (const mode of ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER']) {
        const body = chunkedBody(pieces, { signed: mode.includes('HMAC') });
        const response = await put(`length-${declared}`, signedHeaders(mode, declared), body);
        assert.equal(response.status, 400, `${mode} ${declared}`);
        assert.match(response.text, /<Code>IncompleteBody<\/Code>/);
        assert.match(
          response.text,
          new RegExp(
            `<NumberBytesExpected>${declared}</NumberBytesExpected><NumberBytesProvided>${payload.length}</NumberBytesProvided>`,
          ),
        );
        assert.equal(await stored(`length-${declared}`), undefined);
      }
    }
  });

  it('verifies chunks of a presigned PUT from the URL signature, and of UploadPart', async () => {
    const url = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'chunks', Key: 'presigned' }), {
        expiresIn: 600,
      }),
    );
    const seed = url.searchParams.get('X-Amz-Signature')!;
    // The URL is signed now, with the real clock's date; the chunks must be signed with that date and scope.
    const date = url.searchParams.get('X-Amz-Date')!;
    assert.ok(date, 'presigned date');
    const [, day] = url.searchParams.get('X-Amz-Credential')!.split('/');
    const headers = {
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(payload.length),
    };
    const good = presignedChunks(pieces, seed, date, day!);
    const ok = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(good) });
    assert.equal(ok.status, 200, await ok.text());
    assert.deepEqual((await stored('presigned'))?.body, payload);
    const bad = Buffer.from(good);
    bad[bad.indexOf('\r\n') + 2] ^= 1;
    const refused = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(bad) });
    assert.equal(refused.status, 403);

    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'chunks', Key: 'parts' }));
    const partPath = `/chunks/parts?partNumber=1&uploadId=${encodeURIComponent(upload.UploadId!)}`;
    const headersForPart = signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length);
    const part = await fetch(`${cloud.endpoint}${partPath}`, {
      method: 'PUT',
      headers: headersForPart,
      body: new Uint8Array(chunkedBody(pieces, { signed: true, tamper: { chunk: 1 } })),
    });
    assert.equal(part.status, 403);
    const partOk = await fetch(`${cloud.endpoint}${partPath}`, {
      method: 'PUT',
      headers: headersForPart,
      body: new Uint8Array(chunkedBody(pieces, { signed: true })),
    });
    assert.equal(partOk.status, 200, await partOk.text());
  });

  it('decodes, unchecked, chunks signed with credentials whose secret Nimbus does not know', async () => {
    const body = chunkedBody(pieces, { signed: true, tamper: { chunk: 0 } });
    const response = await put(
      'other-key',
      signedHeaders('STREAMING-AWS4-HMAC-SHA256-PAYLOAD', payload.length, 'AKIAIOSFODNN7EXAMPLE'),
      body,
    );
    assert.equal(response.status, 200, response.text);
  });
});

/** Chunks signed from a presigned URL's signature, date and day. */
function presignedChunks(pieces: Buffer[], seed: string, date: string, day: string): Buffer {
  let key = hmac('AWS4test', day);
  for (const part of ['us-east-1', 's3', 'aws4_request']) key = hmac(key, part);
  const scope = `${day}/us-east-1/s3/aws4_request`;
  let previous = seed;
  const parts: Buffer[] = [];
  for (const piece of [...pieces, Buffer.alloc(0)]) {
    previous = hmac(
      key,
      ['AWS4-HMAC-SHA256-PAYLOAD', date, scope, previous, sha(''), sha(piece)].join('\n'),
    ).toString('hex');
    parts.push(Buffer.from(`${piece.length.toString(16)};chunk-signature=${previous}\r\n`), piece);
    if (piece.length > 0) parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

async function crc32(data: Buffer): Promise<string> {
  const { crc32: zlibCrc32 } = await import('node:zlib');
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(zlibCrc32(data) >>> 0);
  return bytes.toString('base64');
}
