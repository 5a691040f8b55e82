// Change sets: CreateChangeSet (CREATE makes the stack in REVIEW_IN_PROGRESS), DescribeChangeSet,
// ExecuteChangeSet, DeleteChangeSet and ListChangeSets — the flow `aws cloudformation deploy` drives.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html

import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudformation.js';
import type { RequestContext } from '../../../core/service.js';
import { computeChanges } from '../changes.js';
import {
  type CloudFormation,
  deployedOf,
  type StackRequest,
  type StoredParameters,
} from '../cloudformation.js';
import { withSsmParameters } from '../ssm-parameters.js';
import type { ChangeSetRow, StackRow } from '../store.js';
import { operation, page, parameterList, stackRequest, templateBody } from './operation.js';
import { requireUpdatable } from './stacks.js';

/** CloudFormation's words for a change set that would change nothing; `aws cloudformation deploy` looks
 * for them to say "No changes to deploy". */
const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export const createChangeSet = operation({
  input: model.CreateChangeSetInput,
  output: model.CreateChangeSetOutput,
  run: async (input, cfn, ctx) => {
    const type = input.ChangeSetType ?? 'UPDATE';
    if (type === 'IMPORT')
      throw new ServiceError('ValidationError', 'Resource import is not supported by Nimbus yet.');
    const existing = cfn.findStack(ctx.account, ctx.region, input.StackName);
    if (type === 'UPDATE' && (!existing || existing.status === 'REVIEW_IN_PROGRESS')) {
      throw new ServiceError('ValidationError', `Stack [${input.StackName}] does not exist`);
    }
    if (type === 'CREATE' && existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw new ServiceError(
        'ValidationError',
        `Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`,
      );
    }
    if (existing && type === 'UPDATE') requireUpdatable(existing.status, existing.stack_id, 'updated');
    if (existing && cfn.sql.changeSetByName.get(existing.stack_id, input.ChangeSetName)) {
      throw new ServiceError('AlreadyExistsException', `ChangeSet [${input.ChangeSetName}] already exists`);
    }
    const body =
      input.UsePreviousTemplate && existing
        ? existing.template
        : await templateBody(input, cfn.callAs(ctx.account, ctx.region));
    const request = await withSsmParameters(
      stackRequest({ ...input, Tags: input.Tags ?? (existing ? JSON.parse(existing.tags) : []) }, body, ctx),
      cfn.callAs(ctx.account, ctx.region),
    );
    const previous = existing ? (JSON.parse(existing.parameters) as StoredParameters) : undefined;
    // The template is checked before anything is recorded: a bad one is the caller's ValidationError.
    const prepared = cfn.prepare(
      request,
      existing?.stack_id ?? 'arn:aws:cloudformation:pending',
      previous,
      false,
    );
    const stack = existing ?? cfn.createReviewStack(request);
    const current = new Map(cfn.resources(stack.stack_id).map((row) => [row.logical_id, deployedOf(row)]));
    const pseudo = {
      accountId: ctx.account,
      region: ctx.region,
      stackName: stack.name,
      stackId: stack.stack_id,
    };
    const changes = computeChanges(prepared, current, pseudo, (name) =>
      cfn.exportValue(ctx.account, ctx.region, name),
    );
    const parametersChanged = JSON.stringify(prepared.parameters) !== JSON.stringify(previous?.values ?? {});
    const empty = type === 'UPDATE' && changes.length === 0 && !parametersChanged && body === stack.template;
    const changeSetId = `arn:aws:cloudformation:${ctx.region}:${ctx.account}:changeSet/${input.ChangeSetName}/${randomUUID()}`;
    cfn.sql.insertChangeSet.run({
      change_set_id: changeSetId,
      stack_id: stack.stack_id,
      name: input.ChangeSetName,
      type,
      status: empty ? 'FAILED' : 'CREATE_COMPLETE',
      status_reason: empty ? NO_CHANGES : null,
      execution_status: empty ? 'UNAVAILABLE' : 'AVAILABLE',
      description: input.Description ?? null,
      request: JSON.stringify({ ...request, parameters: request.parameters, values: prepared.parameters }),
      changes: JSON.stringify(changes),
      created_at: cfn.clock.now(),
    });
    return { Id: changeSetId, StackId: stack.stack_id };
  },
});

export const describeChangeSet = operation({
  input: model.DescribeChangeSetInput,
  output: model.DescribeChangeSetOutput,
  run: (input, cfn, ctx) => {
    const { stack, changeSet } = requireChangeSet(cfn, ctx, input.ChangeSetName, input.StackName);
    const request = JSON.parse(changeSet.request) as StackRequest & { values: StoredParameters['values'] };
    const changes = JSON.parse(changeSet.changes) as unknown[];
    const { items, nextToken } = page(changes, input.NextToken);
    return {
      ChangeSetName: changeSet.name,
      ChangeSetId: changeSet.change_set_id,
      StackId: stack.stack_id,
      StackName: stack.name,
      Description: changeSet.description ?? undefined,
      Parameters: parameterList({ values: request.values, noEcho: [] }),
      CreationTime: changeSet.created_at,
      ExecutionStatus: changeSet.execution_status,
      Status: changeSet.status,
      StatusReason: changeSet.status_reason ?? undefined,
      NotificationARNs: [],
      RollbackConfiguration: {},
      Capabilities: request.capabilities.length > 0 ? request.capabilities : undefined,
      Tags: request.tags.length > 0 ? request.tags : undefined,
      Changes: items,
      NextToken: nextToken,
      IncludeNestedStacks: false,
    };
  },
});

