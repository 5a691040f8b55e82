// The resource-based policy of a resource, read from the service that owns it with an in-process call
// (never by importing its files): SQS queue policies, SNS topic policies, S3 bucket policies, Lambda
// function policies, EventBridge bus policies, and a role's trust policy for sts:AssumeRole.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html

import type { InProcessCall, RequestContext } from '../../core/service.js';

/** The policy document (JSON text) of `arn`, or undefined when it has none or is not found. */
export async function resourcePolicyOf(
  call: InProcessCall,
  signingName: string,
  operation: string,
  arn: string,
  ctx: RequestContext,
): Promise<string | undefined> {
  if (arn === '*') return undefined;
  const parts = arn.split(':');
  const account = parts[4] || ctx.account;
  const options = { account, region: parts[3] || ctx.region, caller: 'iam-authorizer' };
  const read = async (service: string, op: string, input: Record<string, unknown>) =>
    (await call(service, op, input, options).catch(() => undefined)) as Record<string, unknown> | undefined;
  switch (signingName) {
    case 'sqs': {
      const queueUrl = `http://${ctx.host}/${account}/${parts[5]}`;
      const out = await read('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['Policy'] });
      return stringOf((out?.Attributes as Record<string, unknown> | undefined)?.Policy);
    }
    case 'sns': {
      if (operation === 'CreateTopic') return undefined;
      const out = await read('sns', 'GetTopicAttributes', { TopicArn: arn });
      return stringOf((out?.Attributes as Record<string, unknown> | undefined)?.Policy);
    }
    case 's3': {
      const bucket = (parts[5] ?? '').split('/')[0];
      if (!bucket || operation === 'CreateBucket') return undefined;
      return stringOf((await read('s3', 'GetBucketPolicy', { Bucket: bucket }))?.Policy);
    }
    case 'lambda':
      return stringOf((await read('lambda', 'GetPolicy', { FunctionName: arn }))?.Policy);
    case 'events': {
      const bus = /:event-bus\/(.+)$/.exec(arn)?.[1];
      return bus
        ? stringOf((await read('eventbridge', 'DescribeEventBus', { Name: bus }))?.Policy)
        : undefined;
    }
    case 'sts': {
      const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
      const out = role ? await read('iam', 'GetRole', { RoleName: role }) : undefined;
      const document = stringOf((out?.Role as Record<string, unknown> | undefined)?.AssumeRolePolicyDocument);
      return document && decodeURIComponent(document);
    }
    default:
      return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
