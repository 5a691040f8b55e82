// Activity workers' long polls: GetActivityTask waits up to 60 seconds for a task of its activity and
// hands the oldest waiting one to the first worker asking.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html

import type { ExecutionStatements, TokenRow } from './store.js';

/** "The maximum time the service holds on to the request before responding is 60 seconds." */
export const POLL_SECONDS = 60;

interface Waiter {
  readonly take: () => boolean;
}

export interface PollHost {
  readonly sql: ExecutionStatements;
  readonly clock: { now(): number; setTimer(ms: number, fn: () => void): { cancel(): void } };
  /** Tells the task's execution that a worker took it. */
  started(row: TokenRow, workerName: string | undefined): void;
}

export class ActivityPolls {
  private readonly waiting = new Map<string, Set<Waiter>>();

  constructor(private readonly host: PollHost) {}

  /** A task for a worker (`{ taskToken, input }`), or `{}` when none came within the poll's time. */
  poll(
    activityArn: string,
    workerName: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ taskToken?: string; input?: string }> {
    const taken = this.take(activityArn, workerName);
    if (taken) return Promise.resolve(taken);
    return new Promise((resolve) => {
      const set = this.waiting.get(activityArn) ?? new Set<Waiter>();
      this.waiting.set(activityArn, set);
      const done = (answer: { taskToken?: string; input?: string }) => {
        set.delete(waiter);
        timer.cancel();
        signal?.removeEventListener('abort', aborted);
        resolve(answer);
      };
      const waiter: Waiter = {
        take: () => {
          const task = this.take(activityArn, workerName);
          if (task) done(task);
          return task !== undefined;
        },
      };
      const aborted = () => done({});
      const timer = this.host.clock.setTimer(POLL_SECONDS * 1000, () => done({}));
      signal?.addEventListener('abort', aborted);
      set.add(waiter);
    });
  }

  /** A task was queued for the activity: the longest-waiting worker takes it. */
  wake(activityArn: string): void {
    for (const waiter of this.waiting.get(activityArn) ?? []) if (waiter.take()) return;
  }

  stop(): void {
    this.waiting.clear();
  }

  private take(
    activityArn: string,
    workerName: string | undefined,
  ): { taskToken: string; input: string } | undefined {
    const row = this.host.sql.nextActivityTask.get(activityArn) as TokenRow | undefined;
    if (!row) return undefined;
    this.host.sql.takeToken.run(this.host.clock.now(), row.token);
    this.host.started(row, workerName);
    return { taskToken: row.token, input: row.input ?? '{}' };
  }
}
