// Shared pieces of the subscription tests: the payload CloudWatch Logs sends, and a Lambda function that
// forwards each `awslogs` payload it receives (decoded, with the event's top-level keys) to an SQS queue.

import { AddPermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { createFunction } from '../lambda/helpers.js';

/** A subscription's document, as AWS documents it (SubscriptionFilters.html). */
export interface LogsPayload {
  messageType: string;
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: { id: string; timestamp: number; message: string; extractedFields?: Record<string, string> }[];
}

/** What the forwarder sends for each invocation. */
export interface Forwarded {
  keys: string[];
  payload: LogsPayload;
}

const FORWARDER = `
const zlib = require('zlib');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const payload = JSON.parse(zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString());
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: JSON.stringify({ keys: Object.keys(event), payload }) }));
};`;

/** The forwarder as `name`, reporting to `seenUrl`, with the resource policy CloudWatch Logs needs
 * (optionally limited to `sourceArn`). */
export async function createForwarder(
  lambda: LambdaClient,
  name: string,
  seenUrl: string,
  sourceArn?: string,
): Promise<void> {
  await createFunction(lambda, name, { 'index.js': FORWARDER }, { environment: { SEEN_URL: seenUrl } });
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: name,
      StatementId: 'logs',
      Action: 'lambda:InvokeFunction',
      Principal: 'logs.amazonaws.com',
      ...(sourceArn ? { SourceArn: sourceArn } : {}),
    }),
  );
}
