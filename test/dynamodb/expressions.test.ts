// Table-driven tests of DynamoDB's expression languages (parser and evaluator) and number fidelity
// (decimal module), run in-process. Expected answers follow
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDecimals,
  canonicalNumber,
  compareDecimals,
  encodeDecimal,
  parseDecimal,
} from '../../src/services/dynamodb/decimal.js';
import { ExpressionScope } from '../../src/services/dynamodb/expressions/ast.js';
import { applyUpdate, evaluateCondition } from '../../src/services/dynamodb/expressions/evaluate.js';
import {
  parseCondition,
  parseProjection,
  parseUpdate,
} from '../../src/services/dynamodb/expressions/parser.js';
import { type AttributeValue, checkItem, type Item } from '../../src/services/dynamodb/values.js';

const ITEM: Item = {
  id: { S: 'user#1' },
  age: { N: '42' },
  score: { N: '7.50' },
  name: { S: 'Ada' },
  uni: { S: 'éa' },
  tags: { SS: ['admin', 'dev'] },
  nums: { NS: ['1', '2'] },
  lst: { L: [{ S: 'a' }, { N: '2' }] },
  doc: { M: { deep: { M: { flag: { BOOL: true } } }, empty: { NULL: true } } },
  bin: { B: Buffer.from('hello').toString('base64') },
};
const VALUES: Record<string, AttributeValue> = checkItem({
  ':42': { N: '42.0' },
  ':40': { N: '40' },
  ':50': { N: '50' },
  ':ada': { S: 'Ada' },
  ':A': { S: 'A' },
  ':admin': { S: 'admin' },
  ':S': { S: 'S' },
  ':two': { N: '2' },
  ':three': { N: '3' },
  ':hel': { B: Buffer.from('hel').toString('base64') },
});

function check(expression: string, names?: Record<string, string>): boolean {
  const scope = new ExpressionScope(names, VALUES);
  return evaluateCondition(
    parseCondition(expression, 'ConditionExpression', scope),
    ITEM,
    'ConditionExpression',
  );
}

describe('DynamoDB condition expressions', () => {
  const cases: [string, boolean, Record<string, string>?][] = [
    ['age = :42', true],
    ['age <> :42', false],
    ['age < :50 AND age > :40', true],
    ['age BETWEEN :40 AND :50', true],
    ['age IN (:40, :42)', true],
    ['NOT age IN (:40, :50)', true],
    ['attribute_exists(doc.deep.flag)', true],
    ['attribute_not_exists(doc.deep.absent)', true],
    ['attribute_type(id, :S)', true],
    ['begins_with(#n, :A)', true, { '#n': 'name' }],
    ['begins_with(bin, :hel)', true],
    ['contains(tags, :admin)', true],
    ['contains(nums, :two)', true],
    ['contains(lst, :two)', true],
    ['size(tags) = :two', true],
    ['size(#n) = :three', true, { '#n': 'name' }],
    ['size(uni) = :three', true],
    ['size(lst) < :two', false],
    ['absent = :42 OR age = :42', true],
    ['(age = :40 OR age = :42) AND NOT attribute_exists(nope)', true],
    ['lst[1] = :two', true],
    ['#n <> :A', true, { '#n': 'name' }],
    ['age > :ada', false],
    ['Age = :42', false],
  ];
  for (const [expression, expected, names] of cases) {
    it(`${expression} → ${expected}`, () => assert.equal(check(expression, names), expected));
  }

  const errors: [string, string][] = [
    ['age =', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="'],
    ['age = = :42', 'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :42"'],
    ['foo(age)', 'Invalid ConditionExpression: Invalid function name; function: foo'],
    [
      '#x = :42',
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x',
    ],
    [
      'age = :nope',
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope',
    ],
    [
      'status = :42',
      'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status',
    ],
    [
      'begins_with(age)',
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
    ],
    [
      'attribute_type(age, :ada)',
      'Invalid ConditionExpression: Invalid attribute type name found in type function; type: Ada, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}',
    ],
    [
      'age BETWEEN :50 AND :40',
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:50}, upper bound operand: AttributeValue: {N:40}',
    ],
    [
      'if_not_exists(age, :42) = :42',
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists',
    ],
    ['', 'Invalid ConditionExpression: The expression can not be empty;'],
  ];
  for (const [expression, message] of errors) {
    it(`rejects ${JSON.stringify(expression)}`, () => assert.throws(() => check(expression), { message }));
  }

  it('reports unused expression attribute names and values', () => {
    const scope = new ExpressionScope(
      { '#a': 'age', '#unused': 'x' },
      { ':v': { N: '1' }, ':w': { N: '2' } },
    );
    parseCondition('#a = :v', 'ConditionExpression', scope);
    assert.throws(() => scope.checkAllUsed(), {
      message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}',
    });
  });
});

