// DescribeStackResource(s), ListStackResources and DescribeStackEvents: what a stack made, and how.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudformation.js';
import type { EventRow, ResourceRow, StackRow } from '../store.js';
import { eventOutput, operation, page, resourceOutput } from './operation.js';

export const describeStackResource = operation({
  input: model.DescribeStackResourceInput,
  output: model.DescribeStackResourceOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    const row = cfn.resources(stack.stack_id).find((r) => r.logical_id === input.LogicalResourceId);
    if (!row) {
      throw new ServiceError(
        'ValidationError',
        `Resource ${input.LogicalResourceId} does not exist for stack ${stack.name}`,
      );
    }
    return { StackResourceDetail: { ...resourceOutput(stack, row), Metadata: metadataOf(stack, row) } };
  },
});

export const describeStackResources = operation({
  input: model.DescribeStackResourcesInput,
  output: model.DescribeStackResourcesOutput,
  run: (input, cfn, ctx) => {
    let found: { stack: StackRow; rows: ResourceRow[] } | undefined;
    if (input.StackName !== undefined) {
      const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
      found = { stack, rows: cfn.resources(stack.stack_id) };
    } else if (input.PhysicalResourceId !== undefined) {
      for (const stack of cfn.sql.stacks.all(ctx.account, ctx.region) as StackRow[]) {
        const rows = cfn.resources(stack.stack_id);
        if (rows.some((r) => r.physical_id === input.PhysicalResourceId)) found = { stack, rows };
      }
      if (!found) {
        throw new ServiceError('ValidationError', `Stack for ${input.PhysicalResourceId} does not exist`);
      }
    } else {
      throw new ServiceError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.');
    }
    const rows = found.rows.filter(
      (r) => !input.LogicalResourceId || r.logical_id === input.LogicalResourceId,
    );
    return { StackResources: rows.map((row) => resourceOutput(found.stack, row)) };
  },
});

export const listStackResources = operation({
  input: model.ListStackResourcesInput,
  output: model.ListStackResourcesOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    const { items, nextToken } = page(cfn.resources(stack.stack_id), input.NextToken);
    return {
      StackResourceSummaries: items.map((row) => {
        const { StackName: _name, StackId: _id, Timestamp: _at, ...summary } = resourceOutput(stack, row);
        return summary;
      }),
      NextToken: nextToken,
    };
  },
});

export const describeStackEvents = operation({
  input: model.DescribeStackEventsInput,
  output: model.DescribeStackEventsOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName ?? '');
    const events = cfn.sql.events.all(stack.stack_id) as EventRow[];
    const { items, nextToken } = page(events, input.NextToken);
    return { StackEvents: items.map((event) => eventOutput(stack, event)), NextToken: nextToken };
  },
});

function metadataOf(stack: StackRow, row: ResourceRow): string | undefined {
  try {
    const metadata = JSON.parse(stack.template).Resources?.[row.logical_id]?.Metadata;
    return metadata === undefined ? undefined : JSON.stringify(metadata);
  } catch {
    // A YAML template: its metadata is read by GetTemplateSummary instead.
    return undefined;
  }
}
