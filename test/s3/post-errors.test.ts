// S3 POST Object with forms no SDK would make: S3's error for each malformed request (not multipart,
// not well-formed, no file, no key, fields over 20 KB, bodies over 5 GB, bad field values), anonymous
// forms, and random damage to a valid body, which must never get a server error or hang.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { kill9, startNimbusProcess, startTestCloud } from '../support/helpers.js';
import { s3Client } from './helpers.js';
import { expectError, FILENAME, post, presignedForm, signedForm } from './post-helpers.js';

let cloud: Cloud;
let s3: S3Client;
const BUCKET = 'post-errors';
const BOUNDARY = 'nimbus-form-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => cloud.stop());

/** A multipart body; the parts named in `files` carry a filename. */
function multipart(fields: [string, string][], close = true, files = ['file']): string {
  const parts = fields.map(([name, value]) => {
    const filename = files.includes(name) ? `; filename="${name}.txt"` : '';
    return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename}\r\n\r\n${value}\r\n`;
  });
  return parts.join('') + (close ? `--${BOUNDARY}--\r\n` : '');
}

/** Posts `body` as bytes (so fetch adds no Content-Type of its own); `type: null` sends none. */
function raw(body: string | Buffer, type: string | null = MULTIPART, path = `/${BUCKET}`): Promise<Response> {
  const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
  return fetch(`${cloud.endpoint}${path}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(Buffer.from(body)),
  });
}

async function keys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

const NOT_FORM = {
  Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
};
const MALFORMED = 'The body of your POST request is not well-formed multipart/form-data.';
const missingKey =
  "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.";

