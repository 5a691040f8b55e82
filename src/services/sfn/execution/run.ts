// One live execution: its threads in memory, a queue of what happened to them, and the loop that handles
// one message at a time and commits its events and thread changes in one transaction before the next.
// The meaning of each state lives in states.ts, tasks.ts and fan-out.ts; this is the bookkeeping.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html

import type { ClockTimer } from '../../../core/clock.js';
import type { Environment, Json, State, StateMachineDefinition } from '../language/index.js';
import type { ResolvedStateMachine } from '../registry/registry.js';
import type { NewEvent } from './history.js';
import type { RunHost } from './host.js';
import type { MockCase } from './mocks.js';
import type { ExecutionRow } from './store.js';
import type { Outcome, Scope, Thread } from './threads.js';

export type Message =
  /** Run the thread's current step (enter a state, or start its work again after a back-off). */
  | { readonly kind: 'step'; readonly thread: number }
  /** A Wait state's or back-off's time has come. */
  | { readonly kind: 'timer'; readonly thread: number }
  /** An integration answered (`submitted`: accepted a callback or child task that now runs on). */
  | {
      readonly kind: 'task';
      readonly thread: number;
      readonly attempt: number;
      readonly outcome: Outcome;
      readonly submitted?: boolean;
    }
  /** An activity worker took the task. */
  | {
      readonly kind: 'activity-started';
      readonly thread: number;
      readonly attempt: number;
      readonly workerName?: string;
    }
  /** SendTaskHeartbeat: the task's heartbeat deadline moves on (committed like any transition). */
  | { readonly kind: 'heartbeat'; readonly thread: number }
  | {
      readonly kind: 'task-timeout';
      readonly thread: number;
      readonly attempt: number;
      readonly heartbeat: boolean;
    }
  /** A distributed Map's map run moved: a child execution ended, UpdateMapRun changed its limits, or a
   * restart asks the Map to look again (distributed-map.ts). */
  | {
      readonly kind: 'map-run';
      readonly thread: number;
      readonly event: 'child-ended' | 'updated' | 'check';
      readonly executionArn?: string;
    }
  | { readonly kind: 'stop'; readonly error?: string; readonly cause?: string }
  | { readonly kind: 'execution-timeout' };

export type Handler = (run: Run, message: Message) => Promise<void>;

export class Run {
  readonly host: RunHost;
  row: ExecutionRow;
  readonly machine: ResolvedStateMachine;
  readonly definition: StateMachineDefinition;
  readonly threads = new Map<number, Thread>();
  /** Map items and fan-out results by thread, mirrored in sfn_values. */
  readonly items = new Map<number, Json[]>();
  readonly results = new Map<number, (Json | undefined)[]>();
  readonly timers = new Map<number, ClockTimer[]>();
  private readonly queue: Message[] = [];
  private draining = false;
  private readonly writes: (() => void)[] = [];
  private readonly afterCommit: (() => void)[] = [];
  private readonly dirty = new Set<number>();
  /** Fan-out threads whose input is stored as a value (see stored()). */
  readonly inputsStored = new Set<number>();
  private readonly scopes = new Map<string, Readonly<Record<string, State>>>();
  private readonly handler: Handler;
  private executionTimer: ClockTimer | undefined;
  private parsedInput: Json | undefined;
  private parsedMocks: MockCase | undefined;

  constructor(host: RunHost, row: ExecutionRow, definition: StateMachineDefinition, handler: Handler) {
    this.host = host;
    this.row = row;
    this.machine = JSON.parse(row.machine) as ResolvedStateMachine;
    this.definition = definition;
    this.handler = handler;
  }

  /** The test case's mocked integrations this execution runs with (MockConfigFile), if any. */
  get mocks(): MockCase | undefined {
    if (this.row.mock_case === null) return undefined;
    this.parsedMocks ??= JSON.parse(this.row.mock_case) as MockCase;
    return this.parsedMocks;
  }

  get arn(): string {
    return this.row.arn;
  }

  get finished(): boolean {
    return this.row.status !== 'RUNNING';
  }

