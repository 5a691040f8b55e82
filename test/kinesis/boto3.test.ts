// Kinesis through boto3: test/kinesis/kinesis_flows.py drives a fresh cloud (the stream_exists waiter, bytes
// in and out, the list_shards and list_streams paginators, modeled exceptions) and prints its failed
// expectations as one JSON line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/kinesis/kinesis_flows.py', import.meta.url));
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

describe('Kinesis through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 creates, waits for, writes, reads and paginates a stream and raises modeled exceptions', async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
