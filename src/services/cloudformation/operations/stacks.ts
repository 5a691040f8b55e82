// CreateStack, UpdateStack, DeleteStack, DescribeStacks, ListStacks and UpdateTerminationProtection.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html

import { isDeepStrictEqual } from 'node:util';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudformation.js';
import type { StoredParameters } from '../cloudformation.js';
import { withSsmParameters } from '../ssm-parameters.js';
import { operation, page, stackOutput, stackRequest, templateBody } from './operation.js';

export const createStack = operation({
  input: model.CreateStackInput,
  output: model.CreateStackOutput,
  run: async (input, cfn, ctx) => {
    const body = await templateBody(input, cfn.callAs(ctx.account, ctx.region));
    const request = await withSsmParameters(
      stackRequest(input, body, ctx),
      cfn.callAs(ctx.account, ctx.region),
    );
    const existing = cfn.findStack(ctx.account, ctx.region, input.StackName);
    if (existing)
      throw new ServiceError('AlreadyExistsException', `Stack [${input.StackName}] already exists`);
    return { StackId: cfn.createStack(request) };
  },
});

export const updateStack = operation({
  input: model.UpdateStackInput,
  output: model.UpdateStackOutput,
  run: async (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    requireUpdatable(stack.status, stack.stack_id, 'updated');
    if (input.UsePreviousTemplate && (input.TemplateBody !== undefined || input.TemplateURL !== undefined)) {
      throw new ServiceError(
        'ValidationError',
        'You cannot specify both usePreviousTemplate and Template Body/Template URL',
      );
    }
    const body = input.UsePreviousTemplate
      ? stack.template
      : await templateBody(input, cfn.callAs(ctx.account, ctx.region));
    const request = await withSsmParameters(
      stackRequest(
        {
          ...input,
          StackName: stack.name,
          Tags: input.Tags ?? JSON.parse(stack.tags),
          DisableRollback: input.DisableRollback ?? stack.disable_rollback === 1,
        },
        body,
        ctx,
      ),
      cfn.callAs(ctx.account, ctx.region),
    );
    const previous = JSON.parse(stack.parameters) as StoredParameters;
    const prepared = cfn.prepare(request, stack.stack_id, previous);
    if (
      body === stack.template &&
      isDeepStrictEqual(prepared.parameters, previous.values) &&
      JSON.stringify(request.tags) === stack.tags
    ) {
      throw new ServiceError('ValidationError', 'No updates are to be performed.');
    }
    cfn.updateStack(stack, request, prepared);
    return { StackId: stack.stack_id };
  },
});

export const deleteStack = operation({
  input: model.DeleteStackInput,
  run: (input, cfn, ctx) => {
    // Deleting a stack that does not exist (or is already deleted) succeeds, as on AWS.
    const stack = cfn.findStack(ctx.account, ctx.region, input.StackName);
    if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS')
      return undefined;
    if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new ServiceError(
        'ValidationError',
        `Stack [${stack.stack_id}] cannot be deleted while in status ${stack.status}`,
      );
    }
    cfn.deleteStack(stack, input.ClientRequestToken);
    return undefined;
  },
});

export const describeStacks = operation({
  input: model.DescribeStacksInput,
  output: model.DescribeStacksOutput,
  run: (input, cfn, ctx) => {
    if (input.StackName !== undefined) {
      const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
      return { Stacks: [stackOutput(stack)] };
    }
    // Without a name: the stacks that exist (deleted ones only by id), newest first.
    const stacks = (
      cfn.sql.stacks.all(ctx.account, ctx.region) as Parameters<typeof stackOutput>[0][]
    ).filter((stack) => stack.deleted_at === null);
    const { items, nextToken } = page(stacks, input.NextToken);
    return { Stacks: items.map(stackOutput), NextToken: nextToken };
  },
});

export const listStacks = operation({
  input: model.ListStacksInput,
  output: model.ListStacksOutput,
  run: (input, cfn, ctx) => {
    const filter = input.StackStatusFilter;
    const stacks = (
      cfn.sql.stacks.all(ctx.account, ctx.region) as Parameters<typeof stackOutput>[0][]
    ).filter(
      (stack) => !filter || filter.length === 0 || filter.includes(stack.status as (typeof filter)[number]),
    );
    const { items, nextToken } = page(stacks, input.NextToken);
    return {
      StackSummaries: items.map((stack) => ({
        StackId: stack.stack_id,
        StackName: stack.name,
        TemplateDescription: stack.description ?? undefined,
        CreationTime: stack.created_at,
        LastUpdatedTime: stack.updated_at ?? undefined,
        DeletionTime: stack.deleted_at ?? undefined,
        StackStatus: stack.status,
        StackStatusReason: stack.status_reason ?? undefined,
        DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
      })),
      NextToken: nextToken,
    };
  },
});

export const updateTerminationProtection = operation({
  input: model.UpdateTerminationProtectionInput,
  output: model.UpdateTerminationProtectionOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    cfn.sql.setTerminationProtection.run(input.EnableTerminationProtection ? 1 : 0, stack.stack_id);
    return { StackId: stack.stack_id };
  },
});

/** An update (or a change set) needs the stack at rest in a status an update may start from. */
export function requireUpdatable(status: string, stackId: string, verb: string): void {
  const updatable = [
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE',
    'UPDATE_FAILED',
  ];
  if (!updatable.includes(status)) {
    throw new ServiceError(
      'ValidationError',
      `Stack:${stackId} is in ${status} state and can not be ${verb}.`,
    );
  }
}
