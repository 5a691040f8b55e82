// The SQS calls the console makes (awsJson 1.0), typed as the API answers them.

import type { ConsoleContext } from '../../../console/contract.js';

export function sqs<T>(ctx: ConsoleContext, operation: string, input: object): Promise<T> {
  return ctx.aws.json<T>('sqs', `AmazonSQS.${operation}`, '1.0', input);
}

export async function queueUrl(ctx: ConsoleContext, name: string): Promise<string> {
  return (await sqs<{ QueueUrl: string }>(ctx, 'GetQueueUrl', { QueueName: name })).QueueUrl;
}

export async function attributes(ctx: ConsoleContext, url: string): Promise<Record<string, string>> {
  return (
    (
      await sqs<{ Attributes?: Record<string, string> }>(ctx, 'GetQueueAttributes', {
        QueueUrl: url,
        AttributeNames: ['All'],
      })
    ).Attributes ?? {}
  );
}

export function nameOfUrl(url: string): string {
  return url.split('/').pop() ?? url;
}
