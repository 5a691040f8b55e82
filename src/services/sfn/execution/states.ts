// The interpreter: what each message does to a thread, the simple states (Pass, Choice, Wait, Succeed,
// Fail), leaving a state, error handling with Retry and Catch, and the end of a thread or the execution.
// Tasks are in tasks.ts, Parallel and Map in fan-out.ts.
// https://states-language.net/spec.html

import {
  choose,
  effectiveInput,
  errorOutput,
  failDetails,
  findCatcher,
  findRetrier,
  type Json,
  queryLanguageOf,
  type State,
  StatesFailure,
  stateOutput,
  waitUntil,
} from '../language/index.js';
import { childFinished, startFanOut } from './fan-out.js';
import { stateEntered, stateExited } from './history.js';
import type { Message, Run } from './run.js';
import { startTask, taskActivityStarted, taskAnswered, taskHeartbeat, taskTimedOut } from './tasks.js';
import type { Outcome, Thread } from './threads.js';

/** "The maximum input or output size for a task, state, or execution is 256 KiB of data as a UTF-8
 * encoded string" (Step Functions service quotas). */
export const MAX_PAYLOAD = 256 * 1024;

/** The row id under which an ended execution keeps its main path for RedriveExecution (threads of a
 * running execution are numbered from 1). */
export const REDRIVE_THREAD = 0;

export async function handleMessage(run: Run, message: Message): Promise<void> {
  if (message.kind === 'stop') return stopExecution(run, 'ExecutionAborted', message.error, message.cause);
  if (message.kind === 'execution-timeout')
    return stopExecution(run, 'ExecutionTimedOut', 'States.Timeout', '');
  if (message.kind === 'step' && run.host.machineDeleting(run)) {
    return stopExecution(run, 'ExecutionAborted', 'States.Runtime', 'The state machine was deleted');
  }
  const thread = run.threads.get(message.thread);
  if (!thread) return; // aborted with its Parallel or Map: what it was waiting for no longer matters
  try {
    switch (message.kind) {
      case 'step':
        if (thread.step.kind === 'enter') await enter(run, thread);
        else if (thread.step.kind === 'run') await work(run, thread);
        return;
      case 'timer':
        if (thread.step.kind === 'wait') await leave(run, thread, { output: thread.input, assign: {} });
        else if (thread.step.kind === 'backoff') await work(run, thread);
        return;
      case 'task':
        return await taskAnswered(run, thread, message.attempt, message.outcome, message.submitted === true);
      case 'activity-started':
        return taskActivityStarted(run, thread, message.attempt, message.workerName);
      case 'task-timeout':
        return await taskTimedOut(run, thread, message.attempt, message.heartbeat);
      case 'heartbeat':
        return taskHeartbeat(run, thread);
    }
  } catch (thrown) {
    if (thrown instanceof StatesFailure) return await fail(run, thread, thrown.error, thrown.cause);
    // Nimbus's own fault: the execution fails (States.Runtime, not catchable) rather than hang with a
    // thread no message will ever move.
    run.host.log(
      `Step Functions: ${run.arn} failed inside Nimbus: ${(thrown as Error).stack ?? String(thrown)}`,
    );
    stopExecution(
      run,
      'ExecutionFailed',
      'States.Runtime',
      `Internal error in Nimbus: ${(thrown as Error).message}`,
    );
  }
}

/** Records `<Type>StateEntered` and starts the state's work. */
async function enter(run: Run, thread: Thread): Promise<void> {
  const state = run.stateOf(thread);
  thread.enteredAt = run.now();
  thread.retries = [];
  thread.retryCount = 0;
  thread.enteredEventId = run.record(
    thread,
    `${state.Type}StateEntered`,
    stateEntered(thread.state, thread.input),
  );
  thread.step = { kind: 'run' };
  await work(run, thread);
}