describe('S3 POST Object refuses malformed requests as S3 does', () => {
  it('answers 412 PreconditionFailed to a body that is not multipart/form-data', async () => {
    for (const type of ['text/html', 'multipart/mixed; boundary=x', null]) {
      await expectError(
        await raw(
          multipart([
            ['key', 'k'],
            ['file', 'x'],
          ]),
          type,
        ),
        412,
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        NOT_FORM,
      );
    }
    // An HTML form without enctype: urlencoded, as an unsigned awsQuery call would be; no Action, so S3's.
    await expectError(
      await raw('key=k&file=x', 'application/x-www-form-urlencoded'),
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      NOT_FORM,
    );
  });

  it('answers MalformedPOSTRequest to a form that does not parse', async () => {
    const cases: [string, string][] = [
      [
        'multipart/form-data',
        multipart([
          ['key', 'k'],
          ['file', 'x'],
        ]),
      ],
      [MULTIPART, 'key=k&file=x'],
      [
        MULTIPART,
        multipart(
          [
            ['key', 'k'],
            ['file', 'x'],
          ],
          false,
        ),
      ],
      [MULTIPART, ''],
      // Cut inside the file's content: busboy reports it on the file's stream, which once crashed Nimbus.
      [
        MULTIPART,
        `${multipart([['key', 'k']], false)}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nhello`,
      ],
      // The same inside a field sent as a file part (as Python's requests sends fields).
      [MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="key"; filename="key"\r\n\r\nk`],
    ];
    for (const [type, body] of cases)
      await expectError(await raw(body, type), 400, 'MalformedPOSTRequest', MALFORMED);
    assert.deepEqual(await keys(), []);
  });

  it('requires one file, and a key before it', async () => {
    await expectError(
      await raw(multipart([['key', 'k']])),
      400,
      'InvalidArgument',
      'POST requires exactly one file upload per request.',
      {
        ArgumentName: 'file',
        ArgumentValue: '0',
      },
    );
    const noKey = { ArgumentName: 'key', ArgumentValue: '' };
    await expectError(await raw(multipart([['file', 'x']])), 400, 'InvalidArgument', missingKey, noKey);
    await expectError(
      await raw(
        multipart([
          ['file', 'x'],
          ['key', 'k'],
        ]),
      ),
      400,
      'InvalidArgument',
      missingKey,
      noKey,
    );
    await expectError(
      await raw(
        multipart([
          ['key', ''],
          ['file', 'x'],
        ]),
      ),
      400,
      'InvalidArgument',
      'User key must have a length greater than 0.',
      noKey,
    );
    await expectError(
      await raw(
        multipart([
          ['key', 'k'.repeat(1025)],
          ['file', 'x'],
        ]),
      ),
      400,
      'KeyTooLongError',
      'Your key is too long',
      {
        Size: '1025',
        MaxSizeAllowed: '1024',
      },
    );
    assert.deepEqual(await keys(), []);
  });

  it('refuses fields of more than 20 KB before the file', async () => {
    const response = await raw(
      multipart([
        ['key', 'k'],
        ['x-ignore-pad', 'a'.repeat(20_480)],
        ['file', 'x'],
      ]),
    );
    await expectError(
      response,
      400,
      'MaxPostPreDataLengthExceeded',
      'Your POST request fields preceeding the upload file was too large.',
      {
        MaxPostPreDataLengthBytes: '20480',
      },
    );
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const response = await raw(
      multipart([
        ['key', 'k'],
        ['file', 'x'],
      ]),
      MULTIPART,
      '/no-such-post-bucket',
    );
    await expectError(response, 404, 'NoSuchBucket', 'The specified bucket does not exist', {
      BucketName: 'no-such-post-bucket',
    });
  });

  it('answers 405 naming the method and the resource to a form posted to an object URL', async () => {
    const response = await raw(
      multipart([
        ['key', 'k'],
        ['file', 'x'],
      ]),
      MULTIPART,
      `/${BUCKET}/some/key`,
    );
    await expectError(
      response,
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      {
        Method: 'POST',
        ResourceType: 'OBJECT',
      },
    );
  });

  it('refuses a body of more than 5 GB before reading it', async () => {
    const size = 5 * 1024 ** 3 + 1024 ** 2;
    const port = Number(new URL(cloud.endpoint).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /${BUCKET} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${MULTIPART}\r\nContent-Length: ${size}\r\n\r\n`,
        );
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('</Error>')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /<Code>EntityTooLarge<\/Code>/);
    assert.match(
      answer,
      new RegExp(`<ProposedSize>${size}</ProposedSize><MaxSizeAllowed>5368709120</MaxSizeAllowed>`),
    );
  });

  it('refuses bad object properties: storage class, tagging, checksum algorithm', async () => {
    const form = (fields: Record<string, string>) =>
      presignedForm(s3, { Bucket: BUCKET, Key: 'props', Fields: fields });
    await expectError(
      await post(await form({ 'x-amz-storage-class': 'COLD' })),
      400,
      'InvalidStorageClass',
      'The storage class you specified is not valid',
      {
        StorageClassRequested: 'COLD',
      },
    );
    await expectError(await post(await form({ tagging: 'a=1' })), 400, 'MalformedXML');
    await expectError(
      await post(await form({ 'x-amz-checksum-algorithm': 'SHA256' })),
      400,
      'InvalidRequest',
    );
    await expectError(await post(await form({ 'x-amz-checksum-algorithm': 'MD5' })), 400, 'InvalidRequest');
    assert.deepEqual(await keys(), []);
  });
});

describe('S3 POST Object forms without a policy or signature', () => {
  it('stores an anonymous form, a file sent as a text part, and fields sent as file parts', async () => {
    const response = await raw(
      multipart(
        [
          ['key', `anon/${FILENAME}`],
          ['Content-Type', 'text/x-test'],
          ['file', 'text part'],
        ],
        true,
        ['Content-Type'],
      ),
    );
    assert.equal(response.status, 204);
    // A file part without a filename leaves the variable as written (S3, 2026).
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `anon/${FILENAME}` }));
    assert.equal(head.ContentType, 'text/x-test');
    assert.equal(head.ContentLength, 'text part'.length);
  });

  it('still applies a policy sent without a signature', async () => {
    const policy = Buffer.from(
      JSON.stringify({ expiration: '2999-01-01T00:00:00Z', conditions: [{ key: 'other' }] }),
    ).toString('base64');
    await expectError(
      await raw(
        multipart([
          ['key', 'k'],
          ['policy', policy],
          ['file', 'x'],
        ]),
      ),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "other"]',
    );
  });

  it('names the first signature field a signed form lacks', async () => {
    const form = signedForm(
      cloud.endpoint,
      BUCKET,
      { key: 'k' },
      { expiration: '2999-01-01T00:00:00Z', conditions: [] },
    );
    const missing = async (name: string, expected: string) => {
      await expectError(
        await post(form, undefined, { change: { [name]: undefined } }),
        400,
        'InvalidArgument',
        `Bucket POST must contain a field named '${expected}'.  If it is specified, please check the order of the fields.`,
        { ArgumentName: expected, ArgumentValue: '' },
      );
    };
    await missing('policy', 'policy');
    await missing('x-amz-algorithm', 'X-Amz-Algorithm');
    await missing('x-amz-date', 'X-Amz-Date');
  });
});

