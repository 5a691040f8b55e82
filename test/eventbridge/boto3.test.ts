// EventBridge through boto3: test/python/eventbridge_flows.py puts a rule with an input transformer on an
// SQS target, puts events (one malformed), reads the delivery back and checks errors as boto3 raises them.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/eventbridge_flows.py', import.meta.url));
const SKIP = await probeBoto3();

describe('EventBridge through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 puts a rule, a transformed SQS target and events; errors are modeled exceptions', async () => {
    const { code, stdout, stderr } = await run(['--endpoint', cloud.endpoint]);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
      failures: string[];
      error: string | null;
    };
    assert.equal(result.error, null, `the flow raised:\n${result.error}`);
    assert.deepEqual(result.failures, []);
  });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [SCRIPT, ...args], { env: awsEnvironment({}), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function probeBoto3(): Promise<string | false> {
  const probe = await new Promise<number | null>((resolve) => {
    const child = spawn('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  return probe === 0 ? false : 'python3 with boto3 is not installed';
}
