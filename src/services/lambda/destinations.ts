// Sending a record to a destination ARN: an SQS queue, an SNS topic, a Lambda function or an EventBridge
// bus, through the in-process API of that service. Used by asynchronous invocation (OnSuccess/OnFailure,
// dead-letter queues) and event source mappings (OnFailure).
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html

import { parseArn } from '../../core/arn.js';
import type { InProcessCall } from '../../core/service.js';

export interface Destination {
  readonly call: InProcessCall;
  readonly account: string;
  readonly region: string;
}

/** Sends `body` (a JSON text) to `arn`; rejects when the target service refuses it. */
export async function sendToDestination(
  to: Destination,
  arn: string,
  body: string,
  options: {
    attributes?: Record<string, { DataType: string; StringValue: string }>;
    detailType?: string;
  } = {},
): Promise<void> {
  const parsed = parseArn(arn);
  if (!parsed) throw new Error(`not an ARN: ${arn}`);
  const callOptions = {
    account: parsed.account || to.account,
    region: parsed.region || to.region,
    caller: 'lambda',
  };
  switch (parsed.service) {
    case 'sqs': {
      const { QueueUrl } = (await to.call(
        'sqs',
        'GetQueueUrl',
        { QueueName: parsed.resource, QueueOwnerAWSAccountId: parsed.account },
        callOptions,
      )) as { QueueUrl: string };
      await to.call(
        'sqs',
        'SendMessage',
        { QueueUrl, MessageBody: body, MessageAttributes: options.attributes },
        callOptions,
      );
      return;
    }
    case 'sns':
      await to.call(
        'sns',
        'Publish',
        { TopicArn: arn, Message: body, MessageAttributes: options.attributes },
        callOptions,
      );
      return;
    case 'lambda':
      await to.call(
        'lambda',
        'Invoke',
        { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(body).toString('base64') },
        callOptions,
      );
      return;
    case 'events':
      await to.call(
        'eventbridge',
        'PutEvents',
        {
          Entries: [
            {
              EventBusName: arn,
              Source: 'lambda',
              DetailType: options.detailType ?? 'Lambda Function Invocation Result',
              Detail: body,
            },
          ],
        },
        callOptions,
      );
      return;
    default:
      throw new Error(`unsupported destination: ${arn}`);
  }
}
