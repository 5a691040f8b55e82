// The AWS/Lambda metrics, recorded through the metrics port when Lambda counts them: Invocations, Errors,
// Duration and ConcurrentExecutions when an invocation ends (starts, for concurrency), Throttles when one is
// refused, IteratorAge when a stream mapping hands a batch over, DeadLetterErrors, AsyncEventsReceived,
// AsyncEventAge and AsyncEventsDropped for asynchronous invocations. Each is published under the dimension
// sets AWS uses: none (the account's aggregate), FunctionName, FunctionName+Resource (the function, or
// `name:alias` / `name:version` when invoked so), and FunctionName+Resource+ExecutedVersion for qualified calls.
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html

import type { MetricDimension, MetricSink, MetricUnit } from '../../core/ports/metrics.js';
import type { ResolvedFunction } from './functions.js';

const NAMESPACE = 'AWS/Lambda';

/** What the metrics need to know of an invocation's function. */
export interface InvokedFunction {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** The ARN it was invoked by: a qualifier makes `Resource` `name:qualifier`. */
  readonly invokedArn: string;
  readonly executedVersion?: string;
}

export class LambdaMetrics {
  private readonly running = new Map<string, number>();

  constructor(private readonly sink: MetricSink | undefined) {}

  /** An invocation got its slot: the concurrency it brings, per function and account. Returns the release. */
  started(fn: InvokedFunction): () => void {
    if (!this.sink) return () => {};
    const fnKey = `${fn.account}|${fn.region}|${fn.name}`;
    const accountKey = `${fn.account}|${fn.region}`;
    const fnRunning = (this.running.get(fnKey) ?? 0) + 1;
    const accountRunning = (this.running.get(accountKey) ?? 0) + 1;
    this.running.set(fnKey, fnRunning);
    this.running.set(accountKey, accountRunning);
    this.sink.record(fn, {
      namespace: NAMESPACE,
      name: 'ConcurrentExecutions',
      dimensions: [],
      value: accountRunning,
      unit: 'Count',
    });
    this.sink.record(fn, {
      namespace: NAMESPACE,
      name: 'ConcurrentExecutions',
      dimensions: [{ Name: 'FunctionName', Value: fn.name }],
      value: fnRunning,
      unit: 'Count',
    });
    return () => {
      this.running.set(fnKey, (this.running.get(fnKey) ?? 1) - 1);
      this.running.set(accountKey, (this.running.get(accountKey) ?? 1) - 1);
    };
  }

  /** An invocation ended: counted whether or not the function failed (a function error is also an Error). */
  ended(fn: InvokedFunction, durationMs: number, failed: boolean): void {
    this.put(fn, 'Invocations', 1, 'Count');
    this.put(fn, 'Errors', failed ? 1 : 0, 'Count');
    this.put(fn, 'Duration', durationMs, 'Milliseconds');
  }

  throttled(fn: InvokedFunction): void {
    this.put(fn, 'Throttles', 1, 'Count');
  }

  /** A stream mapping's batch: the age of its last record when Lambda received it. */
  iteratorAge(fn: InvokedFunction, ageMs: number): void {
    this.put(fn, 'IteratorAge', Math.max(0, ageMs), 'Milliseconds');
  }

  deadLetterError(fn: InvokedFunction): void {
    this.put(fn, 'DeadLetterErrors', 1, 'Count');
  }

  asyncEventReceived(fn: InvokedFunction): void {
    this.put(fn, 'AsyncEventsReceived', 1, 'Count');
  }

  /** Time from the event being queued to the invocation that takes it. */
  asyncEventAge(fn: InvokedFunction, ageMs: number): void {
    this.put(fn, 'AsyncEventAge', Math.max(0, ageMs), 'Milliseconds');
  }

  asyncEventDropped(fn: InvokedFunction): void {
    this.put(fn, 'AsyncEventsDropped', 1, 'Count');
  }

  private put(fn: InvokedFunction, name: string, value: number, unit: MetricUnit): void {
    if (!this.sink) return;
    for (const dimensions of dimensionSets(fn)) {
      this.sink.record(fn, { namespace: NAMESPACE, name, dimensions, value, unit });
    }
  }
}

/** The function an invocation runs, as the metrics name it. */
export function meteredFunction(resolved: ResolvedFunction): InvokedFunction {
  return {
    account: resolved.fn.account,
    region: resolved.fn.region,
    name: resolved.fn.name,
    invokedArn: resolved.invokedArn,
    executedVersion: resolved.executedVersion,
  };
}

/** The function behind an ARN (`arn:aws:lambda:region:account:function:name[:qualifier]`). */
export function invokedFunctionOf(arn: string, executedVersion?: string): InvokedFunction {
  const parts = arn.split(':');
  return {
    region: parts[3] ?? '',
    account: parts[4] ?? '',
    name: parts[6] ?? '',
    invokedArn: arn,
    executedVersion,
  };
}

function dimensionSets(fn: InvokedFunction): MetricDimension[][] {
  const qualifier = fn.invokedArn.split(':')[7];
  const name = { Name: 'FunctionName', Value: fn.name };
  const resource = { Name: 'Resource', Value: qualifier ? `${fn.name}:${qualifier}` : fn.name };
  const sets: MetricDimension[][] = [[], [name], [name, resource]];
  if (qualifier && fn.executedVersion) {
    sets.push([name, resource, { Name: 'ExecutedVersion', Value: fn.executedVersion }]);
  }
  return sets;
}
