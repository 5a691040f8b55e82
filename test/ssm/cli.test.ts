// Parameter Store through the AWS CLI (`aws --endpoint-url … ssm …`), as people type it: each command runs
// as a child process with `--output json` and its parsed output is asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('SSM through the AWS CLI', { skip: SKIP, concurrency: true }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'ssm', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws ssm ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('the AWS CLI puts a SecureString, reads it decrypted and lists it by path', async () => {
    assert.deepEqual(
      await awsJson([
        'put-parameter',
        '--name',
        '/cli/db/password',
        '--value',
        'p@ss',
        '--type',
        'SecureString',
      ]),
      { Version: 1, Tier: 'Standard' },
    );
    const got = (await awsJson(['get-parameter', '--name', '/cli/db/password', '--with-decryption']))
      .Parameter as Record<string, unknown>;
    assert.equal(got.Value, 'p@ss');
    assert.equal(got.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/cli/db/password');
    const listed = await awsJson(['get-parameters-by-path', '--path', '/cli', '--recursive']);
    assert.deepEqual(
      (listed.Parameters as { Name: string }[]).map((p) => p.Name),
      ['/cli/db/password'],
    );
  });

  // CLI v2 exits 254 for a service error, v1 255 (cli-usage-returncodes.html); AWS sends no message.
  it('the AWS CLI prints ParameterNotFound for an unknown parameter', async () => {
    const result = await aws(['get-parameter', '--name', '/cli/missing']);
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(
      result.stderr,
      /An error occurred \(ParameterNotFound\) when calling the GetParameter operation/,
    );
  });
});
