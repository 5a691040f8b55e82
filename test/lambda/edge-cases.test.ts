// Regression tests from a review of the Lambda service: what functions and their runtimes can do must
// never take the cloud down, and odd results are reported as AWS's runtimes report them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, type LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createFunction, decodePayload, lambdaClient } from './helpers.js';

describe('Lambda edge cases', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  const invoke = async (name: string, payload: unknown = {}, clientContext?: unknown) => {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: name,
        Payload: JSON.stringify(payload),
        ClientContext:
          clientContext === undefined
            ? undefined
            : Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      }),
    );
    return { error: result.FunctionError, body: decodePayload(result.Payload) as Record<string, unknown> };
  };

  it('passes a client context with any text to the function', async () => {
    await createFunction(lambda, 'context', {
      'index.js': 'exports.handler = async (e, context) => context.clientContext;',
    });
    const { body } = await invoke('context', {}, { custom: { currency: '€', name: 'Zoë 日本' } });
    assert.deepEqual(body, { custom: { currency: '€', name: 'Zoë 日本' } });
  });

  it('answers a malformed Runtime API request with 400, and the cloud carries on', async () => {
    await createFunction(lambda, 'prober', {
      'index.js': `exports.handler = async () => {
        const base = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime/invocation/';
        const bad = await fetch(base + '%E0%A4%A/response', { method: 'POST', body: '{}' });
        return bad.status;
      };`,
    });
    assert.equal((await invoke('prober')).body, 400);
    assert.equal((await invoke('prober')).body, 400, 'the environment and the cloud are still there');
  });

  it('reports a result JSON cannot express as Runtime.JSONStringifyError, keeping the environment', async () => {
    await createFunction(lambda, 'odd-results', {
      'index.js': `let n = 0; exports.handler = async (e) => { n++;
        if (e.kind === 'cycle') { const a = {}; a.a = a; return a; }
        if (e.kind === 'number') throw 42;
        if (e.kind === 'object') throw { a: 1 };
        return n; };`,
    });
    assert.equal((await invoke('odd-results', { kind: 'count' })).body, 1);
    const cycle = await invoke('odd-results', { kind: 'cycle' });
    assert.equal(cycle.error, 'Unhandled');
    assert.deepEqual(cycle.body, {
      errorType: 'Runtime.JSONStringifyError',
      errorMessage: 'Unable to stringify response body',
      trace: [],
    });
    assert.deepEqual(await invoke('odd-results', { kind: 'number' }), {
      error: 'Unhandled',
      body: { errorType: 'number', errorMessage: '42', trace: [] },
    });
    assert.deepEqual((await invoke('odd-results', { kind: 'object' })).body, {
      errorType: 'object',
      errorMessage: '[object Object]',
      trace: [],
    });
    assert.equal(
      (await invoke('odd-results', { kind: 'count' })).body,
      5,
      'the same warm environment served every call',
    );
  });

  it('reports a Python result JSON cannot express as Runtime.MarshalError', async () => {
    await createFunction(
      lambda,
      'py-set',
      { 'app.py': 'def handler(event, context):\n    return {1, 2}\n' },
      { runtime: 'python3.12', handler: 'app.handler' },
    );
    const { error, body } = await invoke('py-set');
    assert.equal(error, 'Unhandled');
    assert.equal(body.errorType, 'Runtime.MarshalError');
    assert.match(
      String(body.errorMessage),
      /^Unable to marshal response: Object of type set is not JSON serializable/,
    );
  });

  it('fails at once with Runtime.InvalidEntrypoint when a provided runtime has no bootstrap', async () => {
    await createFunction(
      lambda,
      'no-bootstrap',
      { 'main.sh': 'echo hi' },
      { runtime: 'provided.al2023', handler: 'x', timeout: 30 },
    );
    const started = Date.now();
    const { error, body } = await invoke('no-bootstrap');
    assert.equal(error, 'Unhandled');
    assert.equal(body.errorType, 'Runtime.InvalidEntrypoint');
    assert.ok(Date.now() - started < 10_000, 'not after the 30 s timeout');
  });

  it('keeps other functions warm when one whose name is a prefix of theirs changes', async () => {
    const counter = { 'index.js': 'let n = 0; exports.handler = async () => ++n;' };
    await createFunction(lambda, 'foo', counter);
    await createFunction(lambda, 'foo-bar', counter);
    assert.equal((await invoke('foo-bar')).body, 1);
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'foo', Description: 'changed' }),
    );
    assert.equal((await invoke('foo-bar')).body, 2);
  });
});
