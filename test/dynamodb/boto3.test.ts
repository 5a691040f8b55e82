// DynamoDB through boto3 (client, resource API with Decimal numbers and Key/Attr conditions, and the
// dynamodbstreams client): test/python/dynamodb_flows.py runs the flows and prints one JSON line.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/dynamodb_flows.py', import.meta.url));
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status !== 0
    ? 'boto3 is not installed'
    : false;

interface FlowResult {
  failures: string[];
  error: string | null;
}

describe('DynamoDB through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  let flows: Record<string, FlowResult>;
  before(async () => {
    cloud = await startTestCloud();
    flows = await run(['--endpoint', cloud.endpoint, 'resource_api', 'errors', 'streams']);
  });
  after(() => cloud.stop());

  for (const [name, title] of [
    [
      'resource_api',
      'boto3 resource API: Decimal numbers, sets, Key/Attr conditions, arithmetic updates, waiter',
    ],
    ['errors', 'boto3 raises modeled exceptions with CancellationReasons and AWS messages'],
    ['streams', 'boto3 dynamodbstreams client reads INSERT and REMOVE records'],
  ] as const) {
    it(title, () => {
      const result = flows[name];
      assert.ok(result, `no result for ${name}`);
      assert.equal(result.error, null, `the flow raised:\n${result.error}`);
      assert.deepEqual(result.failures, []);
    });
  }
});

function run(args: string[]): Promise<Record<string, FlowResult>> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [SCRIPT, ...args], { env: awsEnvironment({}), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve((JSON.parse(line) as { flows: Record<string, FlowResult> }).flows);
      } catch {
        reject(new Error(`dynamodb_flows.py exited ${code}: ${stderr || stdout}`));
      }
    });
  });
}
