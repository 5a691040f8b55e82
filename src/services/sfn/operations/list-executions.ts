// ListExecutions: a state machine's (or a version's, alias's or map run's) executions, newest first,
// filtered by status. A map run's are its child executions (distributed Map), which a state machine's
// listing leaves out. https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html

import * as model from '../../../core/generated/sfn.js';
import { stateMachineTypeNotSupported, validation } from '../errors.js';
import type { ExecutionRow } from '../execution/store.js';
import { pageOf } from '../paging.js';
import type { ResolvedStateMachine } from '../registry/registry.js';
import type { Sfn } from '../sfn.js';
import { epochSeconds, operation } from './operation.js';

export const listExecutions = operation({
  input: model.ListExecutionsInput,
  run: (input, sfn) => {
    if ((input.stateMachineArn === undefined) === (input.mapRunArn === undefined)) {
      throw validation('Must provide a StateMachine ARN or a MapRun ARN');
    }
    if (input.mapRunArn !== undefined) return listMapRunExecutions(input, sfn);
    const target = input.stateMachineArn!;
    const machine = sfn.registry.resolve(target);
    if (machine.type === 'EXPRESS') {
      throw stateMachineTypeNotSupported('This operation is not supported by this type of state machine');
    }
    const rows = (sfn.executions.sql.byMachine.all(machine.stateMachineArn) as ExecutionRow[]).filter(
      (row) => {
        if (input.statusFilter && row.status !== input.statusFilter) return false;
        if (input.redriveFilter === 'REDRIVEN' && row.redrive_count === 0) return false;
        if (input.redriveFilter === 'NOT_REDRIVEN' && row.redrive_count > 0) return false;
        // A version's or alias's ARN lists the executions started through it.
        const ran = JSON.parse(row.machine) as ResolvedStateMachine;
        return target === machine.stateMachineArn || ran.versionArn === target || ran.aliasArn === target;
      },
    );
    const { items, nextToken } = pageOf('executions', rows, input.nextToken, input.maxResults);
    return {
      executions: items.map((row) => {
        const ran = JSON.parse(row.machine) as ResolvedStateMachine;
        return {
          executionArn: row.arn,
          stateMachineArn: row.machine_arn,
          name: row.name,
          status: row.status,
          startDate: epochSeconds(row.started_at),
          ...(row.stopped_at !== null ? { stopDate: epochSeconds(row.stopped_at) } : {}),
          ...(ran.versionArn ? { stateMachineVersionArn: ran.versionArn } : {}),
          ...(ran.aliasArn ? { stateMachineAliasArn: ran.aliasArn } : {}),
          redriveCount: row.redrive_count,
        };
      }),
      nextToken,
    };
  },
});

/** A map run's child executions, newest first, with the map run and the items each one processed. */
function listMapRunExecutions(
  input: { mapRunArn?: string; statusFilter?: string; maxResults?: number; nextToken?: string },
  sfn: Sfn,
) {
  const mapRun = sfn.executions.mapRuns.require(input.mapRunArn!);
  const items = new Map(sfn.executions.mapRuns.children(mapRun.arn).map((c) => [c.execution_arn, c.items]));
  const rows = (sfn.executions.sql.byMapRun.all(mapRun.arn) as ExecutionRow[]).filter(
    (row) => !input.statusFilter || row.status === input.statusFilter,
  );
  const { items: listed, nextToken } = pageOf('executions', rows, input.nextToken, input.maxResults);
  return {
    executions: listed.map((row) => ({
      executionArn: row.arn,
      stateMachineArn: row.machine_arn,
      name: row.name,
      status: row.status,
      startDate: epochSeconds(row.started_at),
      ...(row.stopped_at !== null ? { stopDate: epochSeconds(row.stopped_at) } : {}),
      mapRunArn: mapRun.arn,
      itemCount: items.get(row.arn) ?? 1,
      redriveCount: row.redrive_count,
    })),
    nextToken,
  };
}
