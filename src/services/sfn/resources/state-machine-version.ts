// AWS::StepFunctions::StateMachineVersion: PublishStateMachineVersion of the machine's current revision
// (checked against StateMachineRevisionId when given; `INITIAL` names a machine never updated). Every
// property is create-only, so a new revision id (GetAtt of the machine) publishes a new version and the
// old one is deleted at cleanup. Ref and GetAtt Arn are the version ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachineversion.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

export const stateMachineVersion: ResourceType = {
  type: 'AWS::StepFunctions::StateMachineVersion',

  async create(properties, ctx) {
    const revisionId = stringProperty(properties.StateMachineRevisionId);
    const published = await ctx.call('sfn', 'PublishStateMachineVersion', {
      stateMachineArn: stringProperty(properties.StateMachineArn),
      revisionId: revisionId === 'INITIAL' ? undefined : revisionId,
      description: stringProperty(properties.Description),
    });
    const arn = String(published.stateMachineVersionArn);
    return { physicalId: arn, attributes: { Arn: arn } };
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sfn', 'DeleteStateMachineVersion', { stateMachineVersionArn: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['InvalidArn'])) throw error;
    }
  },
};
