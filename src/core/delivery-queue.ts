// Work kept as rows and carried out after the request that queued it has been answered: SNS deliveries,
// EventBridge target invocations, S3 event notifications, Lambda's asynchronous invocations. Each service
// owns its rows (the table, what one attempt does, its retry policy); this is the loop they share:
// due rows are tried in the service's order, one at a time, except rows that may run alongside others
// (an HTTP endpoint that can take seconds to answer must not hold up every other subscriber), which start
// in the background up to a cap. When nothing is due the queue sleeps until the next row falls due on the
// cloud's clock, so `clock.advance()` brings retries forward and a restart resumes what was left.

import type { Clock } from './clock.js';
import { WakeUp } from './wake-up.js';

export interface QueuedRow {
  readonly id: number;
}

export interface DeliveryQueueOptions<Row extends QueuedRow> {
  readonly clock: Clock;
  /** Rows due at `now`, in the order they are to be tried, at most `limit` of them. */
  due(now: number, limit: number): Row[];
  /** The earliest due time later than `now`, or null when no row waits for the clock. */
  nextDueAfter(now: number): number | null;
  /**
   * One try of a row: it deletes the row when done, or moves its due time for a retry. It should not
   * throw; what it throws is logged and the row rests for a second before it is tried again.
   */
  attempt(row: Row): Promise<void>;
  /** Rows that start in the background beside others instead of in turn (default: none). */
  runsAlongside?(row: Row): boolean;
  /** How many rows may run alongside at once. */
  readonly maxAlongside?: number;
  /** Where a bug in `attempt` is reported (default: standard error). */
  log?(message: string): void;
}

const BATCH = 100;
const DEFAULT_MAX_ALONGSIDE = 16;
/** How long a row whose attempt threw (a bug, not a failed delivery) waits before it is tried again. */
const REST_AFTER_THROW_MS = 1000;

export class DeliveryQueue<Row extends QueuedRow> {
  private draining = false;
  /** Ids of rows running in the background (skipped until they settle). */
  private readonly alongside = new Set<number>();
  /** Rows whose attempt threw, and until when they rest (so a bug cannot spin the loop). */
  private readonly resting = new Map<number, number>();
  private readonly wakeUp: WakeUp;
  private readonly maxAlongside: number;

  constructor(private readonly options: DeliveryQueueOptions<Row>) {
    this.maxAlongside = options.maxAlongside ?? DEFAULT_MAX_ALONGSIDE;
    this.wakeUp = new WakeUp(options.clock, () => void this.drain());
  }

  /** Tries what is due at `at` (default: now), on a later turn: never inside the request that queued it. */
  kick(at?: number): void {
    this.wakeUp.kick(at);
  }

  /** Stops for good (the cloud is stopping): no new attempt starts and none records its outcome. */
  stop(): void {
    this.wakeUp.stop();
  }

  get stopped(): boolean {
    return this.wakeUp.stopped;
  }

  /** Rows running in the background now. */
  get running(): number {
    return this.alongside.size;
  }

  private async drain(): Promise<void> {
    if (this.draining || this.stopped) return;
    this.draining = true;
    try {
      for (;;) {
        const now = this.options.clock.now();
        const rows = this.options
          .due(now, BATCH + this.alongside.size)
          .filter((row) => !this.alongside.has(row.id) && !this.isResting(row, now));
        if (rows.length === 0) break;
        for (const row of rows) {
          if (this.options.runsAlongside?.(row)) {
            if (this.alongside.size < this.maxAlongside) this.startAlongside(row);
          } else {
            await this.attempt(row);
          }
          if (this.stopped) return;
        }
        // Everything due is under way; each row that settles kicks the next round.
        if (this.alongside.size >= this.maxAlongside) break;
      }
    } finally {
      this.draining = false;
    }
    const next = this.options.nextDueAfter(this.options.clock.now());
    if (next !== null) this.kick(next);
  }

  private startAlongside(row: Row): void {
    this.alongside.add(row.id);
    void this.attempt(row).finally(() => {
      this.alongside.delete(row.id);
      this.kick();
    });
  }

  private async attempt(row: Row): Promise<void> {
    try {
      await this.options.attempt(row);
    } catch (error) {
      const log = this.options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
      log(`delivery ${row.id} failed unexpectedly: ${(error as Error)?.stack ?? error}`);
      const until = this.options.clock.now() + REST_AFTER_THROW_MS;
      this.resting.set(row.id, until);
      this.kick(until);
    }
  }

  private isResting(row: Row, now: number): boolean {
    const until = this.resting.get(row.id);
    if (until === undefined) return false;
    if (until > now) return true;
    this.resting.delete(row.id);
    return false;
  }
}
