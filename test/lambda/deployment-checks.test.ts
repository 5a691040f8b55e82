// What Lambda checks of a deployment before it runs anything: the runtime against AWS's deprecation
// schedule (on the cloud clock), the zip's integrity by its CRCs, and the paths a failing function's
// trace shows (/var/task and /var/runtime, as on AWS, never the host's data directory).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateFunctionCommand,
  InvokeCommand,
  type LambdaClient,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { type Cloud, startCloud } from '../../src/index.js';
import { createFunction, decodePayload, lambdaClient, ROLE, zip } from './helpers.js';

async function refusal(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('the call succeeded');
}

function create(lambda: LambdaClient, name: string, runtime: string) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: runtime as 'nodejs24.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => "ran";' }) },
    }),
  );
}

describe('Lambda runtime deprecation, on the cloud clock', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  const logged: string[] = [];

  before(async () => {
    cloud = await startCloud({ port: 0, inMemory: true, log: (line) => logged.push(line) });
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  it('refuses a runtime past its block-create date with AWS’s error', async () => {
    // nodejs20.x: deprecated 2026-04-30, creates blocked from 2026-06-01 (AWS's runtimes table).
    const refused = await refusal(create(lambda, 'on-node20', 'nodejs20.x'));
    assert.equal(refused.name, 'InvalidParameterValueException');
    assert.equal(refused.status, 400);
    assert.equal(
      refused.message,
      'The runtime parameter of nodejs20.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs24.x) while creating or updating functions.',
    );
  });

  it('warns while a runtime is deprecated, then blocks creates, then updates, and lets a function migrate off', async () => {
    // nodejs24.x: deprecated 2028-04-30, creates blocked 2028-06-01, updates blocked 2028-07-01.
    const to = (date: string) => cloud.clock.advance(Math.max(0, Date.parse(date) - cloud.clock.now()));
    await create(lambda, 'before-deprecation', 'nodejs24.x');
    to('2028-05-15T00:00:00Z');
    logged.length = 0;
    await create(lambda, 'deprecated', 'nodejs24.x');
    assert.ok(
      logged.some((line) => /function deprecated: nodejs24\.x is deprecated since 2028-04-30/.test(line)),
      logged.join('\n'),
    );
    to('2028-06-15T00:00:00Z');
    assert.equal(
      (await refusal(create(lambda, 'too-late', 'nodejs24.x'))).name,
      'InvalidParameterValueException',
    );
    // Existing functions still update in the month between the two blocks, and still run after both.
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'deprecated',
        ZipFile: zip({ 'index.js': 'exports.handler = async () => "v2";' }),
      }),
    );
    to('2028-07-15T00:00:00Z');
    const updateRefused = await refusal(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'deprecated', Timeout: 10 })),
    );
    assert.match(updateRefused.message, /The runtime parameter of nodejs24\.x is no longer supported/);
    const codeRefused = await refusal(
      lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: 'deprecated', ZipFile: zip({ 'index.js': '' }) }),
      ),
    );
    assert.equal(codeRefused.name, 'InvalidParameterValueException');
    const ran = await lambda.send(new InvokeCommand({ FunctionName: 'deprecated' }));
    assert.equal(decodePayload(ran.Payload), 'v2');
    // Moving the function to a supported runtime is the update that still passes.
    const moved = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'deprecated',
        Runtime: 'python3.14',
        Handler: 'app.handler',
      }),
    );
    assert.equal(moved.Runtime, 'python3.14');
  });
});

describe('Lambda with --allow-deprecated-runtimes', () => {
  it('creates and runs a function on a blocked runtime, and says so in the log', async () => {
    const logged: string[] = [];
    const cloud = await startCloud({
      port: 0,
      inMemory: true,
      allowDeprecatedRuntimes: true,
      log: (line) => logged.push(line),
    });
    try {
      const lambda = lambdaClient(cloud);
      await create(lambda, 'legacy', 'nodejs20.x');
      assert.ok(
        logged.some((line) =>
          /nodejs20\.x is deprecated .*allowed by --allow-deprecated-runtimes/.test(line),
        ),
      );
      const ran = await lambda.send(new InvokeCommand({ FunctionName: 'legacy' }));
      assert.equal(decodePayload(ran.Payload), 'ran');
    } finally {
      await cloud.stop();
    }
  });
});

describe('Lambda deployment packages and traces', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;

  before(async () => {
    cloud = await startCloud({ port: 0, inMemory: true, log: () => {} });
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  it('refuses a zip whose entry fails its CRC, as unzip and AWS do', async () => {
    // Stored (level 0), so one changed byte leaves the archive readable but the entry altered.
    const source = 'exports.handler = async () => "original";';
    const bytes = Buffer.from(zipSync({ 'index.js': new TextEncoder().encode(source) }, { level: 0 }));
    const at = bytes.indexOf('original');
    bytes[at] = 'X'.charCodeAt(0);
    const refused = await refusal(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'corrupt',
          Runtime: 'nodejs24.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: bytes },
        }),
      ),
    );
    assert.equal(refused.name, 'InvalidParameterValueException');
    assert.equal(
      refused.message,
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  });

  it('shows /var/task in a Node.js error trace, never the data directory', async () => {
    await createFunction(lambda, 'throws-node', {
      'index.js': 'exports.handler = async () => {\n  throw new Error("boom");\n};\n',
    });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'throws-node', LogType: 'Tail' }));
    assert.equal(result.FunctionError, 'Unhandled');
    const payload = decodePayload(result.Payload) as { errorMessage: string; trace: string[] };
    assert.equal(payload.errorMessage, 'boom');
    assert.match(payload.trace.join('\n'), /\/var\/task\/index\.js:2:/);
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
    for (const text of [payload.trace.join('\n'), log]) {
      assert.doesNotMatch(text, /nimbus-|blobs\/lambda|runtimes\/node/, text);
    }
  });

  it('shows /var/task in a Python error trace', async () => {
    await createFunction(
      lambda,
      'throws-python',
      { 'app.py': 'def handler(event, context):\n    raise ValueError("bad input")\n' },
      { runtime: 'python3.13', handler: 'app.handler' },
    );
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'throws-python' }));
    const payload = decodePayload(result.Payload) as { errorType: string; stackTrace: string[] };
    assert.equal(payload.errorType, 'ValueError');
    assert.match(payload.stackTrace.join(''), /File "\/var\/task\/app\.py", line 2, in handler/);
    assert.doesNotMatch(payload.stackTrace.join(''), /nimbus-|blobs\/lambda/);
  });

  it("keeps the SDK's warning about the host's Node.js out of a function's log", async () => {
    await createFunction(
      lambda,
      'uses-sdk',
      {
        'index.js': [
          "const { SQSClient, ListQueuesCommand } = require('@aws-sdk/client-sqs');",
          'exports.handler = async () => (await new SQSClient({}).send(new ListQueuesCommand({}))).QueueUrls ?? [];',
        ].join('\n'),
      },
      { timeout: 20 },
    );
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'uses-sdk', LogType: 'Tail' }));
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
    assert.match(log, /REPORT RequestId/);
    assert.doesNotMatch(log, /NodeVersionSupportWarning/);
  });
});
