// Retry and Catch rules: which rule takes an error, and the back-off before the next attempt.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

import type { Json, RetryDecision } from './index.js';

/** Whether ErrorEquals takes `error`. States.ALL takes everything; States.TaskFailed takes everything
 * but States.Timeout ("matches any known error name except for States.Timeout" — the error-handling page). */
export function errorMatches(errorEquals: Json | undefined, error: string): boolean {
  if (!Array.isArray(errorEquals)) return false;
  // "A States.Runtime error isn't retriable, and will always cause the execution to fail. A retry or catch
  // on States.ALL won't catch States.Runtime errors"; States.DataLimitExceeded is likewise terminal.
  if (error === 'States.Runtime') return false;
  const terminal = error === 'States.DataLimitExceeded';
  return errorEquals.some(
    (name) =>
      name === error ||
      (name === 'States.ALL' && !terminal) ||
      (name === 'States.TaskFailed' && !terminal && error !== 'States.Timeout'),
  );
}

/** The Retry rule that takes `error` and still has attempts left, with its delay; undefined to give up.
 * `attempts[i]` counts the retries rule i has made; `random()` is in [0, 1) for JitterStrategy FULL. */
export function findRetrier(
  retriers: readonly Record<string, Json>[],
  error: string,
  attempts: readonly number[],
  random: () => number,
): RetryDecision | undefined {
  const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error));
  if (index < 0) return undefined;
  const rule = retriers[index] ?? {};
  const maxAttempts = num(rule.MaxAttempts, 3);
  const made = attempts[index] ?? 0;
  if (made >= maxAttempts) return undefined;
  const interval = num(rule.IntervalSeconds, 1);
  const rate = num(rule.BackoffRate, 2);
  let delay = interval * rate ** made;
  if (typeof rule.MaxDelaySeconds === 'number') delay = Math.min(delay, rule.MaxDelaySeconds);
  if (rule.JitterStrategy === 'FULL') delay = random() * delay;
  return { retrierIndex: index, delayMs: Math.round(delay * 1000) };
}

/** The index of the first Catcher whose ErrorEquals takes `error`, or -1. */
export function findCatcher(catchers: readonly Record<string, Json>[], error: string): number {
  return catchers.findIndex((c) => errorMatches(c.ErrorEquals, error));
}

function num(value: Json | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
