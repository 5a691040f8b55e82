// A run scheduled on the cloud's clock, asked for again and again (after every write that queues work, at
// the next retry's due time) but armed once: the earliest due time wins. Delivery queues use it, so work
// never runs inside the request that queued it and `clock.advance()` brings retries forward.

import type { Clock, ClockTimer } from './clock.js';

export class WakeUp {
  private timer: { due: number; handle: ClockTimer } | undefined;
  private ended = false;

  constructor(
    private readonly clock: Clock,
    private readonly run: () => void,
  ) {}

  /** Runs at `at` (default: now, on a later turn), unless a run is already due by then. */
  kick(at = this.clock.now()): void {
    if (this.ended || (this.timer && this.timer.due <= at)) return;
    this.timer?.handle.cancel();
    this.timer = {
      due: at,
      handle: this.clock.setTimer(at - this.clock.now(), () => {
        this.timer = undefined;
        this.run();
      }),
    };
  }

  stop(): void {
    this.ended = true;
    this.timer?.handle.cancel();
    this.timer = undefined;
  }

  get stopped(): boolean {
    return this.ended;
  }
}
