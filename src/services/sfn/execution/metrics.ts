// The AWS/States execution metrics, recorded through the metrics port when Step Functions counts them:
// ExecutionsStarted when an execution starts; ExecutionsSucceeded, ExecutionsFailed, ExecutionsAborted or
// ExecutionsTimedOut and ExecutionTime (ms) when it ends. Dimension: StateMachineArn. A distributed map's
// child executions are counted by their map run, not here.
// https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html

import type { MetricSink } from '../../../core/ports/metrics.js';

const NAMESPACE = 'AWS/States';
const ENDED: Readonly<Record<string, string>> = {
  SUCCEEDED: 'ExecutionsSucceeded',
  FAILED: 'ExecutionsFailed',
  ABORTED: 'ExecutionsAborted',
  TIMED_OUT: 'ExecutionsTimedOut',
};

interface MeteredExecution {
  readonly machine_arn: string;
  readonly status: string;
  readonly started_at: number;
  readonly stopped_at: number | null;
  readonly map_run_arn: string | null;
}

export class ExecutionMetrics {
  constructor(private readonly sink: MetricSink | undefined) {}

  started(row: MeteredExecution): void {
    if (row.map_run_arn === null) this.put(row, 'ExecutionsStarted', 1, 'Count');
  }

  ended(row: MeteredExecution): void {
    const name = ENDED[row.status];
    if (!name || row.map_run_arn !== null) return;
    this.put(row, name, 1, 'Count');
    if (row.stopped_at !== null)
      this.put(row, 'ExecutionTime', row.stopped_at - row.started_at, 'Milliseconds');
  }

  private put(row: MeteredExecution, name: string, value: number, unit: 'Count' | 'Milliseconds'): void {
    if (!this.sink) return;
    const [, , , region = '', account = ''] = row.machine_arn.split(':');
    this.sink.record(
      { account, region },
      {
        namespace: NAMESPACE,
        name,
        dimensions: [{ Name: 'StateMachineArn', Value: row.machine_arn }],
        value,
        unit,
      },
    );
  }
}
