// AWS::SNS::TopicPolicy: one policy document set as the `Policy` attribute of each listed topic.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html

import { isNotFound, listedPolicyType, type ResourceContext } from '../../../core/resources.js';

export const topicPolicy = listedPolicyType({
  type: 'AWS::SNS::TopicPolicy',
  targets: 'Topics',
  setPolicy,
  clearPolicy,
});

export async function setPolicy(ctx: ResourceContext, TopicArn: string, policy: string): Promise<void> {
  await ctx.call('sns', 'SetTopicAttributes', { TopicArn, AttributeName: 'Policy', AttributeValue: policy });
}

/** An empty `Policy` brings back the topic's default policy; a topic already deleted needs nothing. */
export async function clearPolicy(ctx: ResourceContext, TopicArn: string): Promise<void> {
  try {
    await setPolicy(ctx, TopicArn, '');
  } catch (error) {
    if (!isNotFound(error, ['NotFound'])) throw error;
  }
}
