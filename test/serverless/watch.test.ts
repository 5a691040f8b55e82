// `nimbus deploy --watch` as a user runs it: the functions run from the service directory in place, so a
// handler edit answers on the next invocation with no redeploy, and a serverless.yml edit redeploys what
// changed; Ctrl-C (SIGINT) ends it with exit 0.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { copyFixture } from './helpers.js';

describe('nimbus deploy --watch', () => {
  let cloud: Cloud;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    dir = copyFixture('flows', 'orders');
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves handler edits at once and redeploys serverless.yml edits', async () => {
    const child = spawn(process.execPath, [NIMBUS_CLI, 'deploy', '--watch'], {
      cwd: dir,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: cloud.endpoint,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await until(
        () => output.includes('Watching'),
        () => output,
      );
      const lambda = client(cloud, LambdaClient);
      const invoke = async () =>
        JSON.parse(
          Buffer.from(
            (await lambda.send(new InvokeCommand({ FunctionName: 'orders-dev-status', Payload: '{}' })))
              .Payload!,
          ).toString(),
        );
      assert.deepEqual(await invoke(), { ok: true, stage: 'dev', path: null });

      writeFileSync(join(dir, 'src/status.js'), 'exports.handler = async () => ({ edited: true });\n');
      assert.deepEqual(await invoke(), { edited: true });

      const config = readFileSync(join(dir, 'serverless.yml'), 'utf8');
      writeFileSync(
        join(dir, 'serverless.yml'),
        config.replace('    url: true', '    url: true\n    timeout: 9'),
      );
      await until(
        async () => {
          const fn = await lambda.send(
            new GetFunctionConfigurationCommand({ FunctionName: 'orders-dev-status' }),
          );
          return fn.Timeout === 9;
        },
        () => output,
      );
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, output);
  });
});

async function until(
  check: () => boolean | Promise<boolean>,
  context: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
