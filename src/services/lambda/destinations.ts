// Sending a record to a destination ARN: an SQS queue, an SNS topic, a Lambda function or an EventBridge
// bus, through the in-process API of that service. Used by asynchronous invocation (OnSuccess/OnFailure,
// dead-letter queues) and event source mappings (OnFailure).
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html

import { parseArn } from '../../core/arn.js';
import type { InProcessCall } from '../../core/service.js';
import { deliversTo, sendToArn } from '../../lib/send-to-arn.js';

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
  if (deliversTo(arn)) {
    return sendToArn({ call: to.call, caller: 'lambda' }, arn, { body, attributes: options.attributes });
  }
  const parsed = parseArn(arn);
  if (parsed?.service !== 'events') throw new Error(`unsupported destination: ${arn}`);
  const entry = {
    EventBusName: arn,
    Source: 'lambda',
    DetailType: options.detailType ?? 'Lambda Function Invocation Result',
    Detail: body,
  };
  const where = {
    account: parsed.account || to.account,
    region: parsed.region || to.region,
    caller: 'lambda',
  };
  await to.call('eventbridge', 'PutEvents', { Entries: [entry] }, where);
}
