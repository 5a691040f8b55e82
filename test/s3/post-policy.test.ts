// S3 POST Object policies and signatures, with forms from @aws-sdk/s3-presigned-post and forms signed by
// hand: exact and starts-with conditions (Content-Type lists), fields no condition covers, size ranges,
// expiry on the cloud's clock, tampered policies and signatures, credentials, malformed policy documents.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { s3Client } from './helpers.js';
import { covering, expectError, post, presignedForm, signedForm } from './post-helpers.js';

let cloud: Cloud;
let s3: S3Client;
const BUCKET = 'post-policies';

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => cloud.stop());

const body = async (key: string) =>
  Buffer.from(
    await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray(),
  );

describe('S3 POST Object policies', () => {
  it('accepts Content-Type lists whose every value meets a starts-with condition, and no other', async () => {
    const form = (type: string) =>
      presignedForm(s3, {
        Bucket: BUCKET,
        Key: 'typed',
        Conditions: [['starts-with', '$Content-Type', 'image/']],
        Fields: { 'Content-Type': type },
      });
    assert.equal((await post(await form('image/png, image/gif'))).status, 204);
    await expectError(
      await post(await form('image/png,text/html')),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
    );
  });

  it('refuses a form whose field fails an exact condition, quoting the condition', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'fixed/key' });
    await expectError(
      await post(form, undefined, { change: { key: 'fixed/other' } }),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "fixed/key"]',
    );
  });

  it('refuses a field no condition covers, but not x-ignore- fields or fields after the file', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'covered' });
    await expectError(
      await post(form, undefined, { change: { 'x-amz-meta-extra': '1' } }),
      403,
      'AccessDenied',
      'Invalid according to Policy: Extra input fields: x-amz-meta-extra',
    );
    const ok = await post(form, undefined, {
      change: { 'X-Ignore-Tracking': '1' },
      after: { submit: 'Upload', key: 'x' },
    });
    assert.equal(ok.status, 204);
    assert.equal((await body('covered')).toString(), 'hello, form');
  });

  it('refuses a file outside content-length-range with its size and the bound', async () => {
    const form = await presignedForm(s3, {
      Bucket: BUCKET,
      Key: 'sized',
      Conditions: [['content-length-range', 5, 10]],
    });
    await expectError(
      await post(form, new Blob(['1234'])),
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
      {
        ProposedSize: '4',
        MinSizeAllowed: '5',
      },
    );
    await expectError(
      await post(form, new Blob(['12345678901'])),
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
      {
        ProposedSize: '11',
        MaxSizeAllowed: '10',
      },
    );
    assert.equal((await post(form, new Blob(['1234567890']))).status, 204);
  });

  it('refuses a policy once the cloud clock passes its expiration', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'soon', Expires: 60 });
    assert.equal((await post(form)).status, 204);
    cloud.clock.advance(61_000);
    await expectError(await post(form), 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  });

  it('refuses a tampered policy or signature with SignatureDoesNotMatch', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'signed' });
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString());
    policy.conditions.push(['content-length-range', 0, 1]);
    const forged = Buffer.from(JSON.stringify(policy)).toString('base64');
    await expectError(
      await post(form, undefined, { change: { Policy: forged } }),
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: 'test',
        StringToSign: forged,
        SignatureProvided: form.fields['X-Amz-Signature']!,
        StringToSignBytes: [...Buffer.from(forged)]
          .map((byte) => byte.toString(16).padStart(2, '0'))
          .join(' '),
      },
    );
    const flipped = form.fields['X-Amz-Signature']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const wrong = await post(form, undefined, { change: { 'X-Amz-Signature': flipped } });
    await expectError(wrong, 403, 'SignatureDoesNotMatch');
  });

  it('names a missing signature field', async () => {
    const form = await presignedForm(s3, { Bucket: BUCKET, Key: 'unsigned' });
    await expectError(
      await post(form, undefined, { change: { 'X-Amz-Signature': undefined } }),
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields.",
      { ArgumentName: 'X-Amz-Signature', ArgumentValue: '' },
    );
  });

  it('refuses a credential for another region than the bucket', async () => {
    const form = signedForm(
      cloud.endpoint,
      BUCKET,
      { key: 'region' },
      { expiration: '2999-01-01T00:00:00Z', conditions: [] },
      {
        region: 'eu-west-1',
      },
    );
    const error = await post(form);
    await expectError(
      error,
      400,
      'InvalidArgument',
      "the region 'eu-west-1' is wrong; expecting 'us-east-1'",
      {
        ArgumentName: 'X-Amz-Credential',
        ArgumentValue: form.fields['x-amz-credential']!,
        Region: 'us-east-1',
      },
    );
  });

  it('reads condition names and operators in any case and refuses malformed policy documents', async () => {
    const fields = { key: 'cased' };
    const ok = signedForm(cloud.endpoint, BUCKET, fields, {
      expiration: '2999-01-01T00:00:00.000Z',
      conditions: [...covering(BUCKET, {}), ['StArTs-WiTh', '$KeY', 'cas'], { BUCKET: BUCKET }],
    });
    assert.equal((await post(ok)).status, 204);
    const bad = async (policy: string | object, message: string) =>
      expectError(
        await post(signedForm(cloud.endpoint, BUCKET, fields, policy)),
        400,
        'InvalidPolicyDocument',
        message,
      );
    await bad('not json', 'Invalid Policy: Invalid JSON.');
    // S3's reader takes no fractions, even 512.0.
    await bad(
      '{"expiration": "2999-01-01T00:00:00Z", "conditions": [["content-length-range", 0, 512.0]]}',
      'Invalid Policy: Invalid JSON.',
    );
    await bad(
      { expiration: '2999-01-01 00:00:00', conditions: [] },
      "Invalid Policy: Invalid 'expiration' value: '2999-01-01 00:00:00'",
    );
    await bad(
      { expiration: '2999-01-01T00:00:00Z', conditions: [{ acl: 'private', key: 'k' }] },
      'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    );
    await bad({ Version: '2012-10-17', Id: 'x', Statement: [] }, "Invalid Policy: Unexpected: 'statement'");
  });
});
