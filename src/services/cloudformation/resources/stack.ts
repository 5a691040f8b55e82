// AWS::CloudFormation::Stack: a nested stack, made, updated and deleted through CloudFormation's own API
// as any client would, and waited for until it settles. Ref is the child's stack id; `Outputs.<Name>` the
// child's outputs for Fn::GetAtt.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html

import {
  isNotFound,
  type ResourceContext,
  ResourceFailure,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { pause } from './responses.js';

export const nestedStack: ResourceType = {
  type: 'AWS::CloudFormation::Stack',
  async create(properties, ctx) {
    const created = await ctx.call('cloudformation', 'CreateStack', {
      // A stack name is at most 128 characters; CloudFormation names nested stacks `<parent>-<logicalId>-<suffix>`.
      StackName: ctx.physicalName({ maxLength: 128 }),
      ...stackInput(properties),
    });
    const stackId = String(created.StackId);
    return settle(ctx, stackId, 'created');
  },
  async update(current, properties, _previous, ctx) {
    try {
      await ctx.call('cloudformation', 'UpdateStack', {
        StackName: current.physicalId,
        ...stackInput(properties),
      });
    } catch (error) {
      // An unchanged child (the parent changed elsewhere) is not a failure of the parent's update.
      if ((error as Error).message === 'No updates are to be performed.')
        return settle(ctx, current.physicalId, 'updated');
      throw error;
    }
    return settle(ctx, current.physicalId, 'updated');
  },
  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cloudformation', 'DeleteStack', { StackName: current.physicalId });
    } catch (error) {
      if (isNotFound(error, ['ValidationError'])) return;
      throw error;
    }
    await settle(ctx, current.physicalId, 'deleted');
  },
};

/** What CreateStack and UpdateStack take from the resource's properties. */
function stackInput(properties: ResourceProperties): Record<string, unknown> {
  const parameters = properties.Parameters as Record<string, unknown> | undefined;
  const timeout = stringProperty(properties.TimeoutInMinutes);
  return {
    TemplateURL: stringProperty(properties.TemplateURL),
    // Parameter values reach the child as strings; a list is comma-delimited, as a CommaDelimitedList takes it.
    Parameters: Object.entries(parameters ?? {}).map(([ParameterKey, value]) => ({
      ParameterKey,
      ParameterValue: Array.isArray(value) ? value.map(String).join(',') : stringProperty(value),
    })),
    Tags: Array.isArray(properties.Tags) ? properties.Tags : undefined,
    ...(timeout !== undefined ? { TimeoutInMinutes: Number(timeout) } : {}),
    // The parent's template was accepted with its capabilities; the child's resources are part of it.
    Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
  };
}

interface Described {
  StackId?: string;
  StackStatus?: string;
  StackStatusReason?: string;
  Outputs?: { OutputKey?: string; OutputValue?: string }[];
}

/** Polls the child until its operation ends; a failure is the parent resource's, in CloudFormation's words
 * ("Embedded stack … was not successfully created: …"). */
async function settle(
  ctx: ResourceContext,
  stackId: string,
  done: 'created' | 'updated' | 'deleted',
): Promise<ResourceState> {
  for (;;) {
    const { Stacks } = (await ctx.call('cloudformation', 'DescribeStacks', { StackName: stackId })) as {
      Stacks?: Described[];
    };
    const stack = Stacks?.[0];
    const status = stack?.StackStatus ?? '';
    if (!status.endsWith('_IN_PROGRESS')) {
      const succeeded =
        done === 'deleted'
          ? status === 'DELETE_COMPLETE'
          : status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
      if (!succeeded) {
        const reason = stack?.StackStatusReason || (await failureReason(ctx, stackId)) || status;
        throw new ResourceFailure(`Embedded stack ${stackId} was not successfully ${done}: ${reason}`);
      }
      const attributes: Record<string, unknown> = { StackId: stackId };
      for (const output of stack?.Outputs ?? []) {
        if (output.OutputKey) attributes[`Outputs.${output.OutputKey}`] = output.OutputValue;
      }
      return { physicalId: stackId, attributes };
    }
    await pause(ctx);
  }
}

/** A rollback's final status has no reason: the failure's is on the stack's latest failing event. */
async function failureReason(ctx: ResourceContext, stackId: string): Promise<string | undefined> {
  const { StackEvents } = (await ctx.call('cloudformation', 'DescribeStackEvents', {
    StackName: stackId,
  })) as {
    StackEvents?: { PhysicalResourceId?: string; ResourceStatus?: string; ResourceStatusReason?: string }[];
  };
  return StackEvents?.find(
    (event) =>
      event.PhysicalResourceId === stackId &&
      /ROLLBACK_IN_PROGRESS|FAILED/.test(event.ResourceStatus ?? '') &&
      event.ResourceStatusReason,
  )?.ResourceStatusReason;
}
