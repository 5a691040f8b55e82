// A distributed Map's child executions as the parent sees them: the ItemProcessor run as their state
// machine, their names fixed in advance by map run and index, starting them, and their rows in item order.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html

import { createHash } from 'node:crypto';
import { executionArn } from '../names.js';
import type { ResolvedStateMachine } from '../registry/registry.js';
import { objectOf } from './item-reader.js';
import type { Run } from './run.js';
import type { ExecutionRow } from './store.js';
import type { Thread } from './threads.js';

export function startChild(
  run: Run,
  thread: Thread,
  mapRunArn: string,
  machine: ResolvedStateMachine,
  index: number,
): void {
  const name = childName(mapRunArn, index);
  run.host.startMapChild(run, {
    arn: executionArn(machine.stateMachineArn, name),
    name,
    mapRunArn,
    machine,
    input: run.items.get(thread.id)?.[index] ?? null,
  });
}

/** The children's "state machine": the ItemProcessor, named `<machine>/<label>`, run with the parent's
 * role, as ProcessorConfig.ExecutionType says (STANDARD unless EXPRESS). */
export function childMachine(run: Run, thread: Thread, mapRunArn: string): ResolvedStateMachine {
  const state = run.stateOf(thread);
  const processor = objectOf(state.ItemProcessor ?? state.Iterator);
  const { ProcessorConfig, ...definition } = processor;
  if (definition.QueryLanguage === undefined && run.definition.QueryLanguage !== undefined) {
    definition.QueryLanguage = run.definition.QueryLanguage;
  }
  const stateMachineArn = `${run.machine.stateMachineArn}/${mapRunArn.slice(mapRunArn.indexOf('/') + 1, mapRunArn.lastIndexOf(':'))}`;
  return {
    stateMachineArn,
    name: stateMachineArn.slice(stateMachineArn.indexOf(':stateMachine:') + ':stateMachine:'.length),
    type: objectOf(ProcessorConfig).ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: JSON.stringify(definition),
    roleArn: run.machine.roleArn,
    revisionId: run.machine.revisionId,
    loggingConfiguration: {},
    tracingConfiguration: {},
  };
}

/** A child's name is fixed by its map run and index (a UUID-shaped digest), so a restart that starts it
 * again meets the execution it already started instead of a second one. */
function childName(mapRunArn: string, index: number): string {
  const hex = createHash('sha256').update(`${mapRunArn}#${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function childArn(machine: ResolvedStateMachine, mapRunArn: string, index: number): string {
  return executionArn(machine.stateMachineArn, childName(mapRunArn, index));
}

/** The children's rows in item order (a child never started is left out). */
export function childRows(run: Run, mapRunArn: string): ExecutionRow[] {
  const rows: ExecutionRow[] = [];
  for (const child of run.host.mapRuns.children(mapRunArn)) {
    const row = run.host.find(child.execution_arn);
    if (row) rows.push(row);
  }
  return rows;
}
