// Long polling: a ReceiveMessage with WaitTimeSeconds waits until a message is available or the wait
// ends. Waiters are woken by sends and visibility changes, and by a clock timer set to the moment the next
// delayed or in-flight message becomes visible, so virtual time moves them too.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html

import type { ClockTimer } from '../../core/clock.js';
import type { Queue } from './queue.js';
import { type ReceivedMessage, type ReceiveOptions, receiveNow } from './receive.js';
import type { Sqs } from './sqs.js';

interface Waiter {
  readonly queue: Queue;
  readonly options: ReceiveOptions;
  readonly deadline: number;
  readonly finish: (messages: ReceivedMessage[]) => void;
  timer?: ClockTimer;
}

export class LongPolls {
  private readonly waiters = new Map<number, Set<Waiter>>();
  private readonly pendingWakes = new Set<number>();
  private wakeScheduled = false;

  constructor(private readonly sqs: Sqs) {}

  /** Receives now, or waits up to `waitSeconds` for messages. */
  receive(
    queue: Queue,
    options: ReceiveOptions,
    waitSeconds: number,
    /** Read only when the receive has to wait: asking for a request's signal has a cost. */
    caller: { readonly signal?: AbortSignal },
  ): Promise<ReceivedMessage[]> {
    const messages = receiveNow(this.sqs, queue, options);
    if (messages.length > 0 || waitSeconds === 0) return Promise.resolve(messages);
    const { signal } = caller;
    if (signal?.aborted) return Promise.resolve(messages);
    return new Promise((resolve) => {
      const waiters = this.waiters.get(queue.id) ?? new Set<Waiter>();
      this.waiters.set(queue.id, waiters);
      const onAbort = () => waiter.finish([]);
      const waiter: Waiter = {
        queue,
        options,
        deadline: this.sqs.clock.now() + waitSeconds * 1000,
        finish: (result) => {
          if (!waiters.delete(waiter)) return;
          waiter.timer?.cancel();
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      };
      waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.arm(waiter);
    });
  }

  /** Something may have become visible on this queue: let its waiters try again (once per tick). */
  wake(queueId: number): void {
    if (!this.waiters.get(queueId)?.size) return;
    this.pendingWakes.add(queueId);
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const queues = [...this.pendingWakes];
      this.pendingWakes.clear();
      for (const id of queues) for (const waiter of [...(this.waiters.get(id) ?? [])]) this.check(waiter);
    });
  }

  /** The queue is gone: every waiter returns empty. */
  wakeAll(queueId: number): void {
    for (const waiter of [...(this.waiters.get(queueId) ?? [])]) waiter.finish([]);
    this.waiters.delete(queueId);
  }

  wakeEverything(): void {
    for (const id of [...this.waiters.keys()]) this.wakeAll(id);
  }

  private check(waiter: Waiter): void {
    // Receive first: a timer that fires late, or a clock advanced past the deadline, still finds what became
    // visible before the wait ended.
    const messages = receiveNow(this.sqs, waiter.queue, waiter.options);
    if (messages.length > 0 || this.sqs.clock.now() >= waiter.deadline) waiter.finish(messages);
    else this.arm(waiter);
  }

  /** Sleeps until the deadline or until the next message becomes visible, whichever is first. */
  private arm(waiter: Waiter): void {
    waiter.timer?.cancel();
    const now = this.sqs.clock.now();
    const next = (this.sqs.sql.nextVisibleAt.get(waiter.queue.id, now) as { at: number | null }).at;
    const wakeAt = next === null ? waiter.deadline : Math.min(next, waiter.deadline);
    waiter.timer = this.sqs.clock.setTimer(wakeAt - now, () => this.check(waiter));
  }
}
