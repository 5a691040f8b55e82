// Helpers for the DynamoDB Streams → Lambda tests: a `rolled` table with a stream, a function that reports
// each record as "pk:v" to the `rolled` queue, and the deliveries read back from that queue.

import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, TEST_CREDENTIALS } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

export const HOUR = 60 * 60 * 1000;
// Reports each record as "pk:v" to the `rolled` queue of this cloud (the port can change on a restart).
const HANDLER = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  for (const r of event.Records)
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AWS_ENDPOINT_URL + '/000000000000/rolled', MessageBody: r.dynamodb.Keys.pk.S + ':' + r.dynamodb.NewImage.v.N }));
};`;

export function clients(cloud: Cloud) {
  const options = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
  return { lambda: lambdaClient(cloud), sqs: sqsClient(cloud), dynamodb: new DynamoDBClient(options) };
}

export async function setUp(
  cloud: Cloud,
  mapping: Record<string, unknown>,
  beforeMapping?: () => Promise<unknown>,
) {
  const { lambda, sqs, dynamodb } = clients(cloud);
  await sqs.send(new CreateQueueCommand({ QueueName: 'rolled' }));
  const { TableDescription } = await dynamodb.send(
    new CreateTableCommand({
      TableName: 'rolled',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await createFunction(lambda, 'on-rolled', { 'index.js': HANDLER }, { timeout: 10 });
  await beforeMapping?.();
  const { UUID } = await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: TableDescription!.LatestStreamArn!,
      FunctionName: 'on-rolled',
      StartingPosition: 'TRIM_HORIZON',
      ...mapping,
    }),
  );
  return UUID!;
}

export const put = (dynamodb: DynamoDBClient, pk: string, v: number) =>
  dynamodb.send(new PutItemCommand({ TableName: 'rolled', Item: { pk: { S: pk }, v: { N: String(v) } } }));

/**
 * Every message until `count` have arrived (or 20 s have passed), then a short wait for strays. Messages
 * are deleted once read: moving the clock would otherwise make them visible again.
 */
export async function seen(cloud: Cloud, sqs: SQSClient, count: number): Promise<string[]> {
  const out: string[] = [];
  const url = `${cloud.endpoint}/000000000000/rolled`;
  const receive = async () => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
    );
    for (const m of Messages) {
      out.push(m.Body ?? '');
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  };
  for (let i = 0; i < 800 && out.length < count; i++) {
    await receive();
    if (out.length < count) await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 300));
  await receive();
  return out;
}

/** The deliveries of each key, in arrival order. */
export function byKey(deliveries: string[]): Record<string, number[]> {
  const keys: Record<string, number[]> = {};
  for (const d of deliveries) {
    const [pk, v] = d.split(':') as [string, string];
    keys[pk] = [...(keys[pk] ?? []), Number(v)];
  }
  return keys;
}

export async function waitForOk(lambda: LambdaClient, UUID: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const mapping = await lambda.send(new GetEventSourceMappingCommand({ UUID }));
    if (mapping.LastProcessingResult === 'OK') return;
    await new Promise((r) => setTimeout(r, 25));
  }
}