  now(): number {
    return this.host.clock.now();
  }

  deliver(message: Message): void {
    // A stop or the execution's timeout takes effect before the states already queued run.
    if (message.kind === 'stop' || message.kind === 'execution-timeout') this.queue.unshift(message);
    else this.queue.push(message);
    if (!this.draining) void this.drain();
  }

  /** Records a history event in `thread`'s line (updating its previousEventId); returns the event id. */
  record(
    thread: Thread | undefined,
    type: string,
    details?: Record<string, unknown>,
    previous?: number,
  ): number {
    const id = ++this.row.event_count;
    const event: NewEvent = { type, previousEventId: previous ?? thread?.previousEventId ?? id - 1, details };
    const at = this.now();
    const arn = this.arn;
    this.writes.push(() =>
      this.host.sql.insertEvent.run(
        arn,
        id,
        event.type,
        at,
        event.previousEventId,
        details ? JSON.stringify(details) : null,
      ),
    );
    if (thread) {
      thread.previousEventId = id;
      this.touch(thread);
    }
    return id;
  }

  /** Continues `thread`'s line of events after another's (a Parallel after its last branch). */
  previousFrom(thread: Thread, eventId: number): void {
    thread.previousEventId = eventId;
    this.touch(thread);
  }

  /** Marks a thread to be written at the next commit. */
  touch(thread: Thread): void {
    this.threads.set(thread.id, thread);
    this.dirty.add(thread.id);
  }

  newThread(fields: Omit<Thread, 'id'>): Thread {
    const thread: Thread = { ...fields, id: this.row.next_thread++ };
    this.touch(thread);
    return thread;
  }

  removeThread(thread: Thread): void {
    this.threads.delete(thread.id);
    this.dirty.delete(thread.id);
    this.items.delete(thread.id);
    this.results.delete(thread.id);
    this.cancelTimers(thread.id);
    this.inputsStored.delete(thread.id);
    const arn = this.arn;
    this.writes.push(() => {
      this.host.sql.deleteThread.run(arn, thread.id);
      this.host.sql.deleteValues.run(arn, thread.id);
    });
  }

  putValue(thread: number, kind: 'item' | 'result' | 'input', index: number, value: Json | undefined): void {
    const arn = this.arn;
    const text = JSON.stringify(value ?? null);
    this.writes.push(() => this.host.sql.putValue.run(arn, thread, kind, index, text));
  }

  /** Work done inside the commit's transaction (tokens, the execution row). */
  write(fn: () => void): void {
    this.writes.push(fn);
  }

