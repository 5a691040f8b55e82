// AWS::SQS::QueueInlinePolicy: the policy document of one queue (its `Policy` attribute), identified by
// the queue's URL as CloudFormation's primary identifier says.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queueinlinepolicy.html

import {
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { clearPolicy } from './queue-policy.js';

export const queueInlinePolicy: ResourceType = {
  type: 'AWS::SQS::QueueInlinePolicy',

  async create(properties, ctx) {
    const QueueUrl = String(properties.Queue);
    await putPolicy(properties, QueueUrl, ctx);
    return { physicalId: QueueUrl, attributes: {} };
  },

  // Queue is create-only, so an update can only change the document.
  async update(current, properties, _previous, ctx) {
    await putPolicy(properties, current.physicalId, ctx);
    return current;
  },

  async delete(current, _properties, ctx) {
    await clearPolicy(ctx, current.physicalId);
  },
};

async function putPolicy(properties: ResourceProperties, QueueUrl: string, ctx: ResourceContext) {
  await ctx.call('sqs', 'SetQueueAttributes', {
    QueueUrl,
    Attributes: { Policy: stringProperty(properties.PolicyDocument) ?? '' },
  });
}