describe('S3 POST Object under random damage', () => {
  it('never answers a damaged form with a server error, and never hangs', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: `fuzz/${FILENAME}` });
    const fields = Object.entries(form.fields);
    const valid = Buffer.from(
      multipart([...fields, ['file', 'fuzzed file content '.repeat(50)], ['submit', 'Upload']]),
    );
    let seed = 20261122;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const statuses = new Set<number>();
    // Where the part headers are: damage there reaches the parser's header handling.
    const headerAt = [...valid.toString('latin1').matchAll(/Content-Disposition[^\r]*/g)].map(
      (m) => m.index!,
    );
    const words = ['name=', 'filename=', '"', ';', '\r\n', 'form-data', 'file', ''];
    for (let round = 0; round < 120; round++) {
      const body = Buffer.from(valid);
      const kind = round % 5;
      let damaged: Buffer;
      if (kind === 0) damaged = body.subarray(0, Math.floor(next() * body.length));
      else if (kind === 1) {
        for (let i = 0; i < 1 + next() * 20; i++)
          body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
        damaged = body;
      } else if (kind === 2) {
        const at = Math.floor(next() * body.length);
        damaged = Buffer.concat([
          body.subarray(0, at),
          Buffer.from(`\r\n--${BOUNDARY}\r\n`),
          body.subarray(at),
        ]);
      } else if (kind === 3) {
        const at = headerAt[Math.floor(next() * headerAt.length)]! + Math.floor(next() * 45);
        const cut = Math.floor(next() * 12);
        const word = words[Math.floor(next() * words.length)]!;
        damaged = Buffer.concat([body.subarray(0, at), Buffer.from(word), body.subarray(at + cut)]);
      } else
        damaged = Buffer.from(
          Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 256)),
        );
      const type = round % 7 === 0 ? `multipart/form-data; boundary="${BOUNDARY}"` : MULTIPART;
      const response = await raw(damaged, type);
      await response.text();
      assert.ok(response.status < 500, `round ${round}: ${response.status}`);
      statuses.add(response.status);
    }
    assert.ok(statuses.has(400), [...statuses].join());
  });

  it('stores nothing from a client that goes away in the middle of the file', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'cut-short' });
    const head = Buffer.from(
      multipart(Object.entries(form.fields), false) +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n`,
    );
    const port = Number(new URL(cloud.endpoint).port);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /${BUCKET} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${MULTIPART}\r\nContent-Length: ${head.length + 1_000_000}\r\n\r\n`,
        );
        socket.write(head);
        socket.write(Buffer.alloc(300_000, 7), () => setTimeout(() => socket.destroy(), 50));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => {});
    });
    // The cloud still answers, and the cut-short upload is nowhere.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await post(await presignedForm(s3, { Bucket: BUCKET, Key: 'after-cut' }))).status, 204);
    assert.ok(!(await keys()).includes('cut-short'));
  });

  it('survives forms cut short inside a part, as the `nimbus start` process', async () => {
    // In the test process node:test's harness would swallow an unheard stream error; a real server dies of
    // it. So this runs the CLI and checks it still answers after each form.
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-post-cut-'));
    const { child, endpoint } = await startNimbusProcess(dataDir);
    try {
      const cli = s3Client(endpoint);
      await cli.send(new CreateBucketCommand({ Bucket: 'cut' }));
      const forms = [
        `${multipart([['key', 'k']], false)}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nhello`,
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="key"; filename="key"\r\n\r\nk`,
        `${multipart([['key', 'k']], false)}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\nhello\r\n--${BOUNDARY}`,
      ];
      for (const form of forms) {
        const response = await fetch(`${endpoint}/cut`, {
          method: 'POST',
          headers: { 'content-type': MULTIPART },
          body: new Uint8Array(Buffer.from(form)),
        });
        assert.ok([400, 204].includes(response.status), `${response.status} ${await response.text()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(child.exitCode, null, 'nimbus exited');
        await cli.send(new HeadBucketCommand({ Bucket: 'cut' }));
      }
      cli.destroy();
    } finally {
      await kill9(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
