// The built-in metrics through boto3: test/cloudwatch/builtin_metrics_flows.py sends SQS messages to a fresh
// cloud, moves its clock past the minute's queue-depth sample and reads AWS/SQS back over smithy RPC v2 CBOR
// (statistics, metric data, the list_metrics paginator); it prints its failed expectations as one JSON line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/cloudwatch/builtin_metrics_flows.py', import.meta.url));
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

describe('built-in metrics through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 reads the AWS/SQS metrics a queue’s sends and minute samples produced', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
