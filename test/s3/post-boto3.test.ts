// S3 POST Object as Python web apps use it: boto3's generate_presigned_post and a `requests` upload
// (test/python/s3_post.py): 204, 201, a redirect, a failed condition, a size range and a tampered signature.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/s3_post.py', import.meta.url));
const NO_CLIENTS =
  spawnSync('python3', ['-c', 'import boto3, requests']).status !== 0 && 'boto3 or requests is not installed';

let cloud: Cloud;
before(async () => {
  cloud = await startTestCloud();
});
after(() => cloud.stop());

describe('S3 POST Object through boto3 and requests', { skip: NO_CLIENTS }, () => {
  it('uploads with generate_presigned_post forms and gets S3 answers to bad ones', async () => {
    const result = await runProcess('python3', [SCRIPT, cloud.endpoint]);
    const line = result.stdout.trim().split('\n').pop() ?? '';
    assert.ok(line.startsWith('{'), `no result from s3_post.py:\n${result.stdout}\n${result.stderr}`);
    const { failures, error } = JSON.parse(line) as { failures: string[]; error: string | null };
    assert.equal(error, null, error ?? '');
    assert.deepEqual(failures, []);
  });
});
