// Backups, PITR and exports through boto3 (test/python/dynamodb_backups.py runs the flows and prints one
// JSON line) and through the AWS CLI (`aws dynamodb create-backup`, `restore-table-to-point-in-time`).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/python/dynamodb_backups.py', import.meta.url));
const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status !== 0
    ? 'boto3 is not installed'
    : false;
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

interface FlowResult {
  failures: string[];
  error: string | null;
}

describe('DynamoDB backups through boto3', { skip: NO_BOTO3 }, () => {
  let cloud: Cloud;
  let flows: Record<string, FlowResult>;
  before(async () => {
    cloud = await startTestCloud();
    const out = await run('python3', [SCRIPT, '--endpoint', cloud.endpoint, 'backups', 'pitr_export']);
    flows = (JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as { flows: Record<string, FlowResult> })
      .flows;
  });
  after(() => cloud.stop());

  for (const [name, title] of [
    ['backups', 'boto3 creates, lists, restores and deletes backups, with modeled errors in AWS words'],
    ['pitr_export', 'boto3 enables PITR, restores to the latest time and reads an export back from S3'],
  ] as const) {
    it(title, () => {
      const result = flows[name];
      assert.ok(result, `no result for ${name}`);
      assert.equal(result.error, null, `the flow raised:\n${result.error}`);
      assert.deepEqual(result.failures, []);
    });
  }
});

describe('DynamoDB backups through the AWS CLI', { skip: NO_CLI }, () => {
  let cloud: Cloud;
  const aws = (...args: string[]) =>
    run('aws', ['--endpoint-url', cloud.endpoint, '--output', 'json', 'dynamodb', ...args]);
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('creates a backup, restores it and refuses a PITR restore of a table without PITR', async () => {
    const created = await aws(
      'create-table',
      '--table-name',
      'cli-b',
      '--attribute-definitions',
      'AttributeName=pk,AttributeType=S',
      '--key-schema',
      'AttributeName=pk,KeyType=HASH',
      '--billing-mode',
      'PAY_PER_REQUEST',
    );
    assert.equal(created.code, 0, created.stderr);
    const backup = await aws('create-backup', '--table-name', 'cli-b', '--backup-name', 'cli-backup');
    assert.equal(backup.code, 0, backup.stderr);
    const arn = JSON.parse(backup.stdout).BackupDetails.BackupArn as string;
    const restored = await aws(
      'restore-table-from-backup',
      '--target-table-name',
      'cli-r',
      '--backup-arn',
      arn,
    );
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(JSON.parse(restored.stdout).TableDescription.RestoreSummary.SourceBackupArn, arn);
    const refused = await aws(
      'restore-table-to-point-in-time',
      '--source-table-name',
      'cli-b',
      '--target-table-name',
      'cli-p',
      '--use-latest-restorable-time',
    );
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /PointInTimeRecoveryUnavailableException/);
  });
});

/** Runs a program asynchronously: the cloud it talks to serves from this process's event loop. */
function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: awsEnvironment({}), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
