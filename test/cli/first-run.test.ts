// A newcomer's first ten minutes, as the README tells them: `nimbus start` with its defaults (state in a
// relative `.nimbus`) from a scratch working directory, then a Node.js function from a zip through the
// AWS CLI and a Python one through the SDK, both invoked.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ROLE, zip } from '../lambda/helpers.js';
import { kill9, runProcess, startNimbusProcess, TEST_CREDENTIALS } from '../support/helpers.js';

describe('first run: nimbus start with its defaults, from a scratch directory', () => {
  let scratch: string;
  let nimbus: { child: ChildProcess; endpoint: string };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'nimbus-first-run-'));
    // No --data-dir: the default, relative `.nimbus`, is what `npm start` uses. (A free port rather than
    // 4566, so the test never collides with a Nimbus the developer has running.)
    nimbus = await startNimbusProcess(undefined, { cwd: scratch });
  });

  after(async () => {
    await kill9(nimbus.child);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps its state in .nimbus/ under the working directory', () => {
    assert.ok(existsSync(join(scratch, '.nimbus', 'state.db')));
  });

  it('runs a Node.js function created from a zip with the AWS CLI', async () => {
    writeFileSync(
      join(scratch, 'function.zip'),
      zip({
        'index.mjs': 'export const handler = async (event) => ({ greeting: "hello " + event.name });\n',
      }),
    );
    const aws = (...args: string[]) =>
      runProcess(
        'aws',
        ['--endpoint-url', nimbus.endpoint, '--output', 'json', ...args],
        {},
        60_000,
        scratch,
      );
    const created = await aws(
      'lambda',
      'create-function',
      '--function-name',
      'hello',
      '--runtime',
      'nodejs24.x',
      '--handler',
      'index.handler',
      '--role',
      ROLE,
      '--zip-file',
      'fileb://function.zip',
    );
    assert.equal(created.code, 0, created.stderr);
    const invoked = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'hello',
      '--payload',
      '{"name":"nimbus"}',
      'out.json',
    );
    assert.equal(invoked.code, 0, invoked.stderr);
    assert.equal(
      JSON.parse(invoked.stdout).FunctionError,
      undefined,
      readFileSync(join(scratch, 'out.json'), 'utf8'),
    );
    assert.deepEqual(JSON.parse(readFileSync(join(scratch, 'out.json'), 'utf8')), {
      greeting: 'hello nimbus',
    });
  });

  it('runs a Python function created from a zip with the SDK', async () => {
    const lambda = new LambdaClient({
      endpoint: nimbus.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'hello-python',
        Runtime: 'python3.13',
        Handler: 'app.handler',
        Role: ROLE,
        Code: {
          ZipFile: zip({
            'app.py': 'def handler(event, context):\n    return {"sum": event["a"] + event["b"]}\n',
          }),
        },
      }),
    );
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'hello-python', Payload: Buffer.from('{"a": 2, "b": 3}') }),
    );
    const payload = new TextDecoder().decode(result.Payload);
    assert.equal(result.FunctionError, undefined, payload);
    assert.deepEqual(JSON.parse(payload), { sum: 5 });
    lambda.destroy();
  });
});
