// The cloud's clock: real time plus an offset that tests move forward, and timers that follow it.
// Every service reads time here, never from Date.now(), so `advance()` moves visibility timeouts,
// delays, retention and long polls without anyone sleeping.

export interface ClockTimer {
  cancel(): void;
}

export class Clock {
  private offsetMs: number;
  private readonly timers = new Set<PendingTimer>();
  private readonly listeners = new Set<(offsetMs: number) => void>();

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }

  /** Milliseconds since the epoch, on this cloud's clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Runs `fn` once the clock reaches now + `delayMs`, whether by waiting or by `advance()`. */
  setTimer(delayMs: number, fn: () => void): ClockTimer {
    const timer: PendingTimer = { dueAt: this.now() + Math.max(0, delayMs), fn, handle: undefined };
    this.timers.add(timer);
    this.arm(timer);
    return {
      cancel: () => {
        clearTimeout(timer.handle);
        this.timers.delete(timer);
      },
    };
  }

  /** Moves time forward by `ms`, stopping at each timer's due time to fire it, in due order; timers that
   * fire may schedule others, and those fire too if they fall due before the end. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('the clock only moves forward');
    const target = this.now() + ms;
    for (let fired = 0; fired < MAX_TIMERS_PER_ADVANCE; fired++) {
      let next: PendingTimer | undefined;
      for (const timer of this.timers)
        if (timer.dueAt <= target && (!next || timer.dueAt < next.dueAt)) next = timer;
      if (!next) break;
      this.moveTo(next.dueAt);
      this.fire(next);
    }
    this.moveTo(target);
    for (const listener of this.listeners) listener(this.offsetMs);
    for (const timer of this.timers) this.arm(timer);
  }

  /** Called with the new offset after every advance (the store persists it so time never goes back). */
  onAdvance(listener: (offsetMs: number) => void): void {
    this.listeners.add(listener);
  }

  /** Cancels every pending timer (used when the cloud stops). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer.handle);
    this.timers.clear();
  }

  /** Sets the clock to `time` unless real time has already passed it. */
  private moveTo(time: number): void {
    this.offsetMs = Math.max(this.offsetMs, time - Date.now());
  }

  private arm(timer: PendingTimer): void {
    clearTimeout(timer.handle);
    // setTimeout's limit is 2^31-1 ms; longer timers re-arm when that one fires.
    const wait = Math.min(Math.max(0, timer.dueAt - this.now()), 2 ** 31 - 1);
    timer.handle = setTimeout(() => {
      if (timer.dueAt <= this.now()) this.fire(timer);
      else this.arm(timer);
    }, wait);
    timer.handle.unref?.();
  }

  private fire(timer: PendingTimer): void {
    if (!this.timers.delete(timer)) return;
    clearTimeout(timer.handle);
    timer.fn();
  }
}

/** A guard against timers that reschedule themselves forever within one advance. */
const MAX_TIMERS_PER_ADVANCE = 100_000;

interface PendingTimer {
  dueAt: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout> | undefined;
}

/** awsJson timestamps are epoch seconds with a fraction (the SDKs parse `1700000000.123`). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
