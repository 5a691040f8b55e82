// Intrinsic functions, expected values from the examples on
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../../src/services/sfn/language/index.js';
import { evaluateIntrinsic } from '../../../src/services/sfn/language/intrinsics.js';

const env = { context: {}, variables: {} };
const run = (expr: string, input: Json = {}) => evaluateIntrinsic(expr, input, env);

describe('intrinsic functions (AWS doc examples)', () => {
  const cases: [string, Json, Json][] = [
    ["States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'],
    ["States.Format('a \\{\\} b {}', 'x')", {}, 'a {} b x'],
    ['States.StringToJson($.someString)', { someString: '{"number": 20}' }, { number: 20 }],
    [
      'States.JsonToString($.someJson)',
      { someJson: { name: 'Foo', year: 2020 } },
      '{"name":"Foo","year":2020}',
    ],
    [
      "States.Array('Foo', 2020, $.someJson, null)",
      { someJson: { random: 'abcdefg' } },
      ['Foo', 2020, { random: 'abcdefg' }, null],
    ],
    [
      'States.ArrayPartition($.inputArray,4)',
      { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      [[1, 2, 3, 4], [5, 6, 7, 8], [9]],
    ],
    [
      'States.ArrayContains($.inputArray, $.lookingFor)',
      { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 },
      true,
    ],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 }, 6],
    ['States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9],
    ['States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
    ['States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
    ['States.Base64Decode($.base64)', { base64: 'RGVjb2RlZCBkYXRh' }, 'Decoded data'],
    [
      'States.Hash($.Data, $.Algorithm)',
      { Data: 'input data', Algorithm: 'SHA-1' },
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    ],
    [
      'States.JsonMerge($.json1, $.json2, false)',
      { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
      { a: { a3: 1, a4: 2 }, b: 2, c: 3 },
    ],
    ['States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110],
    [
      'States.StringSplit($.inputString, $.splitter)',
      { inputString: '1,2,3,4,5', splitter: ',' },
      ['1', '2', '3', '4', '5'],
    ],
    [
      'States.StringSplit($.inputString, $.splitter)',
      { inputString: 'This.is+a,test=string', splitter: '.+,=' },
      ['This', 'is', 'a', 'test', 'string'],
    ],
    ['States.ArrayLength(States.Array(1, 2, 3))', {}, 3],
  ];
  for (const [expr, input, expected] of cases) {
    it(`evaluates ${expr}`, () => assert.deepEqual(run(expr, input), expected));
  }
  it('MathRandom stays within [start, end)', () => {
    const v = run('States.MathRandom(1, 999)');
    assert.ok(typeof v === 'number' && v >= 1 && v < 999);
  });
  it('UUID returns a v4 uuid', () => assert.match(String(run('States.UUID()')), /^[0-9a-f-]{36}$/));
  it('fails with States.IntrinsicFailure past ArrayRange 1000 items', () => {
    assert.throws(() => run('States.ArrayRange(1, 2000, 1)'), { error: 'States.IntrinsicFailure' });
  });
  it('fails with States.IntrinsicFailure for JsonMerge deep merge', () => {
    assert.throws(() => run('States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }), {
      error: 'States.IntrinsicFailure',
    });
  });
  it('fails with States.IntrinsicFailure for an out-of-bounds ArrayGetItem', () => {
    assert.throws(() => run('States.ArrayGetItem(States.Array(1), 3)'), { error: 'States.IntrinsicFailure' });
  });
});
