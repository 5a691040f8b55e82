// Dead-letter queue redrive: StartMessageMoveTask moves a DLQ's messages back to the queues they came
// from (or to a chosen destination) at up to MaxNumberOfMessagesPerSecond, in the background on the clock.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html

import { randomUUID } from 'node:crypto';
import type { ClockTimer } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { invalidParameter, invalidParameterValue } from './errors.js';
import { moveToQueue } from './receive.js';
import type { Sqs } from './sqs.js';
import type { MessageRow, MoveTaskRow } from './store.js';

/** AWS's "system optimized" rate when none is given is not published; 500/s is its stated maximum. */
const DEFAULT_RATE = 500;
const TICK_MS = 1000;

export interface MoveTaskEntry {
  TaskHandle?: string;
  Status: string;
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  StartedTimestamp: number;
}

export class MoveTasks {
  private readonly timers = new Map<string, ClockTimer>();

  constructor(private readonly sqs: Sqs) {
    // Tasks that were running when Nimbus stopped carry on.
    for (const task of sqs.sql.runningMoveTasks.all() as MoveTaskRow[]) this.schedule(task.task_id, 0);
  }

  start(sourceArn: string, destinationArn: string | undefined, maxPerSecond: number | undefined): string {
    const source = this.sqs.findQueueByArn(sourceArn);
    if (!source) throw notFound('SourceArn');
    if (this.sqs.deadLetterSources(source).length === 0) {
      throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    }
    if (destinationArn !== undefined && !this.sqs.findQueueByArn(destinationArn))
      throw notFound('DestinationArn');
    if (maxPerSecond !== undefined && (maxPerSecond < 1 || maxPerSecond > 500)) {
      throw invalidParameter('MaxNumberOfMessagesPerSecond', maxPerSecond, 'Must be between 1 and 500.');
    }
    const running = (this.sqs.sql.moveTasksBySource.all(sourceArn, 10) as MoveTaskRow[]).some(
      (task) => task.status === 'RUNNING',
    );
    if (running) {
      throw invalidParameterValue(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const taskId = randomUUID();
    const { n } = this.sqs.sql.countMessages.get(source.id) as { n: number };
    this.sqs.sql.insertMoveTask.run({
      task_id: taskId,
      source_arn: sourceArn,
      destination_arn: destinationArn ?? null,
      max_per_second: maxPerSecond ?? null,
      status: 'RUNNING',
      to_move: n,
      started_at: this.sqs.clock.now(),
    });
    this.schedule(taskId, 0);
    return encodeTaskHandle(taskId, sourceArn);
  }

  /** Cancels a running task; returns how many messages it had moved. */
  cancel(handle: string): number {
    const task = this.find(handle);
    if (!task) throw new ServiceError('ResourceNotFoundException', 'Task does not exist.');
    if (task.status !== 'RUNNING') throw invalidParameterValue('Only active tasks can be cancelled.');
    this.timers.get(task.task_id)?.cancel();
    this.timers.delete(task.task_id);
    this.sqs.sql.updateMoveTask.run('CANCELLED', task.moved, null, task.task_id);
    return task.moved;
  }

  /** The most recent tasks for a source queue, newest first. */
  list(sourceArn: string, maxResults: number): MoveTaskEntry[] {
    if (!this.sqs.findQueueByArn(sourceArn)) throw notFound('SourceArn');
    return (this.sqs.sql.moveTasksBySource.all(sourceArn, maxResults) as MoveTaskRow[]).map((task) => {
      const entry: MoveTaskEntry = {
        Status: task.status,
        SourceArn: task.source_arn,
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.to_move,
        StartedTimestamp: task.started_at,
      };
      if (task.status === 'RUNNING') entry.TaskHandle = encodeTaskHandle(task.task_id, task.source_arn);
      if (task.destination_arn) entry.DestinationArn = task.destination_arn;
      if (task.max_per_second !== null) entry.MaxNumberOfMessagesPerSecond = task.max_per_second;
      if (task.failure_reason) entry.FailureReason = task.failure_reason;
      return entry;
    });
  }

  stopAll(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private schedule(taskId: string, delayMs: number): void {
    this.timers.set(
      taskId,
      this.sqs.clock.setTimer(delayMs, () => this.tick(taskId)),
    );
  }

  /** Moves up to one second's worth of messages, then reschedules itself or finishes. */
  private tick(taskId: string): void {
    this.timers.delete(taskId);
    const task = this.sqs.sql.moveTask.get(taskId) as MoveTaskRow | undefined;
    if (task?.status !== 'RUNNING') return;
    const { sqs } = this;
    const source = sqs.findQueueByArn(task.source_arn);
    if (!source) {
      this.finish(task, 'FAILED', 'AWS.SimpleQueueService.NonExistentQueue');
      return;
    }
    const now = sqs.clock.now();
    const budget = Math.min(task.max_per_second ?? DEFAULT_RATE, task.to_move - task.moved);
    const rows = sqs.sql.oldestMessages.all(source.id, now, budget) as MessageRow[];
    let moved = task.moved;
    let failure: string | undefined;
    sqs.store.transaction(() => {
      for (const row of rows) {
        const destinationArn = task.destination_arn ?? row.dead_letter_source_arn;
        const destination = destinationArn ? sqs.findQueueByArn(destinationArn) : undefined;
        if (!destination) {
          failure = 'AWS.SimpleQueueService.NonExistentQueue';
          break;
        }
        moveToQueue(sqs, row, destination, now, null);
        moved++;
      }
    });
    task.moved = moved;
    const { n: remaining } = sqs.sql.countMessages.get(source.id) as { n: number };
    if (failure) this.finish(task, 'FAILED', failure);
    else if (moved >= task.to_move || remaining === 0) this.finish(task, 'COMPLETED', null);
    else {
      sqs.sql.updateMoveTask.run('RUNNING', moved, null, task.task_id);
      this.schedule(taskId, TICK_MS);
    }
  }

  private finish(task: MoveTaskRow, status: string, reason: string | null): void {
    this.sqs.sql.updateMoveTask.run(status, task.moved, reason, task.task_id);
  }

  private find(handle: string): MoveTaskRow | undefined {
    let taskId: unknown;
    try {
      taskId = (JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown }).taskId;
    } catch {
      return undefined;
    }
    return typeof taskId === 'string'
      ? (this.sqs.sql.moveTask.get(taskId) as MoveTaskRow | undefined)
      : undefined;
  }
}

function encodeTaskHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn })).toString('base64');
}

function notFound(parameter: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `The resource that you specified for the ${parameter} parameter doesn't exist.`,
  );
}
