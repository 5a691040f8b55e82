// DescribeMapRun, ListMapRuns and UpdateMapRun: a distributed Map's map runs, their counts and limits.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListMapRuns.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html

import * as model from '../../../core/generated/sfn.js';
import { pageOf } from '../paging.js';
import { epochSeconds, operation } from './operation.js';

export const describeMapRun = operation({
  input: model.DescribeMapRunInput,
  run: (input, sfn) => {
    const row = sfn.executions.mapRuns.require(input.mapRunArn);
    const { itemCounts, executionCounts } = sfn.executions.mapRuns.counts(row);
    return {
      mapRunArn: row.arn,
      executionArn: row.execution_arn,
      status: row.status,
      startDate: epochSeconds(row.started_at),
      ...(row.stopped_at !== null ? { stopDate: epochSeconds(row.stopped_at) } : {}),
      maxConcurrency: row.max_concurrency,
      toleratedFailurePercentage: row.tolerated_failure_percentage ?? 0,
      toleratedFailureCount: row.tolerated_failure_count ?? 0,
      itemCounts,
      executionCounts,
      redriveCount: 0,
    };
  },
});

/** The map runs an execution's distributed Map states started, oldest first. */
export const listMapRuns = operation({
  input: model.ListMapRunsInput,
  run: (input, sfn) => {
    sfn.executions.require(input.executionArn);
    const { items, nextToken } = pageOf(
      'map-runs',
      sfn.executions.mapRuns.ofExecution(input.executionArn),
      input.nextToken,
      input.maxResults,
    );
    return {
      mapRuns: items.map((row) => ({
        executionArn: row.execution_arn,
        mapRunArn: row.arn,
        stateMachineArn: row.state_machine_arn,
        startDate: epochSeconds(row.started_at),
        ...(row.stopped_at !== null ? { stopDate: epochSeconds(row.stopped_at) } : {}),
      })),
      nextToken,
    };
  },
});

/** New limits apply to the running map run at once: a higher MaxConcurrency starts more children. */
export const updateMapRun = operation({
  input: model.UpdateMapRunInput,
  run: (input, sfn) => {
    sfn.executions.mapRuns.update(input.mapRunArn, {
      maxConcurrency: input.maxConcurrency,
      toleratedFailurePercentage: input.toleratedFailurePercentage,
      toleratedFailureCount: input.toleratedFailureCount,
    });
    return {};
  },
});
