// Choice rules. https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choose } from '../../../src/services/sfn/language/choice.js';
import type { Json, State } from '../../../src/services/sfn/language/index.js';

const env = { context: {}, variables: { limit: 10 } };
const input: Json = {
  s: 'abc',
  n: 5,
  b: true,
  t: '2016-03-14T01:59:00Z',
  t2: '2016-03-14T02:00:00Z',
  nil: null,
  m: 7,
  f: 'log-2024.txt',
};
const pick = async (rule: Record<string, Json>, data: Json = input) =>
  (
    await choose(
      { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' } as State,
      'JSONPath',
      data,
      env,
    )
  ).next;

describe('JSONPath Choice operators', () => {
  const cases: [Record<string, Json>, string][] = [
    [{ Variable: '$.s', StringEquals: 'abc' }, 'Yes'],
    [{ Variable: '$.s', StringLessThan: 'abd' }, 'Yes'],
    [{ Variable: '$.s', StringGreaterThanEquals: 'abd' }, 'No'],
    [{ Variable: '$.n', NumericEquals: 5 }, 'Yes'],
    [{ Variable: '$.n', NumericLessThanPath: '$.m' }, 'Yes'],
    [{ Variable: '$.n', NumericGreaterThan: 5 }, 'No'],
    [{ Variable: '$.n', NumericLessThanEquals: 5 }, 'Yes'],
    [{ Variable: '$.b', BooleanEquals: true }, 'Yes'],
    [{ Variable: '$.t', TimestampLessThanPath: '$.t2' }, 'Yes'],
    [{ Variable: '$.t', TimestampEquals: '2016-03-14T01:59:00Z' }, 'Yes'],
    [{ Variable: '$.nil', IsNull: true }, 'Yes'],
    [{ Variable: '$.zz', IsPresent: false }, 'Yes'],
    [{ Variable: '$.n', IsNumeric: true }, 'Yes'],
    [{ Variable: '$.s', IsString: true }, 'Yes'],
    [{ Variable: '$.b', IsBoolean: true }, 'Yes'],
    [{ Variable: '$.t', IsTimestamp: true }, 'Yes'],
    [{ Variable: '$.s', IsTimestamp: true }, 'No'],
    [{ Variable: '$.f', StringMatches: 'log-*.txt' }, 'Yes'],
    [{ Variable: '$.f', StringMatches: 'log-\\*.txt' }, 'No'],
    [{ Variable: '$.s', NumericEquals: 1 }, 'No'],
    [{ Variable: '$limit', NumericEquals: 10 }, 'Yes'],
    [
      {
        And: [
          { Variable: '$.n', NumericGreaterThan: 1 },
          { Variable: '$.s', StringEquals: 'abc' },
        ],
      },
      'Yes',
    ],
    [
      {
        Or: [
          { Variable: '$.n', NumericGreaterThan: 9 },
          { Variable: '$.b', BooleanEquals: false },
        ],
      },
      'No',
    ],
    [{ Not: { Variable: '$.s', StringEquals: 'x' } }, 'Yes'],
  ];
  for (const [rule, expected] of cases) {
    it(`${JSON.stringify(rule)} chooses ${expected}`, async () => assert.equal(await pick(rule), expected));
  }
  it('returns next undefined when nothing matches and there is no Default', async () => {
    const s = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'A' }] } as State;
    assert.equal((await choose(s, 'JSONPath', input, env)).next, undefined);
  });
});

describe('JSONata Choice', () => {
  it('takes the first true Condition with its Output and Assign', async () => {
    const s = {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n > 9 %}', Next: 'Big' },
        {
          Condition: '{% $states.input.n > $limit - 6 %}',
          Next: 'Mid',
          Output: '{% $states.input.n %}',
          Assign: { seen: true },
        },
      ],
      Default: 'Small',
    } as State;
    assert.deepEqual(await choose(s, 'JSONata', { n: 5 }, env), {
      next: 'Mid',
      output: 5,
      assign: { seen: true },
    });
  });
});
