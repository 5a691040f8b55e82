// What an execution's end tells others: the parent Task that started it with `.sync` / `.sync:2`, and
// EventBridge's "Step Functions Execution Status Change" event.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
// https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html

import type { Json } from '../language/index.js';
import type { ExecutionRow } from './store.js';
import type { Outcome } from './threads.js';

/** The parent Task's result: DescribeExecution's output with PascalCase members (`.sync` keeps Output as
 * JSON text, `.sync:2` parses it); a child that did not succeed fails the task with States.TaskFailed. */
export function childOutput(row: ExecutionRow, pattern: 'sync' | 'sync2'): Outcome {
  const described: Record<string, Json> = {
    ExecutionArn: row.arn,
    Input: pattern === 'sync2' ? (JSON.parse(row.input) as Json) : row.input,
    InputDetails: { Included: true },
    Name: row.name,
    StartDate: row.started_at,
    StateMachineArn: row.machine_arn,
    Status: row.status,
    StopDate: row.stopped_at,
  };
  if (row.status === 'SUCCEEDED') {
    described.Output =
      pattern === 'sync2' && row.output !== null ? (JSON.parse(row.output) as Json) : row.output;
    described.OutputDetails = { Included: true };
    return { ok: true, output: described };
  }
  if (row.error !== null) described.Error = row.error;
  if (row.cause !== null) described.Cause = row.cause;
  return { ok: false, error: 'States.TaskFailed', cause: JSON.stringify(described) };
}

/** A PutEvents entry for the default bus, as Step Functions sends it for standard workflows. */
export function statusChangeEvent(row: ExecutionRow): Record<string, unknown> {
  const detail = {
    executionArn: row.arn,
    stateMachineArn: row.machine_arn,
    name: row.name,
    status: row.status,
    startDate: row.started_at,
    stopDate: row.stopped_at,
    input: row.input,
    output: row.output,
    inputDetails: { included: true },
    outputDetails: row.output === null ? null : { included: true },
    error: row.error,
    cause: row.cause,
    redriveCount: row.redrive_count,
  };
  return {
    Source: 'aws.states',
    DetailType: 'Step Functions Execution Status Change',
    Resources: [row.arn],
    Detail: JSON.stringify(detail),
  };
}
