// PLACEHOLDER (the language helper replaces this file): Retry and Catch rules.

import type { Json, RetryDecision } from './index.js';

/** The Retry rule that takes `error` and still has attempts left, with its delay; undefined to give up.
 * `attempts[i]` counts the retries rule i has made; `random()` is in [0, 1) for JitterStrategy FULL. */
export function findRetrier(
  _retriers: readonly Record<string, Json>[],
  _error: string,
  _attempts: readonly number[],
  _random: () => number,
): RetryDecision | undefined {
  throw new Error('findRetrier: not built yet');
}

/** The index of the first Catcher whose ErrorEquals takes `error`, or -1. */
export function findCatcher(_catchers: readonly Record<string, Json>[], _error: string): number {
  throw new Error('findCatcher: not built yet');
}
