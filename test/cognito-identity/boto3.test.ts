// Cognito identity through boto3: test/cognito-identity/cognito_identity_flows.py drives a fresh cloud
// (pools, roles, an unsigned guest getting credentials that work against SQS, modeled exceptions, the
// list_identity_pools paginator) and prints its failed expectations as one JSON line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(
  new URL('../../../test/cognito-identity/cognito_identity_flows.py', import.meta.url),
);
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

describe('Cognito identity through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 makes pools, gets a guest credentials unsigned and raises modeled exceptions', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
