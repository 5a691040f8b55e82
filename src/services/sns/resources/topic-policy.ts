// AWS::SNS::TopicPolicy: one policy document set as the `Policy` attribute of each listed topic.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const topicPolicy: ResourceType = {
  type: 'AWS::SNS::TopicPolicy',

  async create(properties, ctx) {
    const policy = document(properties);
    for (const TopicArn of topicArns(properties)) await setPolicy(ctx, TopicArn, policy);
    // The policy has no identity of its own in SNS; CloudFormation gives it a generated id as Ref.
    return { physicalId: ctx.physicalName(), attributes: { Id: ctx.physicalName() } };
  },

  async update(current, properties, previous, ctx) {
    const now = topicArns(properties);
    for (const TopicArn of topicArns(previous)) {
      if (!now.includes(TopicArn)) await clearPolicy(ctx, TopicArn);
    }
    const policy = document(properties);
    for (const TopicArn of now) await setPolicy(ctx, TopicArn, policy);
    return current;
  },

  async delete(_current, properties, ctx) {
    for (const TopicArn of topicArns(properties)) await clearPolicy(ctx, TopicArn);
  },
};

function topicArns(properties: ResourceProperties): string[] {
  return Array.isArray(properties.Topics) ? properties.Topics.map(String) : [];
}

function document(properties: ResourceProperties): string {
  return stringProperty(properties.PolicyDocument) ?? '';
}

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
