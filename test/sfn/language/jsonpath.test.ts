// JSONPath paths, reference paths and payload templates as Step Functions evaluates them.
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../../src/services/sfn/language/index.js';
import { readPath, writePath } from '../../../src/services/sfn/language/jsonpath.js';
import { renderTemplate } from '../../../src/services/sfn/language/templates.js';

// The example input of the paths page (its "$.foo" … "$.a[?(@.b>1)]"-style examples).
const input: Json = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true }, a: [{ x: 1 }, { x: 2 }, { x: 3 }] };
const env = { context: { Execution: { Id: 'arn:exec' } }, variables: { v: { n: 7 } } };

describe('readPath', () => {
  const cases: [string, Json][] = [
    ['$', input],
    ['$.foo', 123],
    ["$['foo']", 123],
    ['$.bar', ['a', 'b', 'c']],
    ['$.car.cdr', true],
    ['$.bar[0]', 'a'],
    ['$.bar[-1]', 'c'],
    ['$.bar[*]', ['a', 'b', 'c']],
    ['$.bar[0:2]', ['a', 'b']],
    ['$.bar[1:]', ['b', 'c']],
    ['$.bar[0,2]', ['a', 'c']],
    ['$..cdr', [true]],
    ['$.a[?(@.x > 1)]', [{ x: 2 }, { x: 3 }]],
    ['$.a[?(@.x == 1)].x', [1]],
    ['$.a[*].x', [1, 2, 3]],
  ];
  for (const [path, expected] of cases) {
    it(`reads ${path}`, () => assert.deepEqual(readPath(path, input, null), expected));
  }
  it('reads the context object with $$', () =>
    assert.equal(readPath('$$.Execution.Id', input, env.context), 'arn:exec'));
  it("fails with States.Runtime and AWS's wording when a path matches nothing", () => {
    assert.throws(() => readPath('$.x', input, null), {
      error: 'States.Runtime',
      cause: "Invalid path '$.x' : No results for path: $['x']",
    });
  });
});

describe('writePath (ResultPath)', () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
  it('adds the result under a new key', () =>
    assert.deepEqual(writePath({ a: 1 }, '$.r', 2), { a: 1, r: 2 }));
  it('creates intermediate objects', () => assert.deepEqual(writePath({}, '$.a.b', 1), { a: { b: 1 } }));
  it('replaces the whole input at $', () => assert.equal(writePath({ a: 1 }, '$', 5), 5));
  it('rejects a path that is not a reference path', () => assert.throws(() => writePath({}, '$.a[*]', 1)));
});

describe('renderTemplate', () => {
  it('replaces .$ keys by paths, context paths, variables and intrinsics', () => {
    const out = renderTemplate(
      {
        static: 'x',
        'p.$': '$.foo',
        'c.$': '$$.Execution.Id',
        'v.$': '$v.n',
        'f.$': "States.Format('n={}', $.foo)",
        nested: { 'q.$': '$.bar[1]' },
      },
      input,
      env,
    );
    assert.deepEqual(out, { static: 'x', p: 123, c: 'arn:exec', v: 7, f: 'n=123', nested: { q: 'b' } });
  });
  it("fails with AWS's Parameters message when a path is missing", () => {
    assert.throws(() => renderTemplate({ 'a.$': '$.zz' }, { b: 1 }, env), {
      error: 'States.Runtime',
      cause: `The JSONPath '$.zz' specified for the field 'a.$' could not be found in the input '{"b":1}'`,
    });
  });
});
