// Retry and Catch rules. https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../../src/services/sfn/language/index.js';
import { findCatcher, findRetrier } from '../../../src/services/sfn/language/retry-catch.js';

const half = () => 0.5;

describe('findRetrier', () => {
  it('defaults: IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 3', () => {
    const r = [{ ErrorEquals: ['States.ALL'] }];
    assert.deepEqual(
      [0, 1, 2].map((n) => findRetrier(r, 'E', [n], half)?.delayMs),
      [1000, 2000, 4000],
    );
    assert.equal(findRetrier(r, 'E', [3], half), undefined);
  });
  it('MaxAttempts 0 never retries', () =>
    assert.equal(findRetrier([{ ErrorEquals: ['E'], MaxAttempts: 0 }], 'E', [0], half), undefined));
  it('caps at MaxDelaySeconds and applies FULL jitter', () => {
    const r = [
      {
        ErrorEquals: ['E'],
        IntervalSeconds: 10,
        MaxAttempts: 9,
        MaxDelaySeconds: 15,
        JitterStrategy: 'FULL',
      },
    ];
    assert.equal(findRetrier(r, 'E', [3], half)?.delayMs, 7500);
  });
  // The page's example: ErrorA, ErrorB, ErrorC, ErrorB with MaxAttempts 2 on the first retrier.
  it('counts attempts per retrier', () => {
    const r: Record<string, Json>[] = [
      { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
      { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
    ];
    assert.deepEqual(findRetrier(r, 'ErrorC', [2, 0], half), { retrierIndex: 1, delayMs: 5000 });
    assert.equal(findRetrier(r, 'ErrorB', [2, 1], half), undefined);
  });
});

describe('findCatcher', () => {
  const cases: [string[], string, number][] = [
    [['States.ALL'], 'Anything', 0],
    [['States.TaskFailed'], 'Lambda.Unknown', 0],
    [['States.TaskFailed'], 'States.Timeout', -1],
    [['States.ALL'], 'States.Runtime', -1],
    [['A'], 'B', -1],
  ];
  for (const [errors, error, expected] of cases) {
    it(`${errors.join(',')} ${expected < 0 ? 'does not take' : 'takes'} ${error}`, () => {
      assert.equal(findCatcher([{ ErrorEquals: errors, Next: 'X' }], error), expected);
    });
  }
});
