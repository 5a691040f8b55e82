// The Distributed Map state: a map run whose items (from the input or an ItemReader, batched by an
// ItemBatcher) each run as a child workflow execution with its own history, at most MaxConcurrency at once,
// results collected in item order or exported by a ResultWriter, failures judged against the thresholds.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

import { randomUUID } from 'node:crypto';
import {
  itemInput,
  type Json,
  mapItems,
  maxConcurrency,
  type QueryLanguage,
  queryLanguageOf,
  type State,
  StatesFailure,
  stateOutput,
  toleratedFailure,
} from '../language/index.js';
import { batchItems } from './item-batcher.js';
import { objectOf, readItems } from './item-reader.js';
import { childArn, childMachine, childRows, startChild } from './map-run-children.js';
import { exportResults, transform, writerConfig } from './result-writer.js';
import type { Message, Run } from './run.js';
import { fail, leave } from './states.js';
import type { MapRunChildRow, MapRunRow } from './store.js';
import type { MapRunStep, Thread } from './threads.js';

/** "If you don't specify MaxConcurrency, Step Functions runs up to 10,000 parallel child workflow
 * executions" (state-map-distributed.html). */
export const DEFAULT_DISTRIBUTED_CONCURRENCY = 10_000;

const THRESHOLD_CAUSE = 'The specified tolerated failure threshold was exceeded';

export function isDistributed(state: State): boolean {
  const processor = objectOf(state.ItemProcessor ?? state.Iterator);
  return state.ItemReader !== undefined || objectOf(processor.ProcessorConfig).Mode === 'DISTRIBUTED';
}

/** Starts the map run: MapStateStarted and MapRunStarted, the items read, the first children started. */
export async function startDistributedMap(
  run: Run,
  thread: Thread,
  state: State,
  language: QueryLanguage,
): Promise<void> {
  const env = run.environment(thread);
  writerConfig(state); // an unsupported ResultWriter fails the state before the map run starts
  const label = typeof state.Label === 'string' ? state.Label : thread.state;
  const machineArn = run.machine.stateMachineArn;
  const mapRunArn = `${machineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${randomUUID()}`;
  const limit = await maxConcurrency(state, language, thread.input, env);
  const tolerated = await toleratedFailure(state, language, thread.input, env);
  // Items from an ItemReader are read by the map run, after it started: the state reports none itself
  // (MapStateStarted's length is 0 in AWS's recorded histories).
  run.record(thread, 'MapStateStarted', { length: 0 });
  run.record(thread, 'MapRunStarted', { mapRunArn });
  const row = {
    arn: mapRunArn,
    execution_arn: run.arn,
    thread: thread.id,
    state_machine_arn: `${machineArn}/${label}`,
    started_at: run.now(),
    max_concurrency: limit,
    tolerated_failure_percentage: tolerated.percentage ?? null,
    tolerated_failure_count: tolerated.count ?? null,
  };
  run.write(() => run.host.sql.insertMapRun.run(row));
  let inputs: Json[];
  let itemTotal: number;
  try {
    const items =
      state.ItemReader === undefined
        ? await mapItems(state, language, thread.input, env)
        : await readItems(run, state, language, thread.input, env);
    itemTotal = items.length;
    const selected: Json[] = [];
    for (const [index, item] of items.entries()) {
      selected.push(await itemInput(state, language, thread.input, item, index, env));
    }
    inputs =
      state.ItemBatcher === undefined
        ? selected
        : await batchItems(state, language, thread.input, env, selected);
  } catch (thrown) {
    if (!(thrown instanceof StatesFailure)) throw thrown;
    return mapRunFailed(run, thread, mapRunArn, thrown.error, thrown.cause);
  }
  run.items.set(thread.id, inputs);
  run.results.set(thread.id, []);
  for (const [index, input] of inputs.entries()) run.putValue(thread.id, 'item', index, input);
  run.write(() => run.host.sql.setMapRunTotals.run(itemTotal, inputs.length, mapRunArn));
  const step: MapRunStep = {
    kind: 'map-run',
    mapRunArn,
    total: inputs.length,
    batched: state.ItemBatcher !== undefined,
    next: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
  };
  thread.step = step;
  run.touch(thread);
  // The row is not committed yet: the first look goes by what it will hold.
  await progress(run, thread, step, {
    ...row,
    status: 'RUNNING',
    stopped_at: null,
    total_items: itemTotal,
    total_executions: inputs.length,
    results_written: 0,
    error: null,
    cause: null,
  });
}

/** A message about the map run (distributed-map's part of the run's handler). */
export async function mapRunMessage(run: Run, message: Extract<Message, { kind: 'map-run' }>): Promise<void> {
  const thread = run.threads.get(message.thread);
  if (thread?.step.kind !== 'map-run') return;
  const step = thread.step;
  try {
    if (message.event === 'child-ended' && message.executionArn) {
      if (!childEnded(run, thread, step, message.executionArn)) return;
    }
    await progress(run, thread, step);
  } catch (thrown) {
    if (!(thrown instanceof StatesFailure)) throw thrown;
    await fail(run, thread, thrown.error, thrown.cause);
  }
}

/** After a restart: children decided but never started are started, children that ended unheard are
 * reported, and the Map looks again (UpdateMapRun may have raised its concurrency meanwhile). */
