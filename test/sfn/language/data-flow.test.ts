// A state's input and output processing, JSONPath and JSONata.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveInput, errorOutput, stateOutput } from '../../../src/services/sfn/language/data-flow.js';
import type { State } from '../../../src/services/sfn/language/index.js';

const env = { context: { Execution: { Name: 'e1' } }, variables: { x: 5 } };
const task = (fields: Record<string, unknown>) => ({ Type: 'Task', ...fields }) as State;

describe('JSONPath data flow', () => {
  it('applies InputPath then Parameters', async () => {
    const s = task({ InputPath: '$.in', Parameters: { 'v.$': '$.a', 'n.$': '$$.Execution.Name', k: 1 } });
    assert.deepEqual(await effectiveInput(s, 'JSONPath', { in: { a: 2 } }, env), { v: 2, n: 'e1', k: 1 });
  });
  it('InputPath null gives {}', async () => {
    assert.deepEqual(await effectiveInput(task({ InputPath: null }), 'JSONPath', { a: 1 }, env), {});
  });
  it('ResultSelector, ResultPath into the input, then OutputPath', async () => {
    const s = task({ ResultSelector: { 'r.$': '$.Payload' }, ResultPath: '$.res', OutputPath: '$.res' });
    const out = await stateOutput(s, 'JSONPath', { a: 1 }, { Payload: 9 }, env);
    assert.deepEqual(out.output, { r: 9 });
  });
  it('ResultPath null discards the result', async () => {
    const out = await stateOutput(task({ ResultPath: null }), 'JSONPath', { a: 1 }, 'r', env);
    assert.deepEqual(out.output, { a: 1 });
  });
  it('Pass Result replaces the result', async () => {
    const s = { Type: 'Pass', Result: { ok: true }, ResultPath: '$.p' } as State;
    assert.deepEqual((await stateOutput(s, 'JSONPath', { a: 1 }, { a: 1 }, env)).output, {
      a: 1,
      p: { ok: true },
    });
  });
  it('Assign reads $ (the result), $states.input and variables', async () => {
    const s = task({ Assign: { 'r.$': '$.v', 'i.$': '$states.input.a', 'y.$': '$x', c: 3 } });
    const out = await stateOutput(s, 'JSONPath', { a: 1 }, { v: 2 }, env);
    assert.deepEqual(out.assign, { r: 2, i: 1, y: 5, c: 3 });
  });
  it('errorOutput puts {Error, Cause} at the catcher ResultPath', async () => {
    const out = await errorOutput(
      { ErrorEquals: ['States.ALL'], Next: 'N', ResultPath: '$.err' },
      'JSONPath',
      { a: 1 },
      { Error: 'E', Cause: 'C' },
      env,
    );
    assert.deepEqual(out.output, { a: 1, err: { Error: 'E', Cause: 'C' } });
  });
  it("an OutputPath that matches nothing is States.Runtime with AWS's wording", async () => {
    await assert.rejects(stateOutput(task({ OutputPath: '$.x' }), 'JSONPath', {}, {}, env), {
      error: 'States.Runtime',
      cause: "Invalid path '$.x' : No results for path: $['x']",
    });
  });
});

describe('JSONata data flow', () => {
  it('Arguments read $states.input and variables', async () => {
    const s = task({ Arguments: { a: '{% $states.input.n + $x %}', lit: 'plain' } });
    assert.deepEqual(await effectiveInput(s, 'JSONata', { n: 1 }, env), { a: 6, lit: 'plain' });
  });
  it('Output and Assign see $states.result', async () => {
    const s = task({ Output: '{% $states.result.v * 2 %}', Assign: { last: '{% $states.result.v %}' } });
    const out = await stateOutput(s, 'JSONata', {}, { v: 4 }, env);
    assert.deepEqual(out, { output: 8, assign: { last: 4 } });
  });
  it('output defaults to the result', async () => {
    assert.deepEqual((await stateOutput(task({}), 'JSONata', { i: 1 }, { r: 1 }, env)).output, { r: 1 });
  });
  it('a catcher Output sees $states.errorOutput', async () => {
    const out = await errorOutput(
      { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput.Error %}' },
      'JSONata',
      {},
      { Error: 'E', Cause: 'C' },
      env,
    );
    assert.equal(out.output, 'E');
  });
  it("AWS's functions: $partition, $range, $hash, $parse, $uuid", async () => {
    const s = task({
      Arguments: {
        p: '{% $partition([1,2,3], 2) %}',
        r: '{% $range(0, 4, 2) %}',
        h: "{% $hash('input data', 'SHA-1') %}",
        j: '{% $parse(\'{"a":1}\') %}',
        u: '{% $uuid() %}',
      },
    });
    const out = (await effectiveInput(s, 'JSONata', {}, env)) as Record<string, unknown>;
    assert.deepEqual(
      [out.p, out.r, out.h, out.j],
      [[[1, 2], [3]], [0, 2, 4], 'aaff4a450a104cd177d28d18d74485e8cae074b7', { a: 1 }],
    );
    assert.match(String(out.u), /^[0-9a-f-]{36}$/);
  });
  it('an expression that fails is States.QueryEvaluationError', async () => {
    await assert.rejects(effectiveInput(task({ Arguments: '{% $states.input.a %}' }), 'JSONata', {}, env), {
      error: 'States.QueryEvaluationError',
    });
  });
});
