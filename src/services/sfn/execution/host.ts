// What a live execution needs from the engine around it: storage, the clock, calls to other services,
// child executions and task tokens. Executions (executions.ts) implements it.

import type { Clock } from '../../../core/clock.js';
import type { InProcessCall } from '../../../core/service.js';
import type { Store } from '../../../core/store.js';
import type { Json } from '../language/index.js';
import type { ResolvedStateMachine } from '../registry/registry.js';
import type { MapRuns } from './map-runs.js';
import type { Run } from './run.js';
import type { ExecutionRow, ExecutionStatements } from './store.js';

/** The parent's task a child execution started with `.sync` reports to. */
export interface ParentTask {
  readonly execution: string;
  readonly thread: number;
  readonly attempt: number;
  readonly pattern: 'sync' | 'sync2';
}

/** A distributed Map's child execution: its ARN is fixed before it starts, so starting it again (after a
 * restart) finds the one already started. */
export interface MapChild {
  readonly arn: string;
  readonly name: string;
  readonly mapRunArn: string;
  readonly machine: ResolvedStateMachine;
  readonly input: Json;
}

export interface RunHost {
  readonly store: Store;
  readonly sql: ExecutionStatements;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly log: (message: string) => void;
  readonly random: () => number;
  /** A new task token for one of the run's tasks (the caller stores it). */
  newToken(run: Run): string;
  /** states:startExecution from a Task: starts the child (reporting to `parent` for the .sync patterns)
   * and answers StartExecution's output. */
  startChild(run: Run, parameters: Json, parent: ParentTask | undefined): Promise<Json>;
  /** Whether DeleteStateMachine is waiting for the run's state machine to have no executions. */
  machineDeleting(run: Run): boolean;
  /** Called once the run has ended and its end is committed. */
  ended(run: Run): void;
  /** An activity task became available to workers. */
  activityQueued(activityArn: string): void;
  /** Distributed Map: the map runs, and starting one of their children (idempotent by its ARN). */
  readonly mapRuns: MapRuns;
  startMapChild(run: Run, child: MapChild): void;
  find(arn: string): ExecutionRow | undefined;
}
