// AWS::SQS::QueuePolicy: one policy document set as the `Policy` attribute of each listed queue.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queuepolicy.html

import { isNotFound, listedPolicyType, type ResourceContext } from '../../../core/resources.js';

export const queuePolicy = listedPolicyType({
  type: 'AWS::SQS::QueuePolicy',
  targets: 'Queues',
  setPolicy,
  clearPolicy,
});

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