/** The state's work, from its start (or again, after a retry's back-off). */
export async function work(run: Run, thread: Thread): Promise<void> {
  const state = run.stateOf(thread);
  const language = queryLanguageOf(state, run.definition);
  const env = run.environment(thread);
  thread.step = { kind: 'run' };
  run.touch(thread);
  switch (state.Type) {
    case 'Pass':
    case 'Succeed': {
      const result = await effectiveInput(state, language, thread.input, env);
      return leave(run, thread, await stateOutput(state, language, thread.input, result, env));
    }
    case 'Choice': {
      const outcome = await choose(state, language, thread.input, env);
      if (outcome.next === undefined) throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
      return leave(run, thread, outcome, outcome.next);
    }
    case 'Wait': {
      const until = await waitUntil(state, language, thread.input, env, run.now());
      thread.step = { kind: 'wait', until };
      run.later(() => run.armTimer(thread.id, until, { kind: 'timer', thread: thread.id }));
      return;
    }
    case 'Fail': {
      const { error, cause } = await failDetails(state, language, thread.input, env);
      return endThread(run, thread, { ok: false, error: error ?? 'States.Fail', cause: cause ?? '' });
    }
    case 'Task':
      return startTask(run, thread, state, language);
    case 'Parallel':
    case 'Map':
      return startFanOut(run, thread, state, language);
    default:
      throw new StatesFailure('States.Runtime', `Unknown state type ${state.Type}`);
  }
}

/** Records `<Type>StateExited`, takes the state's assignments, then goes on to `next` (or the state's
 * Next), or ends the thread at an End or Succeed. */
