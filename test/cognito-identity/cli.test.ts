// Cognito identity through the AWS CLI (`aws --endpoint-url … cognito-identity …`), as people type it:
// each command runs as a child process with `--output json` and its parsed output is asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('Cognito identity through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'cognito-identity', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws cognito-identity ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('the AWS CLI creates a pool, gets an identity and an OpenID token for it', async () => {
    const pool = await awsJson([
      'create-identity-pool',
      '--identity-pool-name',
      'cli pool',
      '--allow-unauthenticated-identities',
    ]);
    assert.equal(pool.IdentityPoolName, 'cli pool');
    assert.equal(pool.AllowUnauthenticatedIdentities, true);
    const id = await awsJson([
      'get-id',
      '--identity-pool-id',
      String(pool.IdentityPoolId),
      '--no-sign-request',
    ]);
    assert.match(String(id.IdentityId), /^us-east-1:/);
    const token = await awsJson([
      'get-open-id-token',
      '--identity-id',
      String(id.IdentityId),
      '--no-sign-request',
    ]);
    assert.equal(token.IdentityId, id.IdentityId);
    assert.equal(String(token.Token).split('.').length, 3);
    const listed = await awsJson(['list-identity-pools', '--max-results', '10']);
    assert.deepEqual(listed.IdentityPools, [
      { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: 'cli pool' },
    ]);
  });

  // CLI v2 exits 254 for a service error, v1 255 (cli-usage-returncodes.html).
  it('the AWS CLI prints ResourceNotFoundException for an unknown pool', async () => {
    const result = await aws([
      'describe-identity-pool',
      '--identity-pool-id',
      'us-east-1:00000000-0000-0000-0000-000000000000',
    ]);
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(
      result.stderr,
      /An error occurred \(ResourceNotFoundException\) when calling the DescribeIdentityPool operation: IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found\./,
    );
  });
});