export const executeChangeSet = operation({
  input: model.ExecuteChangeSetInput,
  output: model.ExecuteChangeSetOutput,
  run: (input, cfn, ctx) => {
    const { stack, changeSet } = requireChangeSet(cfn, ctx, input.ChangeSetName, input.StackName);
    if (changeSet.execution_status !== 'AVAILABLE') {
      throw new ServiceError(
        'InvalidChangeSetStatus',
        `ChangeSet [${changeSet.change_set_id}] cannot be executed in its current status of [${changeSet.status}]`,
      );
    }
    const stored = JSON.parse(changeSet.request) as StackRequest;
    const request: StackRequest = {
      ...stored,
      disableRollback: input.DisableRollback ?? stored.disableRollback,
      clientRequestToken: input.ClientRequestToken,
    };
    const previous = JSON.parse(stack.parameters) as StoredParameters;
    if (changeSet.type === 'CREATE') {
      cfn.createStack(request, cfn.prepare(request, stack.stack_id, undefined, false));
    } else {
      requireUpdatable(stack.status, stack.stack_id, 'updated');
      cfn.updateStack(stack, request, cfn.prepare(request, stack.stack_id, previous, false));
    }
    // Executing one change set deletes the stack's others, as CloudFormation does.
    for (const other of cfn.sql.changeSets.all(stack.stack_id) as ChangeSetRow[]) {
      if (other.change_set_id !== changeSet.change_set_id) cfn.sql.deleteChangeSet.run(other.change_set_id);
    }
    cfn.sql.setChangeSetExecution.run('EXECUTE_IN_PROGRESS', changeSet.change_set_id);
    cfn.settled(stack.stack_id).then(() => {
      const after = cfn.findStack(ctx.account, ctx.region, stack.stack_id);
      const ok = after?.status === 'CREATE_COMPLETE' || after?.status === 'UPDATE_COMPLETE';
      cfn.sql.setChangeSetExecution.run(ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED', changeSet.change_set_id);
    });
    return {};
  },
});

export const deleteChangeSet = operation({
  input: model.DeleteChangeSetInput,
  output: model.DeleteChangeSetOutput,
  run: (input, cfn, ctx) => {
    const { changeSet } = requireChangeSet(cfn, ctx, input.ChangeSetName, input.StackName);
    if (changeSet.execution_status === 'EXECUTE_IN_PROGRESS') {
      throw new ServiceError(
        'InvalidChangeSetStatus',
        `Cannot delete ChangeSet [${changeSet.change_set_id}] in status ${changeSet.execution_status}`,
      );
    }
    cfn.sql.deleteChangeSet.run(changeSet.change_set_id);
    return {};
  },
});

export const listChangeSets = operation({
  input: model.ListChangeSetsInput,
  output: model.ListChangeSetsOutput,
  run: (input, cfn, ctx) => {
    const stack = cfn.requireStack(ctx.account, ctx.region, input.StackName);
    const { items, nextToken } = page(
      cfn.sql.changeSets.all(stack.stack_id) as ChangeSetRow[],
      input.NextToken,
    );
    return {
      Summaries: items.map((changeSet) => ({
        StackId: stack.stack_id,
        StackName: stack.name,
        ChangeSetId: changeSet.change_set_id,
        ChangeSetName: changeSet.name,
        ExecutionStatus: changeSet.execution_status,
        Status: changeSet.status,
        StatusReason: changeSet.status_reason ?? undefined,
        CreationTime: changeSet.created_at,
        Description: changeSet.description ?? undefined,
        IncludeNestedStacks: false,
      })),
      NextToken: nextToken,
    };
  },
});

/** A change set named by ARN, or by name with its stack. */
function requireChangeSet(
  cfn: CloudFormation,
  ctx: RequestContext,
  name: string,
  stackName: string | undefined,
): { stack: StackRow; changeSet: ChangeSetRow } {
  let changeSet: ChangeSetRow | undefined;
  if (name.startsWith('arn:')) changeSet = cfn.sql.changeSetById.get(name) as ChangeSetRow | undefined;
  else {
    if (stackName === undefined) {
      throw new ServiceError(
        'ValidationError',
        'StackName must be specified if ChangeSetName is not specified as an ARN.',
      );
    }
    const stack = cfn.findStack(ctx.account, ctx.region, stackName);
    changeSet = stack
      ? (cfn.sql.changeSetByName.get(stack.stack_id, name) as ChangeSetRow | undefined)
      : undefined;
  }
  const stack = changeSet ? cfn.findStack(ctx.account, ctx.region, changeSet.stack_id) : undefined;
  if (!changeSet || !stack) throw new ServiceError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`);
  return { stack, changeSet };
}
