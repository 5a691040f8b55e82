// The executions engine: starting, stopping and resuming executions, the live runs, task tokens and
// activity workers' long polls, child executions for states:startExecution, and the status-change events.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { InProcessCall, ServiceDeps } from '../../../core/service.js';
import type { Store } from '../../../core/store.js';
import {
  executionAlreadyExists,
  executionDoesNotExist,
  executionNotRedrivable,
  invalidExecutionInput,
  invalidName,
  invalidToken,
  taskTimedOut,
} from '../errors.js';
import { type Json, parseDefinition, type StateMachineDefinition } from '../language/index.js';
import { executionArn, expressExecutionArn, isValidName } from '../names.js';
import type { Registry, ResolvedStateMachine } from '../registry/registry.js';
import { ActivityPolls } from './activity-polls.js';
import { childOutput, statusChangeEvent } from './child-executions.js';
import { mapRunMessage, resumeMapRun } from './distributed-map.js';
import type { MapChild, ParentTask, RunHost } from './host.js';
import { parseResource } from './integrations/index.js';
import { MapRuns } from './map-runs.js';
import { ExecutionMetrics } from './metrics.js';
import { loadMockCase, type MockCase } from './mocks.js';
import { type Handler, Run } from './run.js';
import { handleMessage, REDRIVE_THREAD } from './states.js';
import {
  EXECUTION_MIGRATIONS,
  type ExecutionRow,
  type ExecutionStatements,
  executionStatements,
  type TokenRow,
} from './store.js';
import { armTaskTimers, dispatch } from './tasks.js';
import type { Thread } from './threads.js';
import { newTaskToken, tokenExecution } from './tokens.js';

/** "You can redrive an execution within 14 days of its end." */
const REDRIVE_WINDOW_MS = 14 * 86_400_000;

export interface StartRequest {
  readonly account: string;
  readonly region: string;
  readonly stateMachineArn: string;
  readonly name?: string;
  readonly input?: string;
  readonly traceHeader?: string;
  readonly parent?: ParentTask;
  /** A distributed Map's child: the ItemProcessor it runs (in place of a registered machine) and its map run. */
  readonly machine?: ResolvedStateMachine;
  readonly mapRunArn?: string;
}

/** The interpreter's handler, with a distributed Map's map-run messages routed to distributed-map.ts. */
const handle: Handler = (run, message) =>
  message.kind === 'map-run' ? mapRunMessage(run, message) : handleMessage(run, message);

export class Executions implements RunHost {
  readonly store: Store;
  readonly sql: ExecutionStatements;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly log: (message: string) => void;
  readonly random = Math.random;
  readonly activities: ActivityPolls;
  readonly mapRuns: MapRuns;
  private readonly registry: Registry;
  private readonly runs = new Map<string, Run>();
  /** Callers waiting for an execution to end (StartSyncExecution, tests). */
  private readonly waiters = new Map<string, ((row: ExecutionRow) => void)[]>();
  private stopped = false;
  /** The AWS/States metrics (metrics.ts). */
  private readonly metrics: ExecutionMetrics;

  constructor(deps: ServiceDeps, registry: Registry) {
    this.metrics = new ExecutionMetrics(deps.metrics);
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.log = deps.log;
    this.registry = registry;
    deps.store.migrate('sfn-executions', EXECUTION_MIGRATIONS);
    this.sql = executionStatements(deps.store);
    this.mapRuns = new MapRuns({
      sql: this.sql,
      deliver: (arn, message) => this.runs.get(arn)?.deliver(message),
      stopExecution: (arn, error, cause) => this.runs.get(arn)?.deliver({ kind: 'stop', error, cause }),
      now: () => this.clock.now(),
    });
    this.activities = new ActivityPolls({
      sql: this.sql,
      clock: this.clock,
      started: (row, workerName) => {
        const run = this.runs.get(row.execution_arn);
        run?.deliver({
          kind: 'activity-started',
          thread: row.thread,
          attempt: this.attemptOf(run, row),
          workerName,
        });
      },
    });
  }

