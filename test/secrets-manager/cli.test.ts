// Secrets Manager through the AWS CLI (`aws --endpoint-url … secretsmanager …`), as people type it: each
// command runs as a child process with `--output json`, and the parsed output (or the error the CLI
// prints) is asserted. The CLI starts slowly, so the tests run concurrently.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('Secrets Manager through the AWS CLI', { skip: SKIP, concurrency: true }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, '--output', 'json', 'secretsmanager', ...args]);
  const awsJson = async (args: string[]): Promise<Record<string, unknown>> => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws secretsmanager ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('creates a secret, reads it, puts a new value and describes both versions', async () => {
    const created = await awsJson([
      'create-secret',
      '--name',
      'cli/db',
      '--secret-string',
      '{"password":"p1"}',
      '--description',
      'from the CLI',
    ]);
    assert.match(String(created.ARN), /:secret:cli\/db-[A-Za-z0-9]{6}$/);
    const value = await awsJson(['get-secret-value', '--secret-id', 'cli/db']);
    assert.equal(value.SecretString, '{"password":"p1"}');
    await awsJson(['put-secret-value', '--secret-id', String(created.ARN), '--secret-string', 'p2']);
    const described = await awsJson(['describe-secret', '--secret-id', 'cli/db']);
    assert.equal(described.Description, 'from the CLI');
    assert.deepEqual(Object.values(described.VersionIdsToStages as Record<string, string[]>).sort(), [
      ['AWSCURRENT'],
      ['AWSPREVIOUS'],
    ]);
  });

  it("prints ResourceNotFoundException with AWS's message for an unknown secret", async () => {
    const result = await aws(['get-secret-value', '--secret-id', 'cli/missing']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ResourceNotFoundException/);
    assert.match(result.stderr, /Secrets Manager can't find the specified secret\./);
  });

  it('generates a random password and lists secrets with a filter', async () => {
    const password = await awsJson([
      'get-random-password',
      '--password-length',
      '20',
      '--exclude-punctuation',
    ]);
    assert.match(String(password.RandomPassword), /^[A-Za-z0-9]{20}$/);
    await awsJson(['create-secret', '--name', 'cli/listed', '--secret-string', 'x']);
    const listed = await awsJson(['list-secrets', '--filters', 'Key=name,Values=cli/listed']);
    assert.deepEqual(
      (listed.SecretList as { Name: string }[]).map((s) => s.Name),
      ['cli/listed'],
    );
  });

  it('deletes with a recovery window and restores', async () => {
    await awsJson(['create-secret', '--name', 'cli/deleted', '--secret-string', 'x']);
    const deleted = await awsJson([
      'delete-secret',
      '--secret-id',
      'cli/deleted',
      '--recovery-window-in-days',
      '7',
    ]);
    assert.ok(deleted.DeletionDate);
    await awsJson(['restore-secret', '--secret-id', 'cli/deleted']);
    assert.equal((await awsJson(['get-secret-value', '--secret-id', 'cli/deleted'])).SecretString, 'x');
  });
});
