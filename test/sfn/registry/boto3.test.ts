// The Step Functions registry through boto3: test/sfn/registry_flows.py drives a fresh cloud (create with
// publish, update, aliases, the list paginators, activities, tags, modeled exceptions, validation, delete)
// and prints its failed expectations as one JSON line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../../src/index.js';
import { runProcess, startTestCloud } from '../../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../../test/sfn/registry_flows.py', import.meta.url));
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

describe('Step Functions registry through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 creates, publishes, aliases, paginates, tags and deletes state machines', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
