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

  /** Moves time forward by `ms` and fires every timer that has come due, in due order. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    for (const listener of this.listeners) listener(this.offsetMs);
    const now = this.now();
    const due = [...this.timers].filter((t) => t.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const timer of due) this.fire(timer);
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

interface PendingTimer {
  dueAt: number;
  fn: () => void;
  handle: ReturnType<typeof setTimeout> | undefined;
}
