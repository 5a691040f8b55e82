// DynamoDB through the AWS CLI (`aws --endpoint-url … dynamodb …`), as people type it, with `--output json`.
// The CLI starts slowly (about half a second a command), so the table is made once and the calls are few.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('DynamoDB through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  const aws = (...args: string[]) =>
    runAws(['--endpoint-url', cloud.endpoint, '--output', 'json', 'dynamodb', ...args]);
  before(async () => {
    cloud = await startTestCloud();
    const created = await aws(
      'create-table',
      '--table-name',
      'cli',
      '--attribute-definitions',
      'AttributeName=pk,AttributeType=S',
      'AttributeName=sk,AttributeType=S',
      '--key-schema',
      'AttributeName=pk,KeyType=HASH',
      'AttributeName=sk,KeyType=RANGE',
      '--billing-mode',
      'PAY_PER_REQUEST',
    );
    assert.equal(created.code, 0, created.stderr);
  });
  after(() => cloud.stop());

  it('puts, gets and queries items with JSON arguments', async () => {
    for (const sk of ['a', 'b']) {
      const put = await aws(
        'put-item',
        '--table-name',
        'cli',
        '--item',
        JSON.stringify({ pk: { S: 'p' }, sk: { S: sk }, n: { N: '1.50' } }),
      );
      assert.equal(put.code, 0, put.stderr);
    }
    const got = await aws(
      'get-item',
      '--table-name',
      'cli',
      '--key',
      JSON.stringify({ pk: { S: 'p' }, sk: { S: 'a' } }),
    );
    assert.deepEqual(JSON.parse(got.stdout).Item, { pk: { S: 'p' }, sk: { S: 'a' }, n: { N: '1.5' } });
    const queried = await aws(
      'query',
      '--table-name',
      'cli',
      '--key-condition-expression',
      'pk = :p',
      '--expression-attribute-values',
      JSON.stringify({ ':p': { S: 'p' } }),
    );
    const result = JSON.parse(queried.stdout) as { Count: number; Items: { sk: { S: string } }[] };
    assert.equal(result.Count, 2);
    assert.deepEqual(
      result.Items.map((i) => i.sk.S),
      ['a', 'b'],
    );
  });

  it('describes the table and reports a failed condition with its error code', async () => {
    const described = await aws('describe-table', '--table-name', 'cli');
    assert.equal(JSON.parse(described.stdout).Table.TableStatus, 'ACTIVE');
    const failed = await aws(
      'put-item',
      '--table-name',
      'cli',
      '--item',
      JSON.stringify({ pk: { S: 'p' }, sk: { S: 'a' } }),
      '--condition-expression',
      'attribute_not_exists(pk)',
    );
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /ConditionalCheckFailedException/);
  });
});

/** Runs the CLI asynchronously: the cloud it talks to serves from this process's event loop. */
function runAws(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', args, { env: awsEnvironment({}), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
