// AWS::StepFunctions::StateMachine: CreateStateMachine from the template's definition (inline, string or
// S3, with DefinitionSubstitutions), updated in place with UpdateStateMachine and the tag operations; a new
// StateMachineName or StateMachineType replaces it (create-only). Ref is the ARN; GetAtt Arn, Name and
// StateMachineRevisionId (`INITIAL` until the machine is first updated, as AWS's handler answers).
// An unnamed machine is named `<LogicalId>-<suffix>`, as CloudFormation names them (no stack prefix).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagChanges,
} from '../../../core/resources.js';
import { definitionOf, encryptionOf, loggingOf, tagsOf, tracingOf } from './properties.js';

export const stateMachine: ResourceType = {
  type: 'AWS::StepFunctions::StateMachine',

  async create(properties, ctx) {
    const name = stringProperty(properties.StateMachineName) ?? generatedName(ctx);
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('sfn', 'CreateStateMachine', {
      name,
      definition: await definitionOf(properties, ctx),
      roleArn: stringProperty(properties.RoleArn),
      type: stringProperty(properties.StateMachineType),
      loggingConfiguration: loggingOf(properties),
      tracingConfiguration: tracingOf(properties),
      encryptionConfiguration: encryptionOf(properties),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return state(ctx, String(created.stateMachineArn));
  },

  async update(current, properties, previous, ctx) {
    const stateMachineArn = current.physicalId;
    await ctx.call('sfn', 'UpdateStateMachine', {
      stateMachineArn,
      definition: await definitionOf(properties, ctx),
      roleArn: stringProperty(properties.RoleArn),
      // A setting the template no longer names goes back to AWS's default.
      loggingConfiguration: loggingOf(properties) ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: tracingOf(properties) ?? { enabled: false },
      encryptionConfiguration: encryptionOf(properties) ?? { type: 'AWS_OWNED_KEY' },
    });
    const { set, removed } = tagChanges(properties, previous);
    if (removed.length > 0)
      await ctx.call('sfn', 'UntagResource', { resourceArn: stateMachineArn, tagKeys: removed });
    const added = Object.entries(set).map(([key, value]) => ({ key, value }));
    if (added.length > 0) await ctx.call('sfn', 'TagResource', { resourceArn: stateMachineArn, tags: added });
    return state(ctx, stateMachineArn);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sfn', 'DeleteStateMachine', { stateMachineArn: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['StateMachineDoesNotExist', 'InvalidArn'])) throw error;
    }
  },
};

/** `<LogicalId>-<12 characters>` within the 80-character limit, the suffix the engine's for this resource. */
function generatedName(ctx: ResourceContext): string {
  const suffix = ctx.physicalName().split('-').pop() ?? '';
  const mixed = [...suffix].map((c, i) => (i % 2 === 1 ? c.toLowerCase() : c)).join('');
  return `${ctx.logicalId.slice(0, 80 - mixed.length - 1)}-${mixed}`;
}

async function state(ctx: ResourceContext, arn: string): Promise<ResourceState> {
  const described = await ctx.call('sfn', 'DescribeStateMachine', { stateMachineArn: arn });
  return {
    physicalId: arn,
    attributes: {
      Arn: arn,
      Name: described.name,
      StateMachineRevisionId: described.revisionId ?? 'INITIAL',
    },
  };
}
