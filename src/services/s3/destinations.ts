// Checking a notification configuration's destinations when it is saved, as S3 does: each queue, topic and
// function must exist, or PutBucketNotificationConfiguration fails with 400 InvalidArgument "Unable to
// validate the following destination configurations", naming each one that failed
// (ArgumentName1/ArgumentValue1, …). A destination must also be in the bucket's region, and queues and
// topics must be standard ones, not FIFO: "the FIFO SQS queue is not allowed" and destinations "must be in
// the same Region as your Amazon S3 bucket" (notification-how-to-event-types-and-destinations.html); S3
// refuses those with the same error (the per-destination wording here is Nimbus's own).
// `x-amz-skip-destination-validation: true` skips the check.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
// S3 also checks that the destination's policy lets S3 send to it; Nimbus enforces no policies, so that
// half is not checked.

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import type { NotificationConfig } from './notifications.js';

type Kind = 'queue' | 'topic' | 'Lambda';

export async function validateDestinations(
  call: InProcessCall,
  config: NotificationConfig,
  bucketRegion: string,
): Promise<void> {
  const destinations: [Kind, string][] = [
    ...(config.QueueConfigurations ?? []).map((c): [Kind, string] => ['queue', c.QueueArn ?? '']),
    ...(config.TopicConfigurations ?? []).map((c): [Kind, string] => ['topic', c.TopicArn ?? '']),
    ...(config.LambdaFunctionConfigurations ?? []).map((c): [Kind, string] => [
      'Lambda',
      c.LambdaFunctionArn ?? '',
    ]),
  ];
  const failed: [string, string][] = [];
  for (const [kind, arn] of destinations) {
    const problem = await problemWith(call, kind, arn, bucketRegion);
    if (problem) failed.push([arn, problem]);
  }
  if (failed.length === 0) return;
  const fields: Record<string, string> = {};
  for (const [index, [arn, problem]] of failed.entries()) {
    fields[`ArgumentName${index + 1}`] = arn;
    fields[`ArgumentValue${index + 1}`] = problem;
  }
  throw new ServiceError('InvalidArgument', 'Unable to validate the following destination configurations', {
    fields,
  });
}

async function problemWith(
  call: InProcessCall,
  kind: Kind,
  arn: string,
  bucketRegion: string,
): Promise<string | undefined> {
  const parsed = parseArn(arn);
  if (parsed?.region && parsed.region !== bucketRegion) {
    return `The destination ${kind} is not in the bucket's region (${bucketRegion})`;
  }
  if (kind !== 'Lambda' && parsed?.resource.endsWith('.fifo')) {
    return `FIFO ${kind}s are not supported as notification destinations`;
  }
  return (await exists(call, kind, arn)) ? undefined : `The destination ${kind} does not exist`;
}

async function exists(call: InProcessCall, kind: Kind, arn: string): Promise<boolean> {
  const parsed = parseArn(arn);
  if (!parsed?.account || !parsed.region) return false;
  const options = { account: parsed.account, region: parsed.region, caller: 's3' };
  try {
    if (kind === 'queue') {
      await call(
        'sqs',
        'GetQueueUrl',
        { QueueName: parsed.resource, QueueOwnerAWSAccountId: parsed.account },
        options,
      );
    } else if (kind === 'topic') {
      await call('sns', 'GetTopicAttributes', { TopicArn: arn }, options);
    } else {
      await call('lambda', 'GetFunction', { FunctionName: arn }, options);
    }
    return true;
  } catch {
    // Not found — or the service is not running in this cloud (`no service named lambda`): either way
    // S3 could not deliver there.
    return false;
  }
}
