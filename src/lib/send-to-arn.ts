// Sending a message to a resource named by its ARN — an SQS queue (SendMessage), an SNS topic (Publish) or
// a Lambda function (an asynchronous Invoke) — through that service's in-process API, as any client of it
// would. SNS subscriptions, EventBridge targets and dead-letter queues, S3 event notifications and Lambda
// destinations all deliver this way; each handles its other kinds of target itself.

import { type Arn, parseArn } from '../core/arn.js';
import { ServiceError } from '../core/errors.js';
import type { InProcessCall } from '../core/service.js';

export interface Message {
  /** The message (SQS, SNS) or the invocation's JSON payload (Lambda). */
  readonly body: string;
  /** SQS and SNS message attributes, as SendMessage and Publish take them. */
  readonly attributes?: Record<string, unknown>;
  /** SNS's Subject. */
  readonly subject?: string;
  /** A message group: sent to any queue (standard queues use it for fair queueing), to FIFO topics only. */
  readonly groupId?: string;
  /** A deduplication id: sent to FIFO queues and topics only, the only ones that accept it. */
  readonly deduplicationId?: string;
}

export interface Sender {
  readonly call: InProcessCall;
  /** The service sending (`sns`, `s3`…), as the receiving service sees its caller. */
  readonly caller: string;
}

/** The ARN services this module delivers to. */
export function deliversTo(arn: string): boolean {
  const service = parseArn(arn)?.service;
  return service === 'sqs' || service === 'sns' || service === 'lambda';
}

/** Sends `message` to the queue, topic or function `arn` names; rejects with what that service threw. */
export async function sendToArn(sender: Sender, arn: string, message: Message): Promise<void> {
  const parsed = parseArn(arn);
  if (!parsed) throw new ServiceError('InvalidParameterValue', `Invalid ARN: ${arn}`);
  const where = { account: parsed.account, region: parsed.region, caller: sender.caller };
  const fifo = parsed.resource.endsWith('.fifo');
  switch (parsed.service) {
    case 'sqs': {
      const input: Record<string, unknown> = { QueueUrl: queueUrlOf(parsed), MessageBody: message.body };
      if (message.attributes) input.MessageAttributes = message.attributes;
      if (message.groupId !== undefined) input.MessageGroupId = message.groupId;
      if (fifo && message.deduplicationId !== undefined)
        input.MessageDeduplicationId = message.deduplicationId;
      await sender.call('sqs', 'SendMessage', input, where);
      return;
    }
    case 'sns': {
      const input: Record<string, unknown> = { TopicArn: arn, Message: message.body };
      if (message.attributes) input.MessageAttributes = message.attributes;
      if (message.subject !== undefined) input.Subject = message.subject;
      if (fifo && message.groupId !== undefined) input.MessageGroupId = message.groupId;
      if (fifo && message.deduplicationId !== undefined)
        input.MessageDeduplicationId = message.deduplicationId;
      await sender.call('sns', 'Publish', input, where);
      return;
    }
    case 'lambda': {
      const payload = Buffer.from(message.body, 'utf8').toString('base64');
      await sender.call(
        'lambda',
        'Invoke',
        { FunctionName: arn, InvocationType: 'Event', Payload: payload },
        where,
      );
      return;
    }
    default:
      throw new ServiceError('InvalidParameterValue', `Nimbus cannot deliver to ${arn}.`);
  }
}

/** The URL SQS answers to for a queue ARN (SQS takes any host in a QueueUrl; the path names the queue). */
export function queueUrl(queueArn: string): string {
  const parsed = parseArn(queueArn);
  if (!parsed) throw new ServiceError('InvalidParameterValue', `Invalid ARN: ${queueArn}`);
  return queueUrlOf(parsed);
}

function queueUrlOf(arn: Arn): string {
  return `https://sqs.${arn.region}.amazonaws.com/${arn.account}/${arn.resource}`;
}
