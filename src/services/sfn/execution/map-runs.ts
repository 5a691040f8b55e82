// Map runs as the engine keeps them: their rows, the counts DescribeMapRun answers, UpdateMapRun, and the
// links between a map run's child executions and the parent Map state that waits on them.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html

import { resourceNotFound, validation } from '../errors.js';
import type { Message } from './run.js';
import type { ExecutionRow, ExecutionStatements, MapRunChildRow, MapRunRow } from './store.js';

export interface MapRunHooks {
  readonly sql: ExecutionStatements;
  /** Hands a message to the live run of an execution (nothing when it is not running here). */
  deliver(executionArn: string, message: Message): void;
  stopExecution(arn: string, error?: string, cause?: string): void;
  now(): number;
}

/** DescribeMapRun's MapRunItemCounts / MapRunExecutionCounts. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

export class MapRuns {
  private readonly hooks: MapRunHooks;

  constructor(hooks: MapRunHooks) {
    this.hooks = hooks;
  }

  find(arn: string): MapRunRow | undefined {
    return this.hooks.sql.mapRun.get(arn) as MapRunRow | undefined;
  }

  require(arn: string): MapRunRow {
    const row = this.find(arn);
    if (!row) throw resourceNotFound(`Resource not found: '${arn}'`);
    return row;
  }

  ofExecution(executionArn: string): MapRunRow[] {
    return this.hooks.sql.mapRunsOf.all(executionArn) as MapRunRow[];
  }

  children(arn: string): MapRunChildRow[] {
    return this.hooks.sql.mapRunChildren.all(arn) as MapRunChildRow[];
  }

  /** Counted from the children's own statuses, so the answer is never behind the executions. */
  counts(row: MapRunRow): { itemCounts: MapRunCounts; executionCounts: MapRunCounts } {
    const items = zero(row.total_items);
    const executions = zero(row.total_executions);
    let startedItems = 0;
    let started = 0;
    for (const child of this.children(row.arn)) {
      if (child.status === null) continue;
      started++;
      startedItems += child.items;
      const key = COUNTED[child.status];
      if (!key) continue;
      executions[key]++;
      items[key] += child.items;
    }
    executions.pending = row.total_executions - started;
    items.pending = row.total_items - startedItems;
    executions.resultsWritten = row.results_written;
    items.resultsWritten = row.results_written === 0 ? 0 : this.writtenItems(row);
    return { itemCounts: items, executionCounts: executions };
  }

  /** UpdateMapRun: the row changes at once; the parent's Map starts more children if it now may. */
  update(
    arn: string,
    changes: { maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number },
  ): void {
    const row = this.require(arn);
    if (
      changes.maxConcurrency === undefined &&
      changes.toleratedFailurePercentage === undefined &&
      changes.toleratedFailureCount === undefined
    ) {
      throw validation(
        'At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be provided',
      );
    }
    this.hooks.sql.updateMapRun.run({
      arn,
      max_concurrency: changes.maxConcurrency ?? null,
      tolerated_failure_percentage: changes.toleratedFailurePercentage ?? null,
      tolerated_failure_count: changes.toleratedFailureCount ?? null,
    });
    if (row.status === 'RUNNING') {
      this.hooks.deliver(row.execution_arn, { kind: 'map-run', thread: row.thread, event: 'updated' });
    }
  }

  /** A child execution ended: its Map state takes the outcome (once; see `recorded`). */
  childEnded(row: ExecutionRow): void {
    const child = this.hooks.sql.mapRunChild.get(row.arn) as { map_run_arn: string } | undefined;
    const mapRun = child && this.find(child.map_run_arn);
    if (mapRun?.status !== 'RUNNING') return;
    this.hooks.deliver(mapRun.execution_arn, {
      kind: 'map-run',
      thread: mapRun.thread,
      event: 'child-ended',
      executionArn: row.arn,
    });
  }

  /** The parent ended (stopped, timed out, failed elsewhere) with map runs still running: they are aborted
   * with their running children. */
  executionEnded(row: ExecutionRow): void {
    for (const mapRun of this.hooks.sql.runningMapRunsOf.all(row.arn) as MapRunRow[]) {
      this.finish(mapRun.arn, 'ABORTED', {});
      this.stopChildren(mapRun.arn);
    }
  }

  finish(
    arn: string,
    status: 'SUCCEEDED' | 'FAILED' | 'ABORTED',
    details: { error?: string; cause?: string; resultsWritten?: number },
  ): void {
    this.hooks.sql.finishMapRun.run({
      arn,
      status,
      stopped_at: this.hooks.now(),
      error: details.error ?? null,
      cause: details.cause ?? null,
      results_written: details.resultsWritten ?? 0,
    });
  }

  /** Stops the children still running (a failure beyond the threshold, or the parent's end). */
  stopChildren(arn: string): void {
    for (const child of this.children(arn)) {
      if (child.status === 'RUNNING') this.hooks.stopExecution(child.execution_arn);
    }
  }

  private writtenItems(row: MapRunRow): number {
    let n = 0;
    for (const child of this.children(row.arn))
      if (child.status !== null && child.status !== 'RUNNING') n += child.items;
    return n;
  }
}

const COUNTED: Partial<
  Record<ExecutionRow['status'], 'running' | 'succeeded' | 'failed' | 'timedOut' | 'aborted'>
> = {
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
};

function zero(total: number): MapRunCounts {
  return {
    pending: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    total,
    resultsWritten: 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
}
