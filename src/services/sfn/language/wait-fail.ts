// Wait and Fail fields in both query languages.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html

import { parseTimestamp } from './choice.js';
import { selectPath } from './data-flow.js';
import { type Environment, type Json, type QueryLanguage, type State, StatesFailure } from './index.js';
import { evaluateJsonata } from './jsonata-eval.js';
import { readPath } from './jsonpath.js';
import { dynamicValue } from './templates.js';

/** Epoch milliseconds at which the Wait state ends; `nowMs` is the cloud clock when it was entered. */
export async function waitUntil(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
  nowMs: number,
): Promise<number> {
  let seconds: Json | undefined = state.Seconds;
  let timestamp: Json | undefined = state.Timestamp;
  if (language === 'JSONata') {
    if (seconds !== undefined) seconds = await evaluateJsonata(seconds, { input: rawInput }, env, 'Seconds');
    if (timestamp !== undefined)
      timestamp = await evaluateJsonata(timestamp, { input: rawInput }, env, 'Timestamp');
  } else {
    const input = selectPath(state.InputPath, rawInput, env);
    if (typeof state.SecondsPath === 'string') seconds = readPath(state.SecondsPath, input, env.context);
    if (typeof state.TimestampPath === 'string')
      timestamp = readPath(state.TimestampPath, input, env.context);
  }
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw new StatesFailure(
        failureName(language),
        `The SecondsPath parameter does not reference a valid integer value: ${JSON.stringify(seconds)}`,
      );
    }
    return nowMs + seconds * 1000;
  }
  if (timestamp !== undefined) {
    const ms = typeof timestamp === 'string' ? parseTimestamp(timestamp) : undefined;
    if (ms === undefined) {
      throw new StatesFailure(
        failureName(language),
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${JSON.stringify(timestamp)}`,
      );
    }
    return ms;
  }
  return nowMs;
}

export async function failDetails(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<{ error?: string; cause?: string }> {
  let error: Json | undefined = state.Error;
  let cause: Json | undefined = state.Cause;
  if (language === 'JSONata') {
    if (error !== undefined) error = await evaluateJsonata(error, { input: rawInput }, env, 'Error');
    if (cause !== undefined) cause = await evaluateJsonata(cause, { input: rawInput }, env, 'Cause');
  } else {
    // ErrorPath/CausePath take a path or an intrinsic function (States.Format …).
    if (typeof state.ErrorPath === 'string')
      error = dynamicValue('ErrorPath', state.ErrorPath, rawInput, env);
    if (typeof state.CausePath === 'string')
      cause = dynamicValue('CausePath', state.CausePath, rawInput, env);
  }
  const out: { error?: string; cause?: string } = {};
  if (error !== undefined) out.error = typeof error === 'string' ? error : JSON.stringify(error);
  if (cause !== undefined) out.cause = typeof cause === 'string' ? cause : JSON.stringify(cause);
  return out;
}

function failureName(language: QueryLanguage): string {
  return language === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime';
}