  /** StartExecution's rules: the name (unique among the machine's executions, unless the same input is
   * still running under it, which answers that execution again) and the input (a JSON text). */
  start(request: StartRequest): ExecutionRow {
    // `<ARN>#<test case>` runs with that test case's mocked integrations (mocks.ts).
    const [machineArn, testCase] = request.stateMachineArn.split('#', 2) as [string, string | undefined];
    const machine = request.machine ?? this.registry.resolve(machineArn);
    const mocks = testCase === undefined ? undefined : loadMockCase(machine.name, testCase);
    const name = request.name ?? randomUUID();
    if (!isValidName(name)) throw invalidName(name);
    const input = request.input ?? '{}';
    try {
      JSON.parse(input);
    } catch (error) {
      throw invalidExecutionInput((error as Error).message);
    }
    // A map run's children keep the `execution:` form whatever their type: their names are fixed in advance.
    const express = machine.type === 'EXPRESS' && request.mapRunArn === undefined;
    const arn = express
      ? expressExecutionArn(machine.stateMachineArn, name, randomUUID())
      : executionArn(machine.stateMachineArn, name);
    const existing = this.sql.execution.get(arn) as ExecutionRow | undefined;
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw executionAlreadyExists(arn);
    }
    const definition = parseDefinition(machine.definition);
    const row = this.newRow(request, machine, arn, name, input, mocks);
    const run = new Run(this, row, definition, handle);
    this.runs.set(arn, run);
    run.record(undefined, 'ExecutionStarted', startedDetails(machine, input), 0);
    const root = run.newThread({
      scope: [],
      state: definition.StartAt,
      input: JSON.parse(input) as Json,
      variables: {},
      previousEventId: 1,
      enteredEventId: 0,
      enteredAt: row.started_at,
      retries: [],
      retryCount: 0,
      step: { kind: 'enter' },
    });
    // The start is durable before StartExecution answers: row, ExecutionStarted and the first thread.
    this.store.transaction(() => {
      this.sql.insertExecution.run(row);
      run.commit();
    });
    if (typeof definition.TimeoutSeconds === 'number')
      run.armExecutionTimeout(row.started_at + definition.TimeoutSeconds * 1000);
    run.deliver({ kind: 'step', thread: root.id });
    this.publishStatus(row);
    this.metrics.started(row);
    return row;
  }

  /** Resolves once the execution has ended (at once for one that has). */
  whenEnded(arn: string): Promise<ExecutionRow> {
    const row = this.find(arn);
    if (row && row.status !== 'RUNNING') return Promise.resolve(row);
    return new Promise((resolve) => {
      const list = this.waiters.get(arn) ?? [];
      list.push(resolve);
      this.waiters.set(arn, list);
    });
  }

  find(arn: string): ExecutionRow | undefined {
    return this.runs.get(arn)?.row ?? (this.sql.execution.get(arn) as ExecutionRow | undefined);
  }

  require(arn: string): ExecutionRow {
    const row = this.find(arn);
    if (!row) throw executionDoesNotExist(arn);
    return row;
  }

  stopExecution(arn: string, error?: string, cause?: string): ExecutionRow {
    const row = this.require(arn);
    this.runs.get(arn)?.deliver({ kind: 'stop', error, cause });
    return row;
  }

  /** RedriveExecution: an execution that failed, was aborted or timed out within the last 14 days runs
   * again from the state its main path ended in, after an ExecutionRedriven event; the redrive count and
   * date are kept. https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html */
  redrive(arn: string): ExecutionRow {
    const row = this.require(arn);
    const problem = this.redriveProblem(row);
    if (problem) throw executionNotRedrivable(problem);
    const snapshot = JSON.parse(
      (this.sql.thread.get(arn, REDRIVE_THREAD) as { data: string }).data,
    ) as Thread;
    const machine = JSON.parse(row.machine) as ResolvedStateMachine;
    const now = this.clock.now();
    const redriven: ExecutionRow = {
      ...row,
      status: 'RUNNING',
      output: null,
      error: null,
      cause: null,
      stopped_at: null,
      redrive_count: row.redrive_count + 1,
      redrive_at: now,
    };
    const run = new Run(this, redriven, JSON.parse(machine.definition) as StateMachineDefinition, handle);
    this.runs.set(arn, run);
    const event = run.record(
      undefined,
      'ExecutionRedriven',
      { redriveCount: redriven.redrive_count },
      row.event_count,
    );
    const { id: _old, ...fields } = snapshot;
    const root = run.newThread({
      ...fields,
      previousEventId: event,
      retries: [],
      retryCount: 0,
      step: { kind: 'enter' },
    });
    this.store.transaction(() => {
      this.sql.redrive.run(redriven.redrive_count, now, arn);
      this.sql.deleteThread.run(arn, REDRIVE_THREAD);
      run.commit();
    });
    const timeout = (JSON.parse(machine.definition) as StateMachineDefinition).TimeoutSeconds;
    if (typeof timeout === 'number') run.armExecutionTimeout(now + timeout * 1000);
    run.deliver({ kind: 'step', thread: root.id });
    this.publishStatus(redriven);
    return redriven;
  }

  /** Why an execution cannot be redriven (DescribeExecution's redriveStatusReason), or undefined. */
  redriveProblem(row: ExecutionRow): string | undefined {
    if (row.type !== 'STANDARD') return 'Express executions cannot be redriven';
    if (row.status === 'RUNNING' || row.status === 'SUCCEEDED')
      return `Execution is ${row.status} and cannot be redriven`;
    if (row.stopped_at !== null && this.clock.now() - row.stopped_at > REDRIVE_WINDOW_MS) {
      return 'Execution can only be redriven within 14 days of when it ended';
    }
    if (!this.sql.thread.get(row.arn, REDRIVE_THREAD)) return 'Execution has no state to redrive from';
    return undefined;
  }

  runningCount(stateMachineArn: string): number {
    return (this.sql.runningCount.get(stateMachineArn) as { n: number }).n;
  }

  /** SendTaskSuccess / SendTaskFailure: the token's task gets its answer. */
  completeTask(
    token: string,
    outcome: { ok: true; output: Json } | { ok: false; error: string; cause: string },
  ): void {
    const { run, row } = this.requireToken(token);
    run.write(() => this.sql.deleteToken.run(token));
    run.deliver({ kind: 'task', thread: row.thread, attempt: this.attemptOf(run, row), outcome });
  }

  heartbeat(token: string): void {
    const { run, row } = this.requireToken(token);
    run.deliver({ kind: 'heartbeat', thread: row.thread });
  }

  /** The run of a token's task: InvalidToken for no token of ours, TaskTimedOut for one whose task ended. */
  requireToken(token: string): { run: Run; row: TokenRow } {
    const execution = tokenExecution(token);
    if (!execution) throw invalidToken();
    const row = this.sql.token.get(token) as TokenRow | undefined;
    const run = this.runs.get(execution);
    if (!row || !run) throw taskTimedOut();
    return { run, row };
  }

  attemptOf(run: Run, row: TokenRow): number {
    const step = run.threads.get(row.thread)?.step;
    return step?.kind === 'task' ? step.attempt : -1;
  }

  // RunHost

  /** "On the next state transition, the state machine's executions are terminated" once DeleteStateMachine
   * marked it DELETING (API_DeleteStateMachine.html). */
  machineDeleting(run: Run): boolean {
    return this.registry.findStateMachine(run.row.machine_arn)?.status === 'DELETING';
  }

  newToken(run: Run): string {
    return newTaskToken(run.arn);
  }

  async startChild(run: Run, parameters: Json, parent: ParentTask | undefined): Promise<Json> {
    const params = (parameters ?? {}) as Record<string, Json>;
    const input =
      params.Input === undefined
        ? '{}'
        : typeof params.Input === 'string'
          ? params.Input
          : JSON.stringify(params.Input);
    const row = this.start({
      account: run.row.account,
      region: run.row.region,
      stateMachineArn: String(params.StateMachineArn ?? ''),
      name: typeof params.Name === 'string' ? params.Name : undefined,
      input,
      parent,
    });
    return { ExecutionArn: row.arn, StartDate: new Date(row.started_at).toISOString() };
  }

  startMapChild(run: Run, child: MapChild): void {
    const existing = this.find(child.arn);
    if (existing) {
      if (existing.status !== 'RUNNING') this.mapRuns.childEnded(existing);
      return;
    }
    if (this.mapRuns.find(child.mapRunArn)?.status !== 'RUNNING') return;
    try {
      this.start({
        account: run.row.account,
        region: run.row.region,
        stateMachineArn: child.machine.stateMachineArn,
        name: child.name,
        input: JSON.stringify(child.input),
        machine: child.machine,
        mapRunArn: child.mapRunArn,
      });
    } catch (error) {
      // The Map counts a child that could not start as failed.
      this.log(`Step Functions: map run child ${child.arn} did not start: ${(error as Error).message}`);
      run.deliver({
        kind: 'map-run',
        thread: this.mapRuns.require(child.mapRunArn).thread,
        event: 'child-ended',
        executionArn: child.arn,
      });
    }
  }

  ended(run: Run): void {
    const row = run.row;
    this.runs.delete(row.arn);
    if (this.runningCount(row.machine_arn) === 0) this.registry.completeDeletion(row.machine_arn);
    for (const resolve of this.waiters.get(row.arn) ?? []) resolve(row);
    this.waiters.delete(row.arn);
    this.publishStatus(row);
    this.metrics.ended(row);
    if (row.map_run_arn) this.mapRuns.childEnded(row);
    this.mapRuns.executionEnded(row);
    if (row.parent_task) {
      const parent = JSON.parse(row.parent_task) as ParentTask;
      this.runs.get(parent.execution)?.deliver({
        kind: 'task',
        thread: parent.thread,
        attempt: parent.attempt,
        outcome: childOutput(row, parent.pattern),
      });
    }
  }

  activityQueued(activityArn: string): void {
    this.activities.wake(activityArn);
  }

  /** Reloads the executions a stop or a kill left running, and carries each on from its last commit. */
  resume(): void {
    for (const row of this.sql.running.all() as ExecutionRow[]) {
      if (this.runs.has(row.arn)) continue;
      let definition: StateMachineDefinition;
      try {
        definition = JSON.parse(
          (JSON.parse(row.machine) as ResolvedStateMachine).definition,
        ) as StateMachineDefinition;
      } catch {
        continue;
      }
      const run = new Run(this, row, definition, handle);
      this.runs.set(row.arn, run);
      for (const { id, data } of this.sql.threads.all(row.arn) as { id: number; data: string }[]) {
        const thread = JSON.parse(data) as Thread & { inputStored?: boolean };
        if (thread.inputStored) {
          const stored = this.sql.value.get(row.arn, id, 'input', 0) as { value: string } | undefined;
          thread.input = stored ? (JSON.parse(stored.value) as Json) : null;
          delete thread.inputStored;
          run.inputsStored.add(id);
        }
        run.threads.set(id, thread);
      }
      for (const thread of run.threads.values()) this.resumeThread(run, thread);
      if (typeof definition.TimeoutSeconds === 'number')
        // A redriven execution's TimeoutSeconds counts from its redrive.
        run.armExecutionTimeout((row.redrive_at ?? row.started_at) + definition.TimeoutSeconds * 1000);
    }
  }

  reset(): void {
    for (const run of this.runs.values()) run.close();
    this.runs.clear();
    this.sql.deleteAll.run();
  }

  stop(): void {
    this.stopped = true;
    for (const run of this.runs.values()) run.close();
    this.activities.stop();
  }

  private resumeThread(run: Run, thread: Thread): void {
    const step = thread.step;
    if (step.kind === 'enter' || step.kind === 'run') run.deliver({ kind: 'step', thread: thread.id });
    else if (step.kind === 'wait' || step.kind === 'backoff')
      run.armTimer(thread.id, step.until, { kind: 'timer', thread: thread.id });
    else if (step.kind === 'fan-out') {
      const load = (kind: string) =>
        (this.sql.values.all(run.arn, thread.id, kind) as { idx: number; value: string }[]).reduce<Json[]>(
          (list, v) => {
            list[v.idx] = JSON.parse(v.value) as Json;
            return list;
          },
          [],
        );
      run.items.set(thread.id, load('item'));
      run.results.set(thread.id, load('result'));
    } else if (step.kind === 'map-run') {
      run.items.set(
        thread.id,
        (this.sql.values.all(run.arn, thread.id, 'item') as { idx: number; value: string }[]).map(
          (v) => JSON.parse(v.value) as Json,
        ),
      );
      resumeMapRun(run, thread);
    } else if (step.kind === 'task') {
      armTaskTimers(run, thread.id, step);
      const target = parseResource(step.resource);
      // A call in flight when the process ended is made again (at least once); a task that was waiting
      // for its token, child or worker goes on waiting.
      if (target && step.phase === 'calling') dispatch(run, thread.id, target, step);
      if (target?.service === 'states' && (target.pattern === 'sync' || target.pattern === 'sync2')) {
        // A child that ended while this process was down told no one: tell the parent now.
        const pattern = target.pattern;
        const link = JSON.stringify({
          execution: run.arn,
          thread: thread.id,
          attempt: step.attempt,
          pattern,
        });
        const child = this.sql.byParentTask.get(link) as ExecutionRow | undefined;
        if (child && child.status !== 'RUNNING') {
          run.deliver({
            kind: 'task',
            thread: thread.id,
            attempt: step.attempt,
            outcome: childOutput(child, pattern),
          });
        }
      }
    }
  }

  private newRow(
    request: StartRequest,
    machine: ResolvedStateMachine,
    arn: string,
    name: string,
    input: string,
    mocks: MockCase | undefined,
  ): ExecutionRow {
    return {
      arn,
      account: request.account,
      region: request.region,
      machine_arn: machine.stateMachineArn,
      machine: JSON.stringify(machine),
      name,
      type: machine.type,
      status: 'RUNNING',
      input,
      output: null,
      error: null,
      cause: null,
      started_at: this.clock.now(),
      stopped_at: null,
      event_count: 0,
      next_thread: 1,
      parent_task: request.parent ? JSON.stringify(request.parent) : null,
      map_run_arn: request.mapRunArn ?? null,
      redrive_count: 0,
      redrive_at: null,
      trace_header: request.traceHeader ?? null,
      mock_case: mocks ? JSON.stringify(mocks) : null,
    };
  }

  private publishStatus(row: ExecutionRow): void {
    if (this.stopped || row.type !== 'STANDARD') return;
    const where = { account: row.account, region: row.region, caller: 'states' };
    this.call('eventbridge', 'PutEvents', { Entries: [statusChangeEvent(row)] }, where).catch(
      (error: Error) =>
        this.log(`Step Functions: status change event for ${row.arn} not sent: ${error.message}`),
    );
  }
}

function startedDetails(machine: ResolvedStateMachine, input: string): Record<string, unknown> {
  const details: Record<string, unknown> = {
    input,
    inputDetails: { truncated: false },
    roleArn: machine.roleArn,
  };
  if (machine.aliasArn) details.stateMachineAliasArn = machine.aliasArn;
  if (machine.versionArn) details.stateMachineVersionArn = machine.versionArn;
  return details;
}