export async function leave(
  run: Run,
  thread: Thread,
  outcome: { output: Json; assign: Readonly<Record<string, Json>> },
  next?: string,
): Promise<void> {
  const state = run.stateOf(thread);
  if (Buffer.byteLength(JSON.stringify(outcome.output), 'utf8') > MAX_PAYLOAD) {
    throw new StatesFailure(
      'States.DataLimitExceeded',
      `The state/task '${thread.state}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
  run.record(thread, `${state.Type}StateExited`, stateExited(thread.state, outcome.output, outcome.assign));
  Object.assign(thread.variables, outcome.assign);
  const target = next ?? (typeof state.Next === 'string' ? state.Next : undefined);
  if (state.Type === 'Succeed' || state.End === true || target === undefined) {
    return endThread(run, thread, { ok: true, output: outcome.output });
  }
  goTo(run, thread, target, outcome.output);
}

function goTo(run: Run, thread: Thread, state: string, input: Json): void {
  thread.state = state;
  thread.input = input;
  thread.step = { kind: 'enter' };
  run.touch(thread);
  run.deliver({ kind: 'step', thread: thread.id });
}

/** A state failed with `error`: a Retry rule with attempts left runs it again after its back-off, a Catch
 * rule moves on with the error output, else the thread ends with the error. */
export async function fail(run: Run, thread: Thread, error: string, cause: string): Promise<void> {
  const state = run.stateOf(thread);
  // A runtime error names the state it happened in ("An error occurred while executing the state 'Fast'
  // (entered at the event id #4). The JSONPath …"), as AWS words it.
  const fullCause =
    error === 'States.Runtime'
      ? `An error occurred while executing the state '${thread.state}' (entered at the event id #${thread.enteredEventId}). ${cause}`
      : cause;
  const retriers = rules(state.Retry);
  const decision = findRetrier(retriers, error, thread.retries, run.host.random);
  if (decision) {
    thread.retries[decision.retrierIndex] = (thread.retries[decision.retrierIndex] ?? 0) + 1;
    thread.retryCount++;
    const until = run.now() + decision.delayMs;
    thread.step = { kind: 'backoff', until };
    run.touch(thread);
    run.later(() => run.armTimer(thread.id, until, { kind: 'timer', thread: thread.id }));
    return;
  }
  const catchers = rules(state.Catch);
  const index = findCatcher(catchers, error);
  if (index >= 0) {
    const catcher = catchers[index]!;
    const language = queryLanguageOf(state, run.definition);
    const env = run.environment(thread);
    try {
      const outcome = await errorOutput(
        catcher,
        language,
        thread.input,
        { Error: error, Cause: fullCause },
        env,
      );
      Object.assign(thread.variables, outcome.assign);
      goTo(run, thread, catcher.Next as string, outcome.output);
      return;
    } catch (thrown) {
      if (!(thrown instanceof StatesFailure)) throw thrown;
      return endThread(run, thread, { ok: false, error: thrown.error, cause: thrown.cause });
    }
  }
  return endThread(run, thread, { ok: false, error, cause: fullCause });
}

/** The thread is done: the execution ends with it, or its Parallel or Map takes its outcome. */
export async function endThread(run: Run, thread: Thread, outcome: Outcome): Promise<void> {
  run.removeThread(thread);
  if (thread.parent === undefined) return endExecution(run, outcome, thread);
  const parent = run.threads.get(thread.parent);
  if (parent) await childFinished(run, parent, thread, outcome);
}

function endExecution(run: Run, outcome: Outcome, root: Thread): void {
  if (outcome.ok) {
    const output = JSON.stringify(outcome.output);
    run.record(
      undefined,
      'ExecutionSucceeded',
      { output, outputDetails: { truncated: false } },
      run.row.event_count,
    );
    finish(run, 'SUCCEEDED', { output });
  } else {
    run.record(
      undefined,
      'ExecutionFailed',
      { error: outcome.error, cause: outcome.cause },
      run.row.event_count,
    );
    finish(run, 'FAILED', { error: outcome.error, cause: outcome.cause }, root);
  }
}

/** StopExecution and the execution's own TimeoutSeconds: every thread ends where it is. */
function stopExecution(
  run: Run,
  type: 'ExecutionAborted' | 'ExecutionTimedOut' | 'ExecutionFailed',
  error?: string,
  cause?: string,
): void {
  if (run.finished) return;
  const root = [...run.threads.values()].find((thread) => thread.parent === undefined);
  for (const thread of [...run.threads.values()]) run.removeThread(thread);
  const details: Record<string, unknown> = {};
  if (error !== undefined) details.error = error;
  if (cause !== undefined) details.cause = cause;
  run.record(undefined, type, details, run.row.event_count);
  const status = {
    ExecutionAborted: 'ABORTED',
    ExecutionTimedOut: 'TIMED_OUT',
    ExecutionFailed: 'FAILED',
  } as const;
  finish(run, status[type], { error, cause }, root);
}

function finish(
  run: Run,
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT',
  result: { output?: string; error?: string; cause?: string },
  root?: Thread,
): void {
  const stoppedAt = run.now();
  run.row = {
    ...run.row,
    status,
    output: result.output ?? null,
    error: result.error ?? null,
    cause: result.cause ?? null,
    stopped_at: stoppedAt,
  };
  const arn = run.arn;
  run.write(() => {
    run.host.sql.finish.run({
      arn,
      status,
      output: result.output ?? null,
      error: result.error ?? null,
      cause: result.cause ?? null,
      stopped_at: stoppedAt,
    });
    run.host.sql.deleteThreads.run(arn);
    run.host.sql.deleteTokens.run(arn);
    // What RedriveExecution starts again from: the main path at the state it ended in (thread 0).
    if (root && run.row.type === 'STANDARD')
      run.host.sql.putThread.run(arn, REDRIVE_THREAD, JSON.stringify(root));
  });
  run.later(() => {
    run.close();
    run.host.ended(run);
  });
}

/** A state's Retry or Catch list, its rules as objects. */
export function rules(value: Json | undefined): Record<string, Json>[] {
  return Array.isArray(value)
    ? (value.filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, Json>[])
    : [];
}

export type { State };
