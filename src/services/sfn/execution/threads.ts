// The interpreter's state, as it is stored: an execution is a set of threads — the main path, and one per
// running Parallel branch or Map iteration — each at one state and one step of it. A thread is what a
// restart reloads; every field is plain JSON.
// https://states-language.net/spec.html#state-machine-execution

import type { Json } from '../language/index.js';

/** Where a thread's States map is: each level down names a Parallel branch (`branch`) or a Map's
 * ItemProcessor (no branch). The main path's scope is empty. */
export type Scope = readonly { readonly state: string; readonly branch?: number }[];

export interface Thread {
  readonly id: number;
  /** The Parallel or Map thread waiting on this one, and this one's place in its results. */
  readonly parent?: number;
  readonly slot?: number;
  readonly scope: Scope;
  /** The state the thread is in (or about to enter), and that state's raw input. */
  state: string;
  input: Json;
  /** Workflow variables this thread sees: its own assignments over a copy of the outer scopes'. */
  variables: Record<string, Json>;
  /** `$$.Map.Item` for a Map iteration's threads. */
  readonly mapItem?: { readonly index: number; readonly value: Json };
  /** The id of this thread's last history event (each event's previousEventId). */
  previousEventId: number;
  /** The current state's StateEntered event, named in runtime errors' causes. */
  enteredEventId: number;
  enteredAt: number;
  /** Retries made by each of the current state's retriers, and in all (`$$.State.RetryCount`). */
  retries: number[];
  retryCount: number;
  step: Step;
}

export type Step =
  /** About to enter `state` (record its StateEntered). */
  | { readonly kind: 'enter' }
  /** Entered; its work (a task call, a fan-out) starts or starts again after a retry's back-off. */
  | { readonly kind: 'run' }
  /** A Wait state until `until` (epoch ms, cloud clock), or a retry's back-off. */
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'backoff'; readonly until: number }
  | TaskStep
  | FanOutStep
  | MapRunStep;

export interface TaskStep {
  readonly kind: 'task';
  /** Which call this is: results of an earlier attempt (timed out, retried) are told apart and dropped. */
  readonly attempt: number;
  /** The integration's resource and the parameters sent, kept so a restart can make the call again. */
  readonly resource: string;
  readonly parameters: Json;
  /** `calling`: the integration's request is in flight; `waiting`: it was accepted and the task waits for
   * its token (`.waitForTaskToken`), a child execution (`.sync`) or an activity worker. */
  phase: 'calling' | 'waiting';
  readonly token?: string;
  readonly timeoutAt?: number;
  heartbeatAt?: number;
  readonly heartbeatSeconds?: number;
}

/** A Parallel or Map state waiting on its threads. Results are stored as values of kind `result`. */
export interface FanOutStep {
  readonly kind: 'fan-out';
  readonly total: number;
  /** The next item to start (Map) — branches all start at once. */
  next: number;
  running: number;
  succeeded: number;
  failed: number;
  /** 0: unbounded. */
  readonly limit: number;
  readonly toleratedCount?: number;
  readonly toleratedPercentage?: number;
}

/** A distributed Map state waiting on its map run's child executions (distributed-map.ts). Its limits
 * (MaxConcurrency, tolerated failures) live in the map run's row, which UpdateMapRun changes. Child inputs
 * are stored as values of kind `item`, outputs as `result`. */
export interface MapRunStep {
  readonly kind: 'map-run';
  readonly mapRunArn: string;
  /** Child executions in all (items, or batches of items). */
  readonly total: number;
  /** Whether an ItemBatcher made each child's input `{ Items: [...] }`. */
  readonly batched: boolean;
  /** The next child to start. */
  next: number;
  running: number;
  succeeded: number;
  failed: number;
}

/** What a finished thread hands back: its output, or the error that ended it. */
export type Outcome =
  | { readonly ok: true; readonly output: Json }
  | { readonly ok: false; readonly error: string; readonly cause: string };
