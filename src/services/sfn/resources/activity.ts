// AWS::StepFunctions::Activity: CreateActivity; Name and EncryptionConfiguration are create-only (a change
// replaces it), Tags update in place. Ref is the ARN; GetAtt Arn and Name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-activity.html

import { type ResourceType, stringProperty, tagChanges } from '../../../core/resources.js';
import { encryptionOf, tagsOf } from './properties.js';

export const activity: ResourceType = {
  type: 'AWS::StepFunctions::Activity',
  attributes: ['Name'],

  async create(properties, ctx) {
    const name = stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 80 });
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('sfn', 'CreateActivity', {
      name,
      encryptionConfiguration: encryptionOf(properties),
      ...(tags.length > 0 ? { tags } : {}),
    });
    const arn = String(created.activityArn);
    return { physicalId: arn, attributes: { Arn: arn, Name: name } };
  },

  async update(current, properties, previous, ctx) {
    const resourceArn = current.physicalId;
    const { set, removed } = tagChanges(properties, previous);
    if (removed.length > 0) await ctx.call('sfn', 'UntagResource', { resourceArn, tagKeys: removed });
    const added = Object.entries(set).map(([key, value]) => ({ key, value }));
    if (added.length > 0) await ctx.call('sfn', 'TagResource', { resourceArn, tags: added });
    return current;
  },

  // DeleteActivity succeeds for an activity already gone.
  async delete(current, _properties, ctx) {
    await ctx.call('sfn', 'DeleteActivity', { activityArn: current.physicalId });
  },
};