  /** Work done once the commit is durable: calls out, timers, notifications. */
  later(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  armTimer(thread: number, at: number, message: Message): void {
    const timer = this.host.clock.setTimer(at - this.now(), () => this.deliver(message));
    const list = this.timers.get(thread) ?? [];
    list.push(timer);
    this.timers.set(thread, list);
  }

  cancelTimers(thread: number): void {
    for (const timer of this.timers.get(thread) ?? []) timer.cancel();
    this.timers.delete(thread);
  }

  armExecutionTimeout(at: number): void {
    this.executionTimer = this.host.clock.setTimer(at - this.now(), () =>
      this.deliver({ kind: 'execution-timeout' }),
    );
  }

  /** Stops every timer; the run takes no more messages. */
  close(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimers(id);
    this.executionTimer?.cancel();
    this.queue.length = 0;
  }

  /** The States map a scope names (the definition's, a Parallel branch's, a Map's ItemProcessor's). */
  statesOf(scope: Scope): Readonly<Record<string, State>> {
    const key = JSON.stringify(scope);
    const known = this.scopes.get(key);
    if (known) return known;
    let states = this.definition.States;
    for (const level of scope) {
      const state = states[level.state] as Record<string, Json>;
      const inner =
        level.branch === undefined
          ? ((state.ItemProcessor ?? state.Iterator) as Record<string, Json>)
          : ((state.Branches as Json[])[level.branch] as Record<string, Json>);
      states = inner.States as unknown as Record<string, State>;
    }
    this.scopes.set(key, states);
    return states;
  }

  /** The StartAt of a scope's States map. */
  startOf(scope: Scope, state: string, branch?: number): string {
    const parent = this.statesOf(scope)[state] as Record<string, Json>;
    const inner =
      branch === undefined
        ? ((parent.ItemProcessor ?? parent.Iterator) as Record<string, Json>)
        : ((parent.Branches as Json[])[branch] as Record<string, Json>);
    return inner.StartAt as string;
  }

  stateOf(thread: Thread): State {
    return this.statesOf(thread.scope)[thread.state]!;
  }

  /** What expressions in `thread`'s current state see: the context object and its variables. */
  environment(thread: Thread, token?: string): Environment {
    const context: Record<string, Json> = {
      Execution: {
        Id: this.arn,
        Input: this.executionInput(),
        Name: this.row.name,
        RoleArn: this.machine.roleArn,
        StartTime: new Date(this.row.started_at).toISOString(),
        RedriveCount: this.row.redrive_count,
      },
      StateMachine: { Id: this.machine.stateMachineArn, Name: this.machine.name },
      State: {
        EnteredTime: new Date(thread.enteredAt).toISOString(),
        Name: thread.state,
        RetryCount: thread.retryCount,
      },
    };
    if (thread.mapItem) context.Map = { Item: { Index: thread.mapItem.index, Value: thread.mapItem.value } };
    if (token) context.Task = { Token: token };
    return { context, variables: thread.variables };
  }

  /** `$$.Execution.Input`, parsed once (a Map's input may be large, and every state's context names it). */
  private executionInput(): Json {
    this.parsedInput ??= JSON.parse(this.row.input) as Json;
    return this.parsedInput;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      let handled = 0;
      while (this.queue.length > 0 && !this.finished) {
        const message = this.queue.shift()!;
        try {
          await this.handler(this, message);
        } catch (error) {
          this.host.log(
            `Step Functions: execution ${this.arn} failed inside Nimbus: ${(error as Error).stack}`,
          );
          this.dropPending();
          continue;
        }
        try {
          this.commit();
        } catch (error) {
          // SQLite refused the write (disk full, closed at stop): nothing of this message is kept.
          this.host.log(
            `Step Functions: ${this.arn} could not record a transition: ${(error as Error).message}`,
          );
          this.dropPending();
          return;
        }
        // Long Pass/Choice loops give other requests a turn.
        if (++handled % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  /** Writes what the last message did, in one transaction, then starts what waited for it. */
  commit(): void {
    const arn = this.arn;
    const threads = [...this.dirty].map((id) => this.threads.get(id)).filter((t) => t !== undefined);
    this.dirty.clear();
    const writes = this.writes.splice(0);
    const row = this.row;
    this.host.store.transaction(() => {
      for (const write of writes) write();
      for (const thread of threads) this.host.sql.putThread.run(arn, thread.id, this.stored(thread));
      this.host.sql.setCounters.run(row.event_count, row.next_thread, arn);
    });
    for (const fn of this.afterCommit.splice(0)) {
      try {
        fn();
      } catch (error) {
        this.host.log(`Step Functions: ${this.arn}: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  /** A thread's row. A Parallel or Map waiting on its threads is rewritten each time one ends, so its input
   * (a Map's whole item array, often) is written once as a value of its own rather than in every rewrite. */
  private stored(thread: Thread): string {
    if (thread.step.kind !== 'fan-out' && thread.step.kind !== 'map-run') {
      this.inputsStored.delete(thread.id);
      return JSON.stringify(thread);
    }
    if (!this.inputsStored.has(thread.id)) {
      this.host.sql.putValue.run(this.arn, thread.id, 'input', 0, JSON.stringify(thread.input));
      this.inputsStored.add(thread.id);
    }
    return JSON.stringify({ ...thread, input: null, inputStored: true });
  }

  private dropPending(): void {
    this.writes.length = 0;
    this.afterCommit.length = 0;
    this.dirty.clear();
  }
}