export function resumeMapRun(run: Run, thread: Thread): void {
  const step = thread.step as MapRunStep;
  const machine = childMachine(run, thread, step.mapRunArn);
  for (const child of run.host.mapRuns.children(step.mapRunArn) as MapRunChildRow[]) {
    if (child.status === null) {
      startChild(run, thread, step.mapRunArn, machine, child.idx);
    } else if (child.status !== 'RUNNING' && child.recorded === 0) {
      run.deliver({
        kind: 'map-run',
        thread: thread.id,
        event: 'child-ended',
        executionArn: child.execution_arn,
      });
    }
  }
  run.deliver({ kind: 'map-run', thread: thread.id, event: 'check' });
}

/** Takes one child's outcome; false when it was taken already or is not this map run's. */
function childEnded(run: Run, thread: Thread, step: MapRunStep, arn: string): boolean {
  const child = run.host.sql.mapRunChild.get(arn) as (MapRunChildRow & { map_run_arn: string }) | undefined;
  if (!child || child.map_run_arn !== step.mapRunArn || child.recorded !== 0) return false;
  const row = run.host.find(arn);
  if (row?.status === 'RUNNING') return false;
  run.write(() => run.host.sql.recordMapRunChild.run(arn));
  step.running--;
  if (row?.status === 'SUCCEEDED') step.succeeded++;
  else step.failed++;
  run.touch(thread);
  return true;
}

/** Fails the map run beyond its threshold, finishes it when every child has ended, else starts more. */
async function progress(run: Run, thread: Thread, step: MapRunStep, row?: MapRunRow): Promise<void> {
  const mapRun = row ?? run.host.mapRuns.require(step.mapRunArn);
  if (mapRun.status !== 'RUNNING') return;
  if (exceeded(mapRun, step)) {
    run.later(() => run.host.mapRuns.stopChildren(step.mapRunArn));
    return mapRunFailed(
      run,
      thread,
      step.mapRunArn,
      'States.ExceedToleratedFailureThreshold',
      THRESHOLD_CAUSE,
    );
  }
  if (step.succeeded + step.failed === step.total) return mapRunSucceeded(run, thread, step);
  const limit = mapRun.max_concurrency === 0 ? DEFAULT_DISTRIBUTED_CONCURRENCY : mapRun.max_concurrency;
  const machine = childMachine(run, thread, step.mapRunArn);
  const items = run.items.get(thread.id) ?? [];
  while (step.next < step.total && step.running < limit) {
    const index = step.next++;
    step.running++;
    const arn = childArn(machine, step.mapRunArn, index);
    const input = items[index] ?? null;
    const count = step.batched ? ((objectOf(input).Items as Json[] | undefined)?.length ?? 0) : 1;
    run.write(() => run.host.sql.insertMapRunChild.run(arn, step.mapRunArn, index, count));
    run.later(() => startChild(run, thread, step.mapRunArn, machine, index));
  }
  run.touch(thread);
}

/** "ToleratedFailureCount / ToleratedFailurePercentage": either threshold, where set, may not be passed;
 * with neither set one failure fails the map run. The percentage is of all the map run's children. */
function exceeded(mapRun: MapRunRow, step: MapRunStep): boolean {
  if (step.failed === 0) return false;
  const count = mapRun.tolerated_failure_count;
  const percentage = mapRun.tolerated_failure_percentage;
  if (count === null && percentage === null) return true;
  if (count !== null && step.failed > count) return true;
  return percentage !== null && (step.failed / step.total) * 100 > percentage;
}

async function mapRunSucceeded(run: Run, thread: Thread, step: MapRunStep): Promise<void> {
  const state = run.stateOf(thread);
  const language = queryLanguageOf(state, run.definition);
  const env = run.environment(thread);
  const config = writerConfig(state);
  const rows = childRows(run, step.mapRunArn);
  let result: Json;
  let written = 0;
  try {
    if (config.export) {
      ({ result, written } = await exportResults(
        run,
        state,
        language,
        thread.input,
        env,
        step.mapRunArn,
        rows,
        config,
      ));
    } else {
      result = transform(rows, config.transformation);
    }
  } catch (thrown) {
    if (!(thrown instanceof StatesFailure)) throw thrown;
    return mapRunFailed(run, thread, step.mapRunArn, thrown.error, thrown.cause);
  }
  run.write(() => run.host.mapRuns.finish(step.mapRunArn, 'SUCCEEDED', { resultsWritten: written }));
  run.record(thread, 'MapRunSucceeded');
  run.record(thread, 'MapStateSucceeded');
  forgetItems(run, thread);
  const outcome = await stateOutput(state, language, thread.input, result, env);
  return leave(run, thread, outcome);
}

async function mapRunFailed(
  run: Run,
  thread: Thread,
  arn: string,
  error: string,
  cause: string,
): Promise<void> {
  run.write(() => run.host.mapRuns.finish(arn, 'FAILED', { error, cause }));
  run.record(thread, 'MapRunFailed', { error, cause });
  run.record(thread, 'MapStateFailed');
  forgetItems(run, thread);
  return fail(run, thread, error, cause);
}

/** The children's inputs are no longer needed once the map run has ended (a later Map in this thread
 * writes its own). */
function forgetItems(run: Run, thread: Thread): void {
  run.items.delete(thread.id);
  run.results.delete(thread.id);
  const arn = run.arn;
  run.write(() => run.host.sql.deleteValues.run(arn, thread.id));
}
