// The signal that a table's stream was written, shared by the DynamoDB engine (which writes stream records)
// and the Streams engine (whose stream source wakes Lambda's pollers), one per cloud through its store.
//
// Why not the operation event bus: a watcher there made every request of every service build and emit an
// operation event while any DynamoDB stream mapping existed, and woke pollers for writes to other tables.

import type { Store } from '../../core/store.js';

export class StreamWrites {
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly pending = new Set<string>();
  private flushQueued = false;

  /** The signal of the cloud that owns `store` (both engines are built on the same store). */
  static of(store: Store): StreamWrites {
    let signal = SIGNALS.get(store);
    if (!signal) {
      signal = new StreamWrites();
      SIGNALS.set(store, signal);
    }
    return signal;
  }

  /** Calls `listener` after writes to the stream `streamArn`; returns the unsubscribe. */
  watch(streamArn: string, listener: () => void): () => void {
    let listeners = this.watchers.get(streamArn);
    if (!listeners) {
      listeners = new Set();
      this.watchers.set(streamArn, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.watchers.delete(streamArn);
    };
  }

  /** Called inside the write's transaction: watchers hear of it once the synchronous transaction has
   * ended (a microtask later), so they read what committed. A write that rolled back costs one empty read. */
  written(streamArn: string): void {
    if (!this.watchers.has(streamArn)) return;
    this.pending.add(streamArn);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const arns = [...this.pending];
    this.pending.clear();
    for (const arn of arns) {
      for (const listener of [...(this.watchers.get(arn) ?? [])]) listener();
    }
  }
}

const SIGNALS = new WeakMap<Store, StreamWrites>();
