// SigV4 verification with boto3 and the AWS CLI (their own signers, path encodings and payload modes).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess } from '../support/helpers.js';
import { startSecureCloud } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/security/signatures_boto3.py', import.meta.url));
const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI is not installed';

describe('signature verification with boto3', { skip: NO_BOTO3 }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startSecureCloud({ verifySignatures: true });
  });
  after(() => cloud?.stop());

  it('verifies boto3 signatures and presigned URLs, and refuses wrong secrets', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(out, {
      user_arn: 'arn:aws:iam::000000000000:user/py',
      wrong_secret_sts: 'SignatureDoesNotMatch',
      wrong_secret_dynamodb: 'InvalidSignatureException',
      get_object: 'boto3 body',
      presigned: [200, 'boto3 body'],
      presigned_tampered: 403,
      presigned_v4: 200,
      presigned_v4_tampered: 403,
      user_put: 'ok',
      wrong_secret_s3: 'SignatureDoesNotMatch',
      sqs_received: 'héllo',
    });
  });
});

describe('signature verification with the AWS CLI', { skip: NO_CLI }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startSecureCloud({ verifySignatures: true });
  });
  after(() => cloud?.stop());
  const aws = (args: string[], env: Record<string, string> = {}) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, ...args, '--output', 'json'], env);

  it('accepts the CLI signing with the test keys and refuses a wrong secret', async () => {
    const ok = await aws(['sts', 'get-caller-identity']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).Arn, 'arn:aws:iam::000000000000:root');
    const bad = await aws(['sts', 'get-caller-identity'], { AWS_SECRET_ACCESS_KEY: 'wrong' });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /SignatureDoesNotMatch/);
  });

  it('uploads with `aws s3 cp` and serves what `aws s3 presign` signs', async () => {
    assert.equal((await aws(['s3', 'mb', 's3://cli-bucket'])).code, 0);
    const file = fileURLToPath(new URL('./helpers.js', import.meta.url));
    const copied = await aws(['s3', 'cp', file, 's3://cli-bucket/helpers.js']);
    assert.equal(copied.code, 0, copied.stderr);
    const presigned = await aws(['s3', 'presign', 's3://cli-bucket/helpers.js', '--expires-in', '60']);
    assert.equal(presigned.code, 0, presigned.stderr);
    const response = await fetch(presigned.stdout.trim());
    assert.equal(response.status, 200);
    assert.match(await response.text(), /clientWith/);
  });
});
