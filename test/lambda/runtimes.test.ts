// The other runtimes: Python (with boto3 reaching Nimbus from inside the handler) and provided.al2023,
// where the function's own `bootstrap` speaks the Runtime API.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createFunction, decodePayload, lambdaClient } from './helpers.js';

describe('Lambda runtimes', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  const invoke = (name: string, payload: unknown = {}, logTail = false) =>
    lambda.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: JSON.stringify(payload),
        LogType: logTail ? 'Tail' : undefined,
      }),
    );

  it('runs a Python handler with a context, and boto3 inside reaches Nimbus', async () => {
    await createFunction(
      lambda,
      'py',
      {
        'lambda_function.py': [
          'import boto3, logging',
          'logger = logging.getLogger()',
          'def lambda_handler(event, context):',
          '    logger.warning("warned %s", event["x"])',
          '    print("printed")',
          '    account = boto3.client("sts").get_caller_identity()["Account"]',
          '    return {"x": event["x"] * 2, "fn": context.function_name, "left": context.get_remaining_time_in_millis() > 0, "account": account}',
        ].join('\n'),
      },
      { runtime: 'python3.11', handler: 'lambda_function.lambda_handler', timeout: 20 },
    );
    const result = await invoke('py', { x: 21 }, true);
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    assert.deepEqual(decodePayload(result.Payload), { x: 42, fn: 'py', left: true, account: '000000000000' });
    const tail = Buffer.from(result.LogResult ?? '', 'base64').toString();
    assert.match(tail, /\[WARNING\]\t\S+Z\t[0-9a-f-]{36}\twarned 21/);
    assert.match(tail, /^printed$/m);
  });

  it('reports a Python exception with errorType and errorMessage', async () => {
    await createFunction(
      lambda,
      'py-error',
      { 'app.py': 'def handler(event, context):\n    raise ValueError("no good")\n' },
      { runtime: 'python3.12', handler: 'app.handler' },
    );
    const result = await invoke('py-error');
    assert.equal(result.FunctionError, 'Unhandled');
    const error = decodePayload(result.Payload) as {
      errorType: string;
      errorMessage: string;
      stackTrace: string[];
    };
    assert.equal(error.errorType, 'ValueError');
    assert.equal(error.errorMessage, 'no good');
    assert.ok(Array.isArray(error.stackTrace));
  });

  it('reports a Python import failure as Runtime.ImportModuleError', async () => {
    await createFunction(
      lambda,
      'py-missing',
      { 'other.py': 'x = 1\n' },
      { runtime: 'python3.12', handler: 'app.handler' },
    );
    const error = decodePayload((await invoke('py-missing')).Payload) as {
      errorType: string;
      errorMessage: string;
    };
    assert.equal(error.errorType, 'Runtime.ImportModuleError');
    assert.match(error.errorMessage, /^Unable to import module 'app'/);
  });

  it('runs a TypeScript handler as written, importing a sibling .ts module without its extension', async () => {
    await createFunction(lambda, 'typed', {
      'index.ts': [
        "import { double } from './util';",
        'interface Event { n: number }',
        'export const handler = async (event: Event): Promise<{ result: number }> => ({ result: double(event.n) });',
      ].join('\n'),
      'util.ts': 'export const double = (n: number): number => n * 2;',
    });
    const result = await invoke('typed', { n: 21 });
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    assert.deepEqual(decodePayload(result.Payload), { result: 42 });
  });

  it("runs a provided.al2023 function's own bootstrap against the Runtime API", async () => {
    const bootstrap = [
      '#!/usr/bin/env node',
      "const api = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime';",
      '(async () => { for (;;) {',
      "  const next = await fetch(api + '/invocation/next');",
      "  const id = next.headers.get('lambda-runtime-aws-request-id');",
      '  const event = await next.json();',
      "  await fetch(api + '/invocation/' + id + '/response', { method: 'POST', body: JSON.stringify({ custom: event.v, handler: process.env._HANDLER }) });",
      '} })();',
    ].join('\n');
    await createFunction(
      lambda,
      'custom',
      { bootstrap },
      { runtime: 'provided.al2023', handler: 'my.handler' },
    );
    assert.deepEqual(decodePayload((await invoke('custom', { v: 7 })).Payload), {
      custom: 7,
      handler: 'my.handler',
    });
  });
});
