// Cognito user pools through boto3: test/cognito-idp/cognito_flows.py signs a user up, confirms them with
// the recorded code, signs in with an SRP client written from the protocol, and drives the admin calls,
// groups, the list_users paginator and modeled exceptions; cognito_mfa.py sets up TOTP MFA and signs in with
// it. Each prints its failed expectations as one line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/cognito-idp/cognito_flows.py', import.meta.url));
const MFA_SCRIPT = fileURLToPath(new URL('../../../test/cognito-idp/cognito_mfa.py', import.meta.url));
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

describe('Cognito user pools through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 signs up, confirms, signs in with SRP and manages users and groups', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });

  it('boto3 sets up a software token and signs in with SOFTWARE_TOKEN_MFA on the cloud clock', async () => {
    const result = await runProcess('python3', [MFA_SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
