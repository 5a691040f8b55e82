// The Step Functions registry through the AWS CLI (`aws --endpoint-url … stepfunctions …`), as people
// type it: create, describe, list, publish and alias, each with `--output json` parsed and asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../../src/index.js';
import { runProcess, startTestCloud } from '../../support/helpers.js';
import { definition, machineArn, ROLE } from './fixtures.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('Step Functions registry through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'stepfunctions', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws stepfunctions ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('creates, describes, lists, publishes and aliases a state machine', async () => {
    const arn = machineArn('cli-flow');
    const created = await awsJson([
      'create-state-machine',
      '--name',
      'cli-flow',
      '--definition',
      definition(),
      '--role-arn',
      ROLE,
    ]);
    assert.equal(created.stateMachineArn, arn);
    const described = await awsJson(['describe-state-machine', '--state-machine-arn', arn]);
    assert.equal(described.status, 'ACTIVE');
    assert.equal(described.definition, definition());
    const listed = await awsJson(['list-state-machines']);
    assert.deepEqual(
      (listed.stateMachines as { name: string }[]).map((m) => m.name),
      ['cli-flow'],
    );
    const published = await awsJson(['publish-state-machine-version', '--state-machine-arn', arn]);
    assert.equal(published.stateMachineVersionArn, `${arn}:1`);
    const alias = await awsJson([
      'create-state-machine-alias',
      '--name',
      'prod',
      '--routing-configuration',
      `stateMachineVersionArn=${arn}:1,weight=100`,
    ]);
    assert.equal(alias.stateMachineAliasArn, `${arn}:prod`);
    const aliases = await awsJson(['list-state-machine-aliases', '--state-machine-arn', arn]);
    assert.deepEqual(
      (aliases.stateMachineAliases as { stateMachineAliasArn: string }[]).map((a) => a.stateMachineAliasArn),
      [`${arn}:prod`],
    );
  });

  // CLI v2 exits 254 for a service error, v1 255 (cli-usage-returncodes.html).
  it('prints StateMachineDoesNotExist for an unknown machine', async () => {
    const result = await aws(['describe-state-machine', '--state-machine-arn', machineArn('cli-missing')]);
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(
      result.stderr,
      /An error occurred \(StateMachineDoesNotExist\) when calling the DescribeStateMachine operation: State Machine Does Not Exist/,
    );
  });
});
