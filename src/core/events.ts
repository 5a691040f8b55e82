// The operation event stream: every call, external or in-process, is reported here once.
// Logs, the console and tests subscribe; when nobody listens, reporting costs one boolean check.

import { EventEmitter } from 'node:events';

export interface OperationEvent {
  readonly service: string;
  readonly operation: string;
  readonly account: string;
  readonly region: string;
  readonly requestId: string;
  readonly caller?: string;
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  /** True while anyone listens; callers skip building events otherwise. */
  get active(): boolean {
    return this.emitter.listenerCount('operation') > 0;
  }

  onOperation(listener: (event: OperationEvent) => void): () => void {
    this.emitter.on('operation', listener);
    return () => this.emitter.off('operation', listener);
  }

  emitOperation(event: OperationEvent): void {
    this.emitter.emit('operation', event);
  }
}
