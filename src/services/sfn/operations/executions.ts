// StartExecution, StartSyncExecution, StopExecution, DescribeExecution and DescribeStateMachineForExecution.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html

import * as model from '../../../core/generated/sfn.js';
import type { RequestContext } from '../../../core/service.js';
import { invalidArn, stateMachineTypeNotSupported } from '../errors.js';
import type { ExecutionRow } from '../execution/store.js';
import { parseExecutionArn } from '../names.js';
import { arnProblem, type ResolvedStateMachine } from '../registry/registry.js';
import type { Sfn } from '../sfn.js';
import { epochSeconds, operation } from './operation.js';

export const startExecution = operation({
  input: model.StartExecutionInput,
  run: (input, sfn, ctx) => {
    const row = sfn.executions.start({
      account: ctx.account,
      region: ctx.region,
      stateMachineArn: input.stateMachineArn,
      name: input.name,
      input: input.input,
      traceHeader: input.traceHeader,
    });
    return { executionArn: row.arn, startDate: epochSeconds(row.started_at) };
  },
});

/** Express workflows only: runs the execution and answers its end. */
export const startSyncExecution = operation({
  input: model.StartSyncExecutionInput,
  run: async (input, sfn, ctx) => {
    const machine = sfn.registry.resolve(input.stateMachineArn);
    if (machine.type !== 'EXPRESS') {
      throw stateMachineTypeNotSupported('This operation is not supported by this type of state machine');
    }
    const started = sfn.executions.start({
      account: ctx.account,
      region: ctx.region,
      stateMachineArn: input.stateMachineArn,
      name: input.name,
      input: input.input,
      traceHeader: input.traceHeader,
    });
    const row = await sfn.executions.whenEnded(started.arn);
    return {
      ...described(row, machine, input.includedData !== 'METADATA_ONLY'),
      billingDetails: {
        billedMemoryUsedInMB: 64,
        // Express workflows are billed in 100 ms increments (Step Functions pricing).
        billedDurationInMilliseconds: Math.max(
          100,
          Math.ceil(((row.stopped_at ?? row.started_at) - row.started_at) / 100) * 100,
        ),
      },
    };
  },
});

export const stopExecution = operation({
  input: model.StopExecutionInput,
  run: (input, sfn) => {
    const row = requireStandard(sfn, input.executionArn);
    sfn.executions.stopExecution(row.arn, input.error, input.cause);
    return { stopDate: epochSeconds(sfn.executions.find(row.arn)?.stopped_at ?? sfn.executions.clock.now()) };
  },
});

export const describeExecution = operation({
  input: model.DescribeExecutionInput,
  run: (input, sfn) => {
    const row = requireStandard(sfn, input.executionArn);
    const machine = JSON.parse(row.machine) as ResolvedStateMachine;
    const out = described(row, machine, input.includedData !== 'METADATA_ONLY');
    const problem = sfn.executions.redriveProblem(row);
    out.redriveStatus = problem ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
    if (problem && row.status !== 'RUNNING' && row.status !== 'SUCCEEDED') out.redriveStatusReason = problem;
    return out;
  },
});

export const redriveExecution = operation({
  input: model.RedriveExecutionInput,
  run: (input, sfn) => {
    const row = sfn.executions.redrive(requireStandard(sfn, input.executionArn).arn);
    return { redriveDate: epochSeconds(row.redrive_at!) };
  },
});

export const describeStateMachineForExecution = operation({
  input: model.DescribeStateMachineForExecutionInput,
  run: (input, sfn) => {
    const row = requireStandard(sfn, input.executionArn);
    const machine = JSON.parse(row.machine) as ResolvedStateMachine;
    return {
      stateMachineArn: machine.versionArn ?? machine.stateMachineArn,
      name: machine.name,
      definition: input.includedData === 'METADATA_ONLY' ? undefined : machine.definition,
      roleArn: machine.roleArn,
      updateDate: epochSeconds(row.started_at),
      loggingConfiguration: machine.loggingConfiguration,
      tracingConfiguration: machine.tracingConfiguration,
      revisionId: machine.revisionOnWire,
      ...(row.map_run_arn ? { mapRunArn: row.map_run_arn } : {}),
    };
  },
});

/** The execution an ARN names: InvalidArn for what is no execution ARN; express executions are not kept for
 * describing ("DescribeExecution … is not supported by EXPRESS state machines"). */
export function requireStandard(sfn: Sfn, arn: string, _ctx?: RequestContext): ExecutionRow {
  const parts = parseExecutionArn(arn);
  if (!parts) throw invalidArn(arnProblem(arn));
  if (parts.express) throw invalidArn('Resource type not valid in this context: express');
  return sfn.executions.require(arn);
}

export function described(
  row: ExecutionRow,
  machine: ResolvedStateMachine,
  includeData: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: row.arn,
    stateMachineArn: row.machine_arn,
    name: row.name,
    status: row.status,
    startDate: epochSeconds(row.started_at),
    inputDetails: { included: includeData },
    redriveCount: row.redrive_count,
    redriveStatus: 'NOT_REDRIVABLE',
  };
  if (includeData) out.input = row.input;
  if (row.stopped_at !== null) out.stopDate = epochSeconds(row.stopped_at);
  if (row.output !== null) {
    out.outputDetails = { included: includeData };
    if (includeData) out.output = row.output;
  }
  if (row.error !== null) out.error = row.error;
  if (row.cause !== null && includeData) out.cause = row.cause;
  if (row.trace_header !== null) out.traceHeader = row.trace_header;
  if (row.redrive_at !== null) out.redriveDate = epochSeconds(row.redrive_at);
  if (row.map_run_arn !== null) out.mapRunArn = row.map_run_arn;
  if (machine.versionArn) out.stateMachineVersionArn = machine.versionArn;
  if (machine.aliasArn) out.stateMachineAliasArn = machine.aliasArn;
  return out;
}
