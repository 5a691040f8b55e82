// AWS::SQS::QueuePolicy: one policy document set as the `Policy` attribute of each listed queue.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queuepolicy.html

import {
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const queuePolicy: ResourceType = {
  type: 'AWS::SQS::QueuePolicy',

  async create(properties, ctx) {
    const Policy = document(properties);
    for (const QueueUrl of queueUrls(properties)) await setPolicy(ctx, QueueUrl, Policy);
    // The policy has no identity of its own in SQS; CloudFormation gives it a generated id as Ref.
    return { physicalId: ctx.physicalName(), attributes: { Id: ctx.physicalName() } };
  },

  async update(current, properties, previous, ctx) {
    const now = queueUrls(properties);
    for (const QueueUrl of queueUrls(previous)) {
      if (!now.includes(QueueUrl)) await clearPolicy(ctx, QueueUrl);
    }
    const Policy = document(properties);
    for (const QueueUrl of now) await setPolicy(ctx, QueueUrl, Policy);
    return current;
  },

  async delete(_current, properties, ctx) {
    for (const QueueUrl of queueUrls(properties)) await clearPolicy(ctx, QueueUrl);
  },
};

function queueUrls(properties: ResourceProperties): string[] {
  return Array.isArray(properties.Queues) ? properties.Queues.map(String) : [];
}

function document(properties: ResourceProperties): string {
  return stringProperty(properties.PolicyDocument) ?? '';
}

async function setPolicy(ctx: ResourceContext, QueueUrl: string, Policy: string): Promise<void> {
  await ctx.call('sqs', 'SetQueueAttributes', { QueueUrl, Attributes: { Policy } });
}

/** An empty `Policy` removes it; a queue already deleted has nothing left to clear. */
export async function clearPolicy(ctx: ResourceContext, QueueUrl: string): Promise<void> {
  try {
    await setPolicy(ctx, QueueUrl, '');
  } catch (error) {
    if (!isNotFound(error, ['QueueDoesNotExist'])) throw error;
  }
}