describe('DynamoDB update expressions', () => {
  const update = (expression: string, values: Record<string, AttributeValue> = {}) =>
    applyUpdate(ITEM, parseUpdate(expression, new ExpressionScope({ '#n': 'name' }, values)));

  it('evaluates every right-hand side against the item before the update', () => {
    const result = update('SET age = score, score = age');
    assert.deepEqual([result.age, result.score], [{ N: '7.50' }, { N: '42' }]);
  });
  it('does exact decimal arithmetic', () => {
    const result = update('SET score = score + :x, age = age - :y', {
      ':x': { N: '0.1' },
      ':y': { N: '42.000001' },
    });
    assert.deepEqual([result.score, result.age], [{ N: '7.6' }, { N: '-0.000001' }]);
  });
  it('removes list elements by their original indexes', () => {
    const result = applyUpdate(
      { l: { L: [{ N: '0' }, { N: '1' }, { N: '2' }, { N: '3' }] } },
      parseUpdate('REMOVE l[1], l[3]', new ExpressionScope(undefined, undefined)),
    );
    assert.deepEqual(result.l, { L: [{ N: '0' }, { N: '2' }] });
  });
  it('appends when SET names an index past the end of a list', () => {
    const result = update('SET lst[10] = :v', { ':v': { S: 'z' } });
    assert.deepEqual(result.lst, { L: [{ S: 'a' }, { N: '2' }, { S: 'z' }] });
  });
  const errors: [string, string, Record<string, AttributeValue>?][] = [
    ['SET', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'],
    [
      'SET a = :v SET b = :v',
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
      { ':v': { N: '1' } },
    ],
    [
      'SET a = :v REMOVE a',
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
      { ':v': { N: '1' } },
    ],
    [
      'SET #n = #n + :v',
      'An operand in the update expression has an incorrect data type',
      { ':v': { N: '1' } },
    ],
    ['ADD #n :v', 'An operand in the update expression has an incorrect data type', { ':v': { N: '1' } }],
    [
      'SET doc.nope.x = :v',
      'The document path provided in the update expression is invalid for update',
      { ':v': { N: '1' } },
    ],
    [
      'UPSERT a = :v',
      'Invalid UpdateExpression: Syntax error; token: "UPSERT", near: "UPSERT a"',
      { ':v': { N: '1' } },
    ],
  ];
  for (const [expression, message, values] of errors) {
    it(`rejects ${JSON.stringify(expression)}`, () =>
      assert.throws(() => update(expression, values), { message }));
  }
});

describe('DynamoDB projection expressions', () => {
  it('rejects overlapping paths', () => {
    assert.throws(() => parseProjection('a, a.b', new ExpressionScope(undefined, undefined)), {
      message:
        'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
    });
  });
});

describe('DynamoDB numbers', () => {
  const canonical: [string, string][] = [
    ['1.0', '1'],
    ['01.50', '1.5'],
    ['-0', '0'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['99999999999999999999999999999999999999', '99999999999999999999999999999999999999'],
    [
      '9.9999999999999999999999999999999999999E+125',
      `99999999999999999999999999999999999999${'0'.repeat(88)}`,
    ],
  ];
  for (const [input, output] of canonical)
    it(`${input} → ${output}`, () => assert.equal(canonicalNumber(input), output));

  it('compares and encodes in numeric order', () => {
    const sorted = [
      '-1E125',
      '-10',
      '-9.5',
      '-1',
      '-0.01',
      '0',
      '1E-130',
      '0.01',
      '1',
      '1.5',
      '9',
      '10',
      '1E125',
    ];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = parseDecimal(sorted[i]!);
      const b = parseDecimal(sorted[i + 1]!);
      assert.equal(compareDecimals(a, b), -1, `${sorted[i]} < ${sorted[i + 1]}`);
      assert.equal(
        Buffer.compare(encodeDecimal(a), encodeDecimal(b)),
        -1,
        `bytes of ${sorted[i]} < ${sorted[i + 1]}`,
      );
    }
  });
  it('adds exactly where floats would not', () => {
    assert.equal(canonicalNumber(fmt(addDecimals(parseDecimal('0.1'), parseDecimal('0.2')))), '0.3');
    assert.equal(
      fmt(addDecimals(parseDecimal('12345678901234567890123456789012345678'), parseDecimal('1'))),
      '12345678901234567890123456789012345679',
    );
    assert.throws(
      () => addDecimals(parseDecimal('99999999999999999999999999999999999999'), parseDecimal('0.1')),
      {
        message: 'Attempting to store more than 38 significant digits in a Number',
      },
    );
  });
});

function fmt(value: ReturnType<typeof parseDecimal>): string {
  return canonicalNumber(`${value.negative ? '-' : ''}0.${value.digits || '0'}E${value.exp}`);
}
