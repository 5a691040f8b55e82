// AWS::SNS::TopicInlinePolicy: the policy document of one topic (its `Policy` attribute), identified by
// the topic's ARN as CloudFormation's primary identifier says.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicinlinepolicy.html

import { type ResourceType, stringProperty } from '../../../core/resources.js';
import { clearPolicy, setPolicy } from './topic-policy.js';

export const topicInlinePolicy: ResourceType = {
  type: 'AWS::SNS::TopicInlinePolicy',

  async create(properties, ctx) {
    const TopicArn = String(properties.TopicArn);
    await setPolicy(ctx, TopicArn, stringProperty(properties.PolicyDocument) ?? '');
    return { physicalId: TopicArn, attributes: {} };
  },

  // TopicArn is create-only, so an update can only change the document.
  async update(current, properties, _previous, ctx) {
    await setPolicy(ctx, current.physicalId, stringProperty(properties.PolicyDocument) ?? '');
    return current;
  },

  async delete(current, _properties, ctx) {
    await clearPolicy(ctx, current.physicalId);
  },
};
