// Parallel and Map states: starting their branches or iterations as threads, collecting results in
// order, MaxConcurrency, tolerated failures, and aborting the rest when one failure ends the state.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// A distributed Map (ItemReader, or ProcessorConfig.Mode DISTRIBUTED) runs as a map run: distributed-map.ts.

import {
  effectiveInput,
  itemInput,
  type Json,
  mapItems,
  maxConcurrency,
  type QueryLanguage,
  queryLanguageOf,
  type State,
  stateOutput,
  toleratedFailure,
} from '../language/index.js';
import { isDistributed, startDistributedMap } from './distributed-map.js';
import type { Run } from './run.js';
import { fail, leave } from './states.js';
import type { FanOutStep, Outcome, Thread } from './threads.js';

export async function startFanOut(
  run: Run,
  thread: Thread,
  state: State,
  language: QueryLanguage,
): Promise<void> {
  const env = run.environment(thread);
  if (state.Type === 'Parallel') {
    const input = await effectiveInput(state, language, thread.input, env);
    const branches = Array.isArray(state.Branches) ? state.Branches.length : 0;
    const started = run.record(thread, 'ParallelStateStarted');
    setFanOut(run, thread, {
      kind: 'fan-out',
      total: branches,
      next: branches,
      running: branches,
      succeeded: 0,
      failed: 0,
      limit: 0,
    });
    for (let branch = 0; branch < branches; branch++) {
      spawn(run, thread, branch, run.startOf(thread.scope, thread.state, branch), input, started, { branch });
    }
    return;
  }
  if (isDistributed(state)) return startDistributedMap(run, thread, state, language);
  const items = await mapItems(state, language, thread.input, env);
  const limit = await maxConcurrency(state, language, thread.input, env);
  const tolerated = await toleratedFailure(state, language, thread.input, env);
  run.record(thread, 'MapStateStarted', { length: items.length });
  run.items.set(thread.id, items);
  for (const [index, item] of items.entries()) run.putValue(thread.id, 'item', index, item);
  setFanOut(run, thread, {
    kind: 'fan-out',
    total: items.length,
    next: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    limit,
    toleratedCount: tolerated.count,
    toleratedPercentage: tolerated.percentage,
  });
  if (items.length === 0) return finishFanOut(run, thread);
  await startIterations(run, thread);
}

/** A branch or iteration ended: its result is kept in order; a failure ends the state unless tolerated. */
export async function childFinished(
  run: Run,
  parent: Thread,
  child: Thread,
  outcome: Outcome,
): Promise<void> {
  const step = parent.step;
  if (step.kind !== 'fan-out') return;
  const state = run.stateOf(parent);
  const isMap = state.Type === 'Map';
  const index = child.slot!;
  step.running--;
  if (outcome.ok) {
    step.succeeded++;
    if (isMap)
      run.record(parent, 'MapIterationSucceeded', { name: parent.state, index }, child.previousEventId);
    keepResult(run, parent, index, outcome.output);
  } else {
    step.failed++;
    if (isMap) run.record(parent, 'MapIterationFailed', { name: parent.state, index }, child.previousEventId);
    else run.previousFrom(parent, child.previousEventId);
    if (!isMap || !tolerates(step)) {
      abortChildren(run, parent);
      run.record(parent, isMap ? 'MapStateFailed' : 'ParallelStateFailed');
      const tolerance = step.toleratedCount !== undefined || step.toleratedPercentage !== undefined;
      // "If the failure threshold is breached, the Map state fails with States.ExceedToleratedFailureThreshold."
      if (isMap && tolerance) {
        return fail(
          run,
          parent,
          'States.ExceedToleratedFailureThreshold',
          'The specified tolerated failure threshold was exceeded',
        );
      }
      return fail(run, parent, outcome.error, outcome.cause);
    }
    keepResult(run, parent, index, null);
  }
  run.touch(parent);
  if (step.succeeded + step.failed === step.total) {
    if (!isMap) run.previousFrom(parent, child.previousEventId);
    return finishFanOut(run, parent);
  }
  if (isMap) await startIterations(run, parent);
}

async function finishFanOut(run: Run, thread: Thread): Promise<void> {
  const state = run.stateOf(thread);
  run.record(thread, state.Type === 'Map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded');
  const results = (run.results.get(thread.id) ?? [])
    .slice(0, (thread.step as FanOutStep).total)
    .map((r) => r ?? null);
  const language = queryLanguageOf(state, run.definition);
  const outcome = await stateOutput(state, language, thread.input, results, run.environment(thread));
  run.items.delete(thread.id);
  run.results.delete(thread.id);
  return leave(run, thread, outcome);
}

/** Starts iterations until MaxConcurrency are running or every item has started. */
async function startIterations(run: Run, thread: Thread): Promise<void> {
  const step = thread.step as FanOutStep;
  const state = run.stateOf(thread);
  const language = queryLanguageOf(state, run.definition);
  const items = run.items.get(thread.id) ?? [];
  const start = run.startOf(thread.scope, thread.state);
  while (step.next < step.total && (step.limit === 0 || step.running < step.limit)) {
    const index = step.next++;
    step.running++;
    const item = items[index] ?? null;
    const started = run.record(thread, 'MapIterationStarted', { name: thread.state, index });
    const input = await itemInput(state, language, thread.input, item, index, run.environment(thread));
    spawn(run, thread, index, start, input, started, { item: { index, value: item } });
  }
  run.touch(thread);
}

function spawn(
  run: Run,
  parent: Thread,
  slot: number,
  state: string,
  input: Json,
  previousEventId: number,
  where: { branch?: number; item?: { index: number; value: Json } },
): void {
  const child = run.newThread({
    parent: parent.id,
    slot,
    scope: [
      ...parent.scope,
      where.branch === undefined ? { state: parent.state } : { state: parent.state, branch: where.branch },
    ],
    state,
    input,
    variables: { ...parent.variables },
    mapItem: where.item,
    previousEventId,
    enteredEventId: 0,
    enteredAt: run.now(),
    retries: [],
    retryCount: 0,
    step: { kind: 'enter' },
  });
  run.deliver({ kind: 'step', thread: child.id });
}

function setFanOut(run: Run, thread: Thread, step: FanOutStep): void {
  thread.step = step;
  run.results.set(thread.id, []);
  run.touch(thread);
}

function keepResult(run: Run, parent: Thread, index: number, value: Json): void {
  const results = run.results.get(parent.id) ?? [];
  results[index] = value;
  run.results.set(parent.id, results);
  run.putValue(parent.id, 'result', index, value);
}

/** Whether the failures so far are within ToleratedFailureCount / ToleratedFailurePercentage. */
function tolerates(step: FanOutStep): boolean {
  if (step.toleratedCount !== undefined && step.failed <= step.toleratedCount) return true;
  if (step.toleratedPercentage !== undefined && (step.failed / step.total) * 100 <= step.toleratedPercentage)
    return true;
  return false;
}

/** Ends every thread below `parent` (a failure ended the state, or the state is being retried). */
export function abortChildren(run: Run, parent: Thread): void {
  for (const thread of [...run.threads.values()]) {
    if (thread.parent !== parent.id) continue;
    abortChildren(run, thread);
    if (thread.step.kind === 'task' && thread.step.token) {
      const token = thread.step.token;
      run.write(() => run.host.sql.deleteToken.run(token));
    }
    run.removeThread(thread);
  }
}
