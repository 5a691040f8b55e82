// Lambda through the clients people type into: the AWS CLI (`aws lambda …`), boto3, and Nimbus's own
// `nimbus invoke` and `nimbus logs --follow`.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, runProcess, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient, ROLE, zip } from './helpers.js';

const NIMBUS = fileURLToPath(new URL('../../cli/nimbus.mjs', import.meta.url));
const HAS_CLI = spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const HAS_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

describe('Lambda through the AWS CLI, boto3 and the nimbus CLI', { concurrency: true }, () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    dir = mkdtempSync(join(tmpdir(), 'nimbus-lambda-clients-'));
    await createFunction(lambda, 'shared', {
      'index.js': 'exports.handler = async (e) => { console.log("seen", e.n); return { n: e.n + 1 }; };',
    });
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, invokes and lists a function with the AWS CLI', {
    skip: !HAS_CLI && 'aws CLI not installed',
  }, async () => {
    const zipPath = join(dir, 'cli.zip');
    writeFileSync(zipPath, zip({ 'index.js': 'exports.handler = async (e) => ({ hello: e.name });' }));
    const aws = (...args: string[]) =>
      runProcess('aws', ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args]);
    const created = await aws(
      'lambda',
      'create-function',
      '--function-name',
      'from-cli',
      '--runtime',
      'nodejs22.x',
      '--handler',
      'index.handler',
      '--role',
      ROLE,
      '--zip-file',
      `fileb://${zipPath}`,
    );
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).FunctionName, 'from-cli');
    const outPath = join(dir, 'out.json');
    const invoked = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'from-cli',
      '--payload',
      '{"name":"cli"}',
      outPath,
    );
    assert.equal(invoked.code, 0, invoked.stderr);
    assert.equal(JSON.parse(invoked.stdout).StatusCode, 200);
    assert.deepEqual(JSON.parse(readFileSync(outPath, 'utf8')), { hello: 'cli' });
    const listed = await aws('lambda', 'list-functions');
    assert.ok(
      (JSON.parse(listed.stdout).Functions as { FunctionName: string }[]).some(
        (f) => f.FunctionName === 'from-cli',
      ),
    );
    const missing = await aws('lambda', 'get-function', '--function-name', 'nope');
    assert.notEqual(missing.code, 0);
    assert.match(
      missing.stderr,
      /ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope/,
    );
  });

  it('creates and invokes a function with boto3, waiting with its waiter', {
    skip: !HAS_BOTO3 && 'boto3 not installed',
  }, async () => {
    const script = `
import boto3, io, json, zipfile
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as z:
    z.writestr("app.py", "def handler(event, context):\\n    return {'sum': event['a'] + event['b']}\\n")
client = boto3.client("lambda", endpoint_url=${JSON.stringify(cloud.endpoint)}, region_name="us-east-1")
client.create_function(FunctionName="from-boto3", Runtime="python3.12", Role=${JSON.stringify(ROLE)}, Handler="app.handler", Code={"ZipFile": buffer.getvalue()})
client.get_waiter("function_active_v2").wait(FunctionName="from-boto3")
result = client.invoke(FunctionName="from-boto3", Payload=json.dumps({"a": 2, "b": 3}), LogType="Tail")
print(json.dumps({"status": result["StatusCode"], "payload": json.loads(result["Payload"].read()), "version": result["ExecutedVersion"]}))
try:
    client.invoke(FunctionName="missing")
except client.exceptions.ResourceNotFoundException as error:
    print(json.dumps({"error": error.response["Error"]["Code"]}))
`;
    const result = await runProcess('python3', ['-c', script]);
    assert.equal(result.code, 0, result.stderr);
    const [first, second] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(first, { status: 200, payload: { sum: 5 }, version: '$LATEST' });
    assert.deepEqual(second, { error: 'ResourceNotFoundException' });
  });

  it('invokes with `nimbus invoke` and prints the log with `nimbus logs`', async () => {
    const invoked = await runProcess(process.execPath, [
      NIMBUS,
      'invoke',
      'shared',
      '--endpoint',
      cloud.endpoint,
      '--payload',
      '{"n":1}',
    ]);
    assert.equal(invoked.code, 0, invoked.stderr);
    assert.deepEqual(JSON.parse(invoked.stdout), { n: 2 });
    assert.match(invoked.stderr, /REPORT RequestId/);
    let printed = '';
    for (let i = 0; i < 40 && !printed.includes('seen 1'); i++) {
      printed = (await runProcess(process.execPath, [NIMBUS, 'logs', 'shared', '--endpoint', cloud.endpoint]))
        .stdout;
    }
    assert.match(printed, /START RequestId: \S+ Version: \$LATEST/);
    assert.match(printed, /INFO\tseen 1/);
  });

  it('follows a function log as new invocations write to it (`nimbus logs --follow`)', async () => {
    const follower = spawn(
      process.execPath,
      [NIMBUS, 'logs', 'shared', '--follow', '--endpoint', cloud.endpoint],
      { env: awsEnvironment({}) },
    );
    let output = '';
    follower.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    try {
      await lambda.send(new InvokeCommand({ FunctionName: 'shared', Payload: JSON.stringify({ n: 41 }) }));
      for (let i = 0; i < 100 && !output.includes('seen 41'); i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.match(output, /seen 41/);
    } finally {
      follower.kill('SIGINT');
    }
  });
});
